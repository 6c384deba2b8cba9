import Engine
import Testing

/// A decision outside the envelope stops the rollout as Degraded (EnvelopeViolation) with
/// nothing scaled, and the strategy is not asked again until the rollout is retried.
@Suite struct SafetyEnvelopeRolloutTests {
  /// A custom script's step: the new ReplicaSet to twice the replicas, at once.
  static var twice: ClosureStrategy {
    ClosureStrategy { snapshot in
      StrategyDecision(scale: [
        ScaleOperation(
          replicaSet: snapshot.newReplicaSet.name, replicas: 2 * snapshot.deployment.replicas,
          origin: "surge.lua:3")
      ])
    }
  }

  static func degradedEvents(_ harness: ControllerHarness, from mark: Int) -> [(String, String)] {
    harness.events[mark...].compactMap { event in
      if case .degraded(_, _, let reason, let message) = event { return (reason, message) }
      return nil
    }
  }

  @Test func twiceTheReplicasIsRefusedWithTheBoundAndTheLine() throws {
    let harness = try ControllerHarness(ControllerFixtures.deployment(replicas: 10))
    #expect(try harness.run().result == .complete)
    harness.box.strategy = Self.twice
    harness.box.calls = 0
    let mark = harness.events.count
    try harness.setImage("web:v2")
    let outcome = try harness.run()

    #expect(outcome.result == .degraded)
    #expect(outcome.reason == RolloutState.Reason.envelopeViolation)
    let message =
      "surge.lua:3: decision would run 30 pods, above the envelope of replicas + maxSurge = 13 (maxSurge 3, from the manifest)"
    #expect(outcome.message == message)
    #expect(Self.degradedEvents(harness, from: mark).map(\.1) == [message])
    #expect(harness.scales(from: mark).isEmpty)
    #expect(harness.replicaSet(image: "web:v2")?.replicas == 0)
    #expect(harness.replicaSet(image: "web:v1")?.replicas == 10)
    #expect(RolloutState.read(from: harness.deployment).blocksSteps)
    // Not asked again while degraded.
    let calls = harness.box.calls
    _ = try harness.run()
    #expect(harness.box.calls == calls)
  }

  @Test func anOperatorNarrowingStopsAStockRollingStepThatSurges() throws {
    var deployment = ControllerFixtures.deployment(replicas: 10)
    deployment.metadata.setAnnotation(SafetyEnvelope.annotation, "{maxSurge: 0}")
    let harness = try ControllerHarness(deployment)
    #expect(try harness.run().result == .complete)
    let mark = harness.events.count
    try harness.setImage("web:v2")
    let outcome = try harness.run()

    #expect(outcome.result == .degraded)
    #expect(outcome.reason == RolloutState.Reason.envelopeViolation)
    #expect(
      outcome.message
        == "decision would run 13 pods, above the envelope of replicas + maxSurge = 10 (maxSurge 0, narrowed by rollout.dev/envelope)"
    )
    #expect(harness.scales(from: mark).isEmpty)
  }

  @Test func anOperatorValueWiderThanTheManifestDoesNotWiden() throws {
    var deployment = ControllerFixtures.deployment(replicas: 10)
    deployment.metadata.setAnnotation(SafetyEnvelope.annotation, "{maxSurge: 10}")
    let harness = try ControllerHarness(deployment)
    #expect(try harness.run().result == .complete)
    harness.box.strategy = Self.twice
    try harness.setImage("web:v2")
    let outcome = try harness.run()
    #expect(outcome.reason == RolloutState.Reason.envelopeViolation)
    #expect(
      outcome.message?.contains("replicas + maxSurge = 13 (maxSurge 3, from the manifest)") == true)
  }

  @Test func aDeclaredEnvelopeLetsTheSameStepThrough() throws {
    let harness = try ControllerHarness(ControllerFixtures.deployment(replicas: 10))
    #expect(try harness.run().result == .complete)
    // Blue-green style: the new version at full size beside the old, then the old to zero.
    harness.box.strategy = ClosureStrategy(
      declaredEnvelope: EnvelopeDeclaration(maxSurge: "100%")
    ) { snapshot in
      let new = snapshot.newReplicaSet
      if new.replicas < 10 {
        return StrategyDecision(scale: [ScaleOperation(replicaSet: new.name, replicas: 10)])
      }
      guard new.availableReplicas == 10 else { return StrategyDecision() }
      return StrategyDecision(
        scale: snapshot.oldReplicaSets.map { ScaleOperation(replicaSet: $0.name, replicas: 0) })
    }
    let mark = harness.events.count
    try harness.setImage("web:v2")
    let outcome = try harness.run()
    #expect(outcome.result == .complete)
    #expect(Self.degradedEvents(harness, from: mark).isEmpty)
    #expect(outcome.metrics.peakPods == 20)
  }

  @Test func reApplyingRetriesARefusedStep() throws {
    let harness = try ControllerHarness(ControllerFixtures.deployment(replicas: 10))
    #expect(try harness.run().result == .complete)
    harness.box.strategy = Self.twice
    try harness.setImage("web:v2")
    #expect(try harness.run().reason == RolloutState.Reason.envelopeViolation)
    // The operator fixes the strategy and retries (what `rollout apply` and `retry` do).
    harness.box.strategy = NativeRollingStrategy()
    try harness.edit { deployment in
      var state = RolloutState.read(from: deployment)
      state.phase = .progressing
      state.reason = nil
      state.message = nil
      state.write(to: &deployment)
    }
    #expect(try harness.run().result == .complete)
  }
}
