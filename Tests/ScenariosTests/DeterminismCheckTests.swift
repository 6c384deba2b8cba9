import Engine
import Scenarios
import Testing

/// A case run twice on two instances of a strategy fails when the second run decides
/// differently, naming the step and the first field that differs. The strategies here are test
/// doubles: each instance knows which one it is, so a difference is certain.
@Suite struct DeterminismCheckTests {
  /// The rolling strategy, with `vary` applied to each decision of instance `instance`.
  static func instance(
    _ instance: Int,
    vary: @escaping @Sendable (Int, inout StrategyDecision) throws -> Void = {
      _, _ in
    }
  ) -> ClosureStrategy {
    ClosureStrategy { snapshot in
      var decision = try NativeRollingStrategy().step(snapshot)
      try vary(instance, &decision)
      return decision
    }
  }

  static let check = DecisionCase(
    snapshot: StrategySnapshot(
      deployment: DeploymentView(name: "web", replicas: 10),
      newReplicaSet: ReplicaSetView(name: "web-2", revision: 2, replicas: 0),
      oldReplicaSets: [
        ReplicaSetView(name: "web-1", revision: 1, replicas: 10, availableReplicas: 10)
      ],
      fenceposts: Fenceposts(maxSurge: 3, maxUnavailable: 2), now: 0),
    expect: DecisionExpectation())

  @Test func twoInstancesThatAgreePass() {
    let decision = DeterminismCheck.decision(
      Self.check, first: Self.instance(1), second: Self.instance(2))
    #expect(decision.failures.isEmpty, "\(decision.failures)")
    let run = DeterminismCheck.scenario(
      ScenarioFixtures.update(), strategyName: "rolling", first: Self.instance(1),
      second: Self.instance(2))
    #expect(run.failures.isEmpty, "\(run.failureLines)")
  }

  /// (what the second instance changes, the field the failure must name)
  static let variations: [(String, @Sendable (Int, inout StrategyDecision) throws -> Void)] = [
    ("message: \"instance 1\" then \"instance 2\"", { n, d in d.message = "instance \(n)" }),
    ("weight: 1 then 2", { n, d in d.weight = n }),
    ("state: {\"n\":1} then {\"n\":2}", { n, d in d.state = .object(["n": .int(n)]) }),
    (
      "a decision then error: instance 2 refuses",
      { n, _ in
        if n == 2 { throw Refusal(text: "instance \(n) refuses") }
      }
    ),
  ]

  @Test(arguments: 0..<4)
  func aDecisionCaseThatDiffersNamesTheField(_ index: Int) {
    let (field, vary) = Self.variations[index]
    let result = DeterminismCheck.decision(
      Self.check, first: Self.instance(1, vary: vary), second: Self.instance(2, vary: vary))
    #expect(
      result.failures.map(\.description) == [
        "\(DeterminismCheck.expectation): step 1 decided differently in a second run: \(field)"
      ])
  }

  @Test func aScenarioThatDiffersLaterNamesThatStep() {
    // The instances agree until the new ReplicaSet first has pods, then say so differently.
    let vary: @Sendable (Int, inout StrategyDecision) throws -> Void = { n, d in
      if d.scale.contains(where: { $0.replicas == 0 }) {
        d.message = "instance \(n)"
      }
    }
    let recorder = DeterminismCheck.Recording(Self.instance(1))
    _ = ScenarioFixtures.runner(recorder).run(ScenarioFixtures.update())
    let firstScaleDown =
      (recorder.steps.firstIndex {
        guard case .decided(let d) = $0.outcome else { return false }
        return d.scale.contains { $0.replicas == 0 }
      } ?? -1) + 1
    #expect(firstScaleDown > 1, "the rollout scales an old ReplicaSet to 0 at some step")
    let run = DeterminismCheck.scenario(
      ScenarioFixtures.update(), strategyName: "rolling", first: Self.instance(1, vary: vary),
      second: Self.instance(2, vary: vary))
    let failure = run.failure(DeterminismCheck.expectation)
    #expect(
      failure?.message
        == "step \(firstScaleDown) decided differently in a second run: message: null then \"instance 2\""
        || failure?.message
          == "step \(firstScaleDown) decided differently in a second run: message: \"instance 1\" then \"instance 2\"",
      "\(run.failureLines)")
  }

  @Test func runsOfDifferentLengthsFail() {
    let decided = DeterminismCheck.Outcome.decided(StrategyDecision())
    let failure = DeterminismCheck.compare(
      [.init(time: 0, outcome: decided)],
      [.init(time: 0, outcome: decided), .init(time: 5, outcome: decided)])
    #expect(failure?.message == "the first run took 1 steps, a second run 2")
    #expect(failure?.time == 5)
  }
}

struct Refusal: Error, CustomStringConvertible {
  var text: String
  var description: String { text }
}
