/// The typed values a Deployment's own annotations hold, decoded once per annotation text: the
/// rollout state (`rollout.dev/state`, JSON) and the strategy parameters
/// (`rollout.dev/strategy-params`, YAML). Passes read them here instead of parsing the text at
/// every pass, and write the state back only when it changed. Each entry is checked against
/// the annotation's current text, so a write from anywhere else (an operator verb, an apply) is
/// never missed.
public final class DecodedAnnotations {
  private var states: [ObjectKey: (text: String?, state: RolloutState)] = [:]
  private var parameters:
    [ObjectKey: (text: String?, value: Result<JSONValue, StrategyParametersError>)] = [:]

  public init() {}

  /// The rollout state stored on `deployment` (`RolloutState.read`).
  public func state(of deployment: Deployment) -> RolloutState {
    let text = deployment.metadata.annotation(RolloutState.annotation)
    if let cached = states[deployment.key], cached.text == text { return cached.state }
    let state = RolloutState.read(from: deployment)
    states[deployment.key] = (text, state)
    return state
  }

  /// Stores `state` on `deployment` (`RolloutState.write`), unless the annotation already
  /// holds exactly that state.
  public func write(_ state: RolloutState, to deployment: inout Deployment) {
    let text = deployment.metadata.annotation(RolloutState.annotation)
    if text != nil, let cached = states[deployment.key], cached.text == text,
      cached.state == state
    {
      return
    }
    state.write(to: &deployment)
    states[deployment.key] = (deployment.metadata.annotation(RolloutState.annotation), state)
  }

  /// The strategy parameters on `deployment` (`Deployment.strategyParameters`).
  public func parameters(of deployment: Deployment) throws(StrategyParametersError) -> JSONValue {
    let text = deployment.metadata.annotation(Annotations.strategyParams)
    let value: Result<JSONValue, StrategyParametersError>
    if let cached = parameters[deployment.key], cached.text == text {
      value = cached.value
    } else {
      do {
        value = .success(try deployment.strategyParameters())
      } catch {
        value = .failure(error)
      }
      parameters[deployment.key] = (text, value)
    }
    return try value.get()
  }
}
