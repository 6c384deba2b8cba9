import Engine
import Testing

/// The rollout state and strategy parameters decoded once per annotation text.
@Suite struct DecodedAnnotationsTests {
  private func deployment(state: String? = nil, params: String? = nil) -> Deployment {
    var deployment = ControllerFixtures.deployment()
    if let state { deployment.metadata.setAnnotation(RolloutState.annotation, state) }
    if let params { deployment.metadata.setAnnotation(Annotations.strategyParams, params) }
    return deployment
  }

  @Test func stateFollowsTheAnnotationText() {
    let decoded = DecodedAnnotations()
    let first = deployment(state: #"{"phase":"Paused","revision":2}"#)
    #expect(decoded.state(of: first) == RolloutState.read(from: first))
    #expect(decoded.state(of: first).phase == .paused)
    let second = deployment(state: #"{"phase":"Healthy","revision":3}"#)
    #expect(decoded.state(of: second).phase == .healthy)
    #expect(decoded.state(of: second).revision == 3)
    #expect(decoded.state(of: deployment()) == RolloutState())
  }

  /// An unchanged state is not written again: the annotation keeps its text as it was (here
  /// with spaces `RolloutState.write` would not put there).
  @Test func anUnchangedStateIsNotRewritten() {
    let decoded = DecodedAnnotations()
    let text = #"{ "phase": "Paused", "revision": 2 }"#
    var stored = deployment(state: text)
    var state = decoded.state(of: stored)
    decoded.write(state, to: &stored)
    #expect(stored.metadata.annotation(RolloutState.annotation) == text)
    state.phase = .progressing
    decoded.write(state, to: &stored)
    #expect(stored.metadata.annotation(RolloutState.annotation) != text)
    #expect(RolloutState.read(from: stored) == state)
    #expect(decoded.state(of: stored) == state)
  }

  @Test func parametersFollowTheAnnotationTextErrorsIncluded() throws {
    let decoded = DecodedAnnotations()
    let first = deployment(params: "{steps: [25, 50]}")
    #expect(try decoded.parameters(of: first) == first.strategyParameters())
    let second = deployment(params: "[1, 2]")
    #expect(throws: StrategyParametersError.self) { try decoded.parameters(of: second) }
    #expect(throws: StrategyParametersError.self) { try decoded.parameters(of: second) }
    let third = deployment(params: "{batch: 2}")
    #expect(try decoded.parameters(of: third) == ["batch": 2])
    #expect(try decoded.parameters(of: deployment()) == .object([:]))
  }
}
