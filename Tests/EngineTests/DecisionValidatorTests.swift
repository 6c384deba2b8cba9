import Engine
import Simulator
import Testing

/// A bad decision (or a failing strategy) degrades the rollout and scales nothing; fixing the
/// strategy and re-applying lets it complete.
struct DecisionValidatorTests {
  struct Boom: Error, CustomStringConvertible {
    var description: String { "boom at canary.lua:7" }
  }

  struct BadStrategy: Sendable, CustomTestStringConvertible {
    var name: String
    /// A piece of the degraded message: the error, quoted.
    var quote: String
    var decide: @Sendable (StrategySnapshot) throws -> StrategyDecision
    var testDescription: String { name }
  }

  static func scale(_ name: String, _ replicas: Int, origin: String? = nil) -> ScaleOperation {
    ScaleOperation(replicaSet: name, replicas: replicas, origin: origin)
  }

  static let bad: [BadStrategy] = [
    .init(name: "unknown ReplicaSet", quote: "unknown ReplicaSet \"web-nope\"") { _ in
      StrategyDecision(scale: [scale("web-nope", 1)])
    },
    .init(name: "negative count", quote: "to a negative count (-1)") { snapshot in
      StrategyDecision(scale: [scale(snapshot.newReplicaSet.name, -1)])
    },
    .init(name: "absurd count", quote: "to 131, absurd for a deployment of 10 replicas") {
      snapshot in
      // limit 10 * (10 + 3) = 130
      StrategyDecision(scale: [
        scale(snapshot.newReplicaSet.name, DecisionValidator.absurdLimit(for: snapshot) + 1)
      ])
    },
    .init(name: "pause without a reason", quote: "pauses without a reason") { _ in
      StrategyDecision(pause: PauseRequest(reason: ""))
    },
    .init(name: "strategy throws", quote: "boom at canary.lua:7") { _ in throw Boom() },
    .init(name: "two good operations, then a bad one", quote: "rolling.lua:9: decision scales") {
      snapshot in
      StrategyDecision(scale: [
        scale(snapshot.newReplicaSet.name, 3),
        scale(snapshot.oldReplicaSets[0].name, 8),
        scale(snapshot.newReplicaSet.name, -2, origin: "rolling.lua:9"),
      ])
    },
  ]

  @Test(arguments: bad)
  func aBadDecisionDegradesAndScalesNothing(_ strategy: BadStrategy) throws {
    let harness = try ControllerHarness(ControllerFixtures.deployment(replicas: 10))
    #expect(try harness.run().result == .complete)
    harness.box.strategy = ClosureStrategy(decide: strategy.decide)
    let mark = harness.events.count
    try harness.setImage("web:v2")
    let outcome = try harness.run()

    #expect(outcome.result == .degraded)
    #expect(outcome.phase == .degraded)
    #expect(outcome.reason == DeploymentCondition.Reason.strategyFailed)
    #expect(outcome.message?.contains(strategy.quote) == true, "\(outcome.message ?? "nil")")
    #expect(harness.scales(from: mark).isEmpty)
    let v1 = try #require(harness.replicaSet(image: "web:v1"))
    let v2 = try #require(harness.replicaSet(image: "web:v2"))
    #expect(harness.specs == [v1.metadata.name: 10, v2.metadata.name: 0])
    #expect(v1.availableReplicas == 10)
    let degraded = harness.events[mark...].compactMap { event -> String? in
      if case .degraded(_, _, let reason, let message) = event {
        return "\(reason): \(message)"
      }
      return nil
    }
    #expect(degraded == ["StrategyFailed: \(outcome.message ?? "")"])

    // Running again asks nothing of the broken strategy and still scales nothing.
    harness.box.calls = 0
    #expect(try harness.run().result == .degraded)
    #expect(harness.box.calls == 0)
    #expect(harness.scales(from: mark).isEmpty)

    // Fixed strategy, and the degraded state cleared as `rollout apply` does on re-apply.
    harness.box.strategy = NativeRollingStrategy()
    try harness.edit { deployment in
      var state = RolloutState.read(from: deployment)
      #expect(state.blocksSteps)
      state.phase = .progressing
      state.reason = nil
      state.message = nil
      state.write(to: &deployment)
    }
    let fixed = try harness.run()
    #expect(fixed.result == .complete)
    #expect(fixed.revision == 2)
    #expect(harness.specs == [v1.metadata.name: 0, v2.metadata.name: 10])
    #expect(harness.count { if case .degraded = $0 { return true } else { return false } } == 1)
  }

