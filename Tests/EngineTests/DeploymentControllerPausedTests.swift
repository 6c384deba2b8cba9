import Engine
import Testing

/// `spec.paused`: no rollout step, no new ReplicaSet, but scaling still applies (sync.go
/// `sync` for a paused Deployment).
struct DeploymentControllerPausedTests {
  @Test func aPausedDeploymentOnlyScalesUntilResumed() throws {
    let harness = try ControllerHarness(ControllerFixtures.deployment(replicas: 10))
    #expect(try harness.run().result == .complete)
    harness.box.calls = 0

    try harness.edit { $0.spec.paused = true }
    try harness.setImage("web:v2")
    let paused = try harness.run()
    #expect(paused.result == .paused)
    #expect(paused.phase == .paused)
    #expect(harness.replicaSets.count == 1)
    #expect(harness.box.calls == 0)
    let progressing = try #require(harness.deployment.status?.condition(.progressing))
    #expect(progressing.status == "Unknown")
    #expect(progressing.reason == DeploymentCondition.Reason.deploymentPaused)

    let mark = harness.events.count
    try harness.edit { $0.spec.replicas = 15 }
    #expect(try harness.run().result == .paused)
    #expect(harness.replicaSets.count == 1)
    #expect(harness.replicaSet(image: "web:v1")?.replicas == 15)
    #expect(harness.box.calls == 0)
    let causes = harness.events[mark...].compactMap { event -> RolloutEvent.ScaleCause? in
      if case .scaled(_, _, _, _, 10, 15, let cause) = event { return cause }
      return nil
    }
    #expect(causes == [.proportional])

    try harness.edit { $0.spec.paused = false }
    let resumed = try harness.run()
    #expect(resumed.result == .complete)
    #expect(resumed.revision == 2)
    #expect(harness.box.calls > 0)
    #expect(harness.replicaSet(image: "web:v2")?.replicas == 15)
    #expect(harness.replicaSet(image: "web:v2")?.availableReplicas == 15)
    #expect(harness.replicaSet(image: "web:v1")?.replicas == 0)
  }

  @Test func pausingMidRolloutFreezesTheStepsButScalesProportionally() throws {
    let harness = try ControllerHarness(ControllerFixtures.deployment(replicas: 10))
    try harness.run()
    try harness.setImage("web:v2")
    try harness.settleInstant()
    _ = harness.cluster.waitForChange(until: nil)
    #expect(harness.replicaSet(image: "web:v1")?.replicas == 8)
    #expect(harness.replicaSet(image: "web:v2")?.replicas == 5)

    try harness.edit {
      $0.spec.paused = true
      $0.spec.replicas = 20
    }
    harness.box.calls = 0
    let paused = try harness.run()
    #expect(paused.result == .paused)
    #expect(harness.box.calls == 0)
    // Same split as the unpaused case (DeploymentControllerProportionalScalingTests): 15 + 10.
    #expect(harness.replicaSet(image: "web:v1")?.replicas == 15)
    #expect(harness.replicaSet(image: "web:v2")?.replicas == 10)
    // Time passes, pods get ready, and still no step is taken.
    harness.cluster.advance(by: 60)
    #expect(try harness.run().result == .paused)
    #expect(harness.replicaSet(image: "web:v1")?.replicas == 15)
    #expect(harness.replicaSet(image: "web:v2")?.replicas == 10)

    try harness.edit { $0.spec.paused = false }
    #expect(try harness.run().result == .complete)
    #expect(harness.replicaSet(image: "web:v2")?.replicas == 20)
    #expect(harness.replicaSet(image: "web:v1")?.replicas == 0)
  }
}
