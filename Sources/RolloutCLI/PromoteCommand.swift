import ArgumentParser
import Engine
import Strategies

/// `rollout promote NAME [--full]`: past the current pause, or straight to the new version.
struct PromoteCommand: OperatorVerb {
  static let configuration = CommandConfiguration(
    commandName: "promote",
    abstract: "Promote a paused rollout past its current pause (--full: skip all remaining steps).")

  @OptionGroup var target: TargetOptions
  @Flag(help: "Skip the remaining steps and go straight to the new version.") var full = false
  @OptionGroup var store: StoreOptions
  @OptionGroup var simulation: SimulationOptions
  @OptionGroup var output: OutputOptions

  func change(_ deployment: inout Deployment, _ state: inout RolloutState, session: Session)
    throws
  {
    if full {
      state.promoteFull = true
      state.finished = false
    } else if state.pause == nil {
      throw InputError(
        "\(deployment.kind.lowercased()) \"\(deployment.metadata.name)\" is not paused by its strategy; "
          + "nothing to promote (use --full to skip the remaining steps)")
    }
    state.promoted = true
    state.endPause()
  }
}

/// `rollout abort NAME`: back to the stable version.
struct AbortCommand: OperatorVerb {
  static let configuration = CommandConfiguration(
    commandName: "abort",
    abstract:
      "Abort a rollout: the strategy takes it back to the stable version (Degraded, RolloutAborted)."
  )

  @OptionGroup var target: TargetOptions
  @OptionGroup var store: StoreOptions
  @OptionGroup var simulation: SimulationOptions
  @OptionGroup var output: OutputOptions

  func change(_ deployment: inout Deployment, _ state: inout RolloutState, session: Session)
    throws
  {
    let strategy = StrategySource.defaultSpec(for: deployment)
    if ["rolling", "recreate"].contains(strategy) {
      throw InputError(
        "the \(strategy) strategy has no abort; use `rollout undo \(deployment.metadata.name)` to go back"
      )
    }
    if state.phase == .healthy {
      throw InputError("\"\(deployment.metadata.name)\" is fully rolled out; nothing to abort")
    }
    state.aborted = true
    state.finished = false
    state.endPause()
    (state.phase, state.reason) = (.degraded, RolloutState.Reason.aborted)
  }
}

/// `rollout retry NAME`: start an aborted (or failed) rollout again from its first step.
struct RetryCommand: OperatorVerb {
  static let configuration = CommandConfiguration(
    commandName: "retry",
    abstract: "Retry an aborted or failed rollout from its first step.")

  @OptionGroup var target: TargetOptions
  @OptionGroup var store: StoreOptions
  @OptionGroup var simulation: SimulationOptions
  @OptionGroup var output: OutputOptions

  func change(_ deployment: inout Deployment, _ state: inout RolloutState, session: Session)
    throws
  {
    guard state.aborted || state.blocksSteps else {
      throw InputError(
        "\"\(deployment.metadata.name)\" is neither aborted nor failed; nothing to retry")
    }
    state.aborted = false
    state.finished = false
    state.strategyState = .object([:])
    state.step = nil
    state.desiredWeight = nil
    state.pause = nil
    (state.phase, state.reason, state.message) = (.progressing, nil, nil)
  }
}