  @Test func aStrategyThatDoesNotLoadDegradesTheRollout() throws {
    let cluster = SimulatedCluster(settings: SimulationSettings(readyAfter: 2))
    try cluster.create(ControllerFixtures.deployment(replicas: 3))
    let controller = DeploymentController(cluster: cluster) { _ in throw Boom() }
    var events: [RolloutEvent] = []
    controller.onEvent = { events.append($0) }
    let outcome = try RolloutRunner(controller: controller).run(ControllerFixtures.key)
    #expect(outcome.result == .degraded)
    #expect(outcome.message == "boom at canary.lua:7")
    #expect(cluster.list(ReplicaSet.self, namespace: nil).map(\.replicas) == [0])
    #expect(events.filter { if case .degraded = $0 { true } else { false } }.count == 1)
  }

  static func snapshot() -> StrategySnapshot {
    StrategySnapshot(
      deployment: DeploymentView(name: "web", replicas: 4),
      newReplicaSet: ReplicaSetView(name: "web-new", revision: 2, replicas: 1),
      oldReplicaSets: [ReplicaSetView(name: "web-old", revision: 1, replicas: 4)],
      fenceposts: Fenceposts(maxSurge: 1, maxUnavailable: 1), now: 0)
  }

  struct Verdict: Sendable, CustomTestStringConvertible {
    var name: String
    var decision: StrategyDecision
    /// nil: accepted.
    var refusal: String?
    var testDescription: String { name }
  }

  static let verdicts: [Verdict] = [
    .init(name: "nothing", decision: StrategyDecision(), refusal: nil),
    .init(
      name: "both ReplicaSets, to the limit",
      decision: StrategyDecision(scale: [scale("web-new", 50), scale("web-old", 0)]),
      refusal: nil),
    .init(
      name: "one past the limit", decision: StrategyDecision(scale: [scale("web-new", 51)]),
      refusal:
        "decision scales ReplicaSet \"web-new\" to 51, absurd for a deployment of 4 replicas (limit 50)"
    ),
    .init(
      name: "unknown, with origin",
      decision: StrategyDecision(scale: [scale("web-x", 1, origin: "c.lua:3")]),
      refusal:
        "c.lua:3: decision scales unknown ReplicaSet \"web-x\" (known: web-new, web-old)"),
    .init(
      name: "timed pause", decision: StrategyDecision(pause: PauseRequest(reason: "P", seconds: 0)),
      refusal: nil),
    .init(
      name: "negative pause",
      decision: StrategyDecision(pause: PauseRequest(reason: "P", seconds: -1)),
      refusal: "decision pauses for an invalid duration (-1.0 s)"),
    .init(
      name: "infinite pause",
      decision: StrategyDecision(pause: PauseRequest(reason: "P", seconds: .infinity)),
      refusal: "decision pauses for an invalid duration (inf s)"),
    .init(
      name: "NaN requeue", decision: StrategyDecision(requeueAfter: .nan),
      refusal: "decision requeues after nan s; it must be more than 0"),
    Verdict(
      name: "zero requeue would not move the clock",
      decision: StrategyDecision(requeueAfter: 0),
      refusal: "decision requeues after 0.0 s; it must be more than 0"),
  ]

  @Test(arguments: verdicts)
  func validate(_ verdict: Verdict) {
    do {
      try DecisionValidator.validate(verdict.decision, against: Self.snapshot())
      #expect(verdict.refusal == nil)
    } catch {
      #expect(error.message == verdict.refusal)
    }
  }
}
