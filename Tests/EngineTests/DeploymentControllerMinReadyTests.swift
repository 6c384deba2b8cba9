import Engine
import Testing

/// `minReadySeconds`: a pod counts as available only after being Ready that long, and the
/// rolling steps wait for availability, not readiness.
struct DeploymentControllerMinReadyTests {
  @Test func stepsWaitForAvailabilityNotReadiness() throws {
    let harness = try ControllerHarness(
      ControllerFixtures.deployment(replicas: 10, minReadySeconds: 10))
    let first = try harness.run()
    #expect(first.result == .complete)
    #expect(first.finished == 12)

    let t0 = harness.cluster.now
    let mark = harness.events.count
    var readyNotAvailable = false
    harness.runner.afterInstant = { [unowned harness] _ in
      let v2 = harness.replicaSet(image: "web:v2")
      if let v2, v2.readyReplicas > v2.availableReplicas { readyNotAvailable = true }
    }
    try harness.setImage("web:v2")
    let outcome = try harness.run()

    #expect(
      harness.scales(from: mark) == [
        ScaleRecord(image: "web:v2", from: 0, to: 3, time: t0),
        ScaleRecord(image: "web:v1", from: 10, to: 8, time: t0),
        ScaleRecord(image: "web:v2", from: 3, to: 5, time: t0),
        ScaleRecord(image: "web:v1", from: 8, to: 3, time: t0 + 12),
        ScaleRecord(image: "web:v2", from: 5, to: 10, time: t0 + 12),
        ScaleRecord(image: "web:v1", from: 3, to: 0, time: t0 + 24),
      ])
    #expect(outcome.result == .complete)
    #expect(outcome.finished == t0 + 24)
    #expect(outcome.metrics.minAvailable == 8)
    #expect(readyNotAvailable)
    #expect(harness.replicaSet(image: "web:v2")?.spec.minReadySeconds == 10)
  }
}
