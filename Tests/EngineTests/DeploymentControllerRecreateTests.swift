import Engine
import Simulator
import Testing

/// `spec.strategy.type: Recreate` with a strategy that does what recreate.go does: old to 0,
/// wait for every old pod to be gone, then the new one at full size.
struct DeploymentControllerRecreateTests {
  /// Declares maxUnavailable 100%, as the stock recreate.lua does: downtime by design.
  static func recreate() -> ClosureStrategy {
    ClosureStrategy(declaredEnvelope: EnvelopeDeclaration(maxUnavailable: "100%")) { snapshot in
      let active = snapshot.oldReplicaSets.filter { $0.replicas > 0 }
      if !active.isEmpty {
        return StrategyDecision(
          scale: active.map { ScaleOperation(replicaSet: $0.name, replicas: 0) },
          message: "scaling down old ReplicaSets")
      }
      if snapshot.oldReplicaSets.contains(where: { $0.currentReplicas + $0.terminatingReplicas > 0 }
      ) {
        return StrategyDecision(message: "waiting for old pods to terminate")
      }
      let new = snapshot.newReplicaSet
      return StrategyDecision(
        scale: [ScaleOperation(replicaSet: new.name, replicas: snapshot.deployment.replicas)],
        message: "scaling up the new ReplicaSet")
    }
  }

  @Test func availableNeedsEveryReplica() throws {
    let harness = try ControllerHarness(
      ControllerFixtures.deployment(replicas: 10, type: DeploymentStrategy.recreateType),
      settings: SimulationSettings(readyAfter: 2, terminateAfter: 5, readyJitter: 3, seed: 11),
      strategy: Self.recreate())
    #expect(try harness.run().result == .complete)
    #expect(harness.deployment.status?.condition(.available)?.status == "True")

    var checked = 0
    var partial = 0
    harness.runner.afterInstant = { [unowned harness] _ in
      let available = harness.deployment.status?.availableReplicas ?? 0
      #expect(available == harness.available)
      let condition = harness.deployment.status?.condition(.available)
      #expect(condition?.status == (available >= 10 ? "True" : "False"), "\(available) available")
      if available < 10 {
        #expect(condition?.reason == DeploymentCondition.Reason.minimumReplicasUnavailable)
      }
      // 8 or 9 available would be enough for a 25% rolling update.
      if available >= 8, available < 10 { partial += 1 }
      checked += 1
    }
    let t0 = harness.cluster.now
    let mark = harness.events.count
    try harness.setImage("web:v2")
    let outcome = try harness.run()

    #expect(outcome.result == .complete)
    #expect(
      harness.scales(from: mark) == [
        ScaleRecord(image: "web:v1", from: 10, to: 0, time: t0),
        ScaleRecord(image: "web:v2", from: 0, to: 10, time: t0 + 5),
      ])
    #expect(outcome.metrics.peakPods == 10)
    #expect(outcome.metrics.minAvailable == 0)
    #expect(checked > 3)
    #expect(partial > 0)
    #expect(harness.deployment.status?.condition(.available)?.status == "True")
  }
}
