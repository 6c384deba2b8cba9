import Engine
import Simulator
import Testing

/// A rolling update driven by `NativeRollingStrategy` on the simulated cluster, step by step
/// as Kubernetes' rolling.go takes it.
struct DeploymentControllerRollingUpdateTests {
  @Test func tenReplicasAt25PercentScaleInKubernetesOrder() throws {
    let harness = try ControllerHarness(ControllerFixtures.deployment(replicas: 10))
    #expect(try harness.run().result == .complete)
    let t0 = harness.cluster.now
    let mark = harness.events.count
    try harness.setImage("web:v2")
    let outcome = try harness.run()

    // maxSurge ceil(2.5) = 3, maxUnavailable floor(2.5) = 2: at most 13 pods, at least 8
    // available.
    #expect(
      harness.scales(from: mark) == [
        ScaleRecord(image: "web:v2", from: 0, to: 3, time: t0),
        ScaleRecord(image: "web:v1", from: 10, to: 8, time: t0),
        ScaleRecord(image: "web:v2", from: 3, to: 5, time: t0),
        ScaleRecord(image: "web:v1", from: 8, to: 3, time: t0 + 2),
        ScaleRecord(image: "web:v2", from: 5, to: 10, time: t0 + 2),
        ScaleRecord(image: "web:v1", from: 3, to: 0, time: t0 + 4),
      ])
    #expect(outcome.result == .complete)
    #expect(outcome.revision == 2)
    #expect(outcome.finished == t0 + 4)
    #expect(outcome.metrics.peakPods == 13)
    #expect(outcome.metrics.minAvailable == 8)

    let deployment = harness.deployment
    let status = try #require(deployment.status)
    #expect(status.replicas == 10)
    #expect(status.updatedReplicas == 10)
    #expect(status.readyReplicas == 10)
    #expect(status.availableReplicas == 10)
    #expect(status.unavailableReplicas == 0)
    #expect(status.observedGeneration == deployment.metadata.generation)
    let available = try #require(status.condition(.available))
    #expect(available.status == "True")
    #expect(available.reason == DeploymentCondition.Reason.minimumReplicasAvailable)
    let progressing = try #require(status.condition(.progressing))
    #expect(progressing.status == "True")
    #expect(progressing.reason == DeploymentCondition.Reason.newReplicaSetAvailable)
    #expect(
      harness.count {
        if case .completed(_, _, 2) = $0 { return true }
        return false
      } == 1)
  }

  struct Fenceposts: Sendable, CustomTestStringConvertible {
    var maxSurge: IntOrString
    var maxUnavailable: IntOrString
    /// Resolved against 10 replicas.
    var surge: Int
    var unavailable: Int
    var testDescription: String { "maxSurge \(maxSurge), maxUnavailable \(maxUnavailable)" }
  }

  static let fenceposts: [Fenceposts] = [
    .init(maxSurge: .int(0), maxUnavailable: .int(1), surge: 0, unavailable: 1),
    .init(maxSurge: .int(1), maxUnavailable: .int(0), surge: 1, unavailable: 0),
    .init(maxSurge: .string("50%"), maxUnavailable: .int(0), surge: 5, unavailable: 0),
    .init(maxSurge: .string("100%"), maxUnavailable: .int(0), surge: 10, unavailable: 0),
    .init(maxSurge: .int(0), maxUnavailable: .string("100%"), surge: 0, unavailable: 10),
    .init(maxSurge: .string("25%"), maxUnavailable: .string("25%"), surge: 3, unavailable: 2),
    .init(maxSurge: .string("1%"), maxUnavailable: .string("1%"), surge: 1, unavailable: 0),
  ]

  @Test(arguments: fenceposts)
  func fencepostsHoldAtEveryStep(_ bounds: Fenceposts) throws {
    let harness = try ControllerHarness(
      ControllerFixtures.deployment(
        replicas: 10, maxSurge: bounds.maxSurge, maxUnavailable: bounds.maxUnavailable),
      settings: SimulationSettings(readyAfter: 2, readyJitter: 1.5, seed: 7))
    #expect(try harness.run().result == .complete)
    #expect(harness.available == 10)

    var specs = harness.specs
    let mark = harness.events.count
    var lowestAvailable = harness.available
    var highestTotal = 10
    harness.controller.onEvent = { [unowned harness] event in
      harness.events.append(event)
      if case .scaled(_, _, let name, _, _, let to, _) = event {
        specs[name] = to
        highestTotal = max(highestTotal, specs.values.reduce(0, +))
      }
    }
    harness.runner.afterInstant = { [unowned harness] _ in
      lowestAvailable = min(lowestAvailable, harness.available)
    }
    try harness.setImage("web:v2")
    let outcome = try harness.run()

    #expect(outcome.result == .complete)
    #expect(highestTotal <= 10 + bounds.surge)
    #expect(lowestAvailable >= 10 - bounds.unavailable)
    #expect(outcome.metrics.peakPods <= 10 + bounds.surge)
    #expect((outcome.metrics.minAvailable ?? 0) >= 10 - bounds.unavailable)
    #expect(harness.scales(from: mark).count >= 2)
    let v1 = try #require(harness.replicaSet(image: "web:v1"))
    let v2 = try #require(harness.replicaSet(image: "web:v2"))
    #expect(v1.replicas == 0)
    #expect(v1.currentReplicas == 0)
    #expect(v2.replicas == 10)
    #expect(v2.availableReplicas == 10)
    #expect(harness.deployment.status?.updatedReplicas == 10)
  }
}
