import Engine
import Simulator
import Testing

/// `progressDeadlineSeconds`: a rollout that makes no progress is reported, not undone
/// (progress.go).
struct DeploymentControllerProgressDeadlineTests {
  static let settings = SimulationSettings(
    readyAfter: 2, imageRules: [ImageRule(pattern: "web:bad", behaviour: .neverReady)])

  @Test func aNeverReadyImageExceedsTheDeadlineWithoutLosingAvailability() throws {
    let harness = try ControllerHarness(
      ControllerFixtures.deployment(replicas: 10, progressDeadlineSeconds: 30),
      settings: Self.settings)
    #expect(try harness.run().result == .complete)
    let t0 = harness.cluster.now
    let mark = harness.events.count
    try harness.setImage("web:bad")
    let outcome = try harness.run()

    #expect(outcome.result == .progressDeadlineExceeded)
    #expect(outcome.phase == .degraded)
    #expect(outcome.reason == DeploymentCondition.Reason.progressDeadlineExceeded)
    // Timed out once strictly more than 30 s passed since the last progress at t0.
    #expect(outcome.finished >= t0 + 30)
    #expect(outcome.finished <= t0 + 31)
    #expect((outcome.metrics.minAvailable ?? 0) >= 8)
    let progressing = try #require(harness.deployment.status?.condition(.progressing))
    #expect(progressing.status == "False")
    #expect(progressing.reason == DeploymentCondition.Reason.progressDeadlineExceeded)
    #expect(
      progressing.message
        == "ReplicaSet \"\(harness.replicaSet(image: "web:bad")!.metadata.name)\" has timed out progressing."
    )
    #expect(harness.deployment.status?.condition(.available)?.status == "True")
    #expect(harness.replicaSet(image: "web:v1")?.replicas == 8)
    #expect(harness.replicaSet(image: "web:bad")?.replicas == 5)
    #expect(harness.replicaSet(image: "web:bad")?.availableReplicas == 0)
    let exceeded = harness.events[mark...].compactMap { event -> Double? in
      if case .progressDeadlineExceeded(let time, _, _) = event { return time }
      return nil
    }
    #expect(exceeded == [outcome.finished])
    #expect(
      RolloutStatusMessage(harness.deployment).text
        == "deployment \"web\" exceeded its progress deadline")
  }

  @Test func aTimeoutOnlyReportsTheRolloutGoesOnWhenPodsComeUp() throws {
    var settings = Self.settings
    settings.imageRules = [ImageRule(pattern: "web:slow", behaviour: .readyAfter(seconds: 35))]
    let harness = try ControllerHarness(
      ControllerFixtures.deployment(
        replicas: 4, maxSurge: .string("100%"), maxUnavailable: .int(0),
        progressDeadlineSeconds: 30),
      settings: settings)
    try harness.run()
    let t0 = harness.cluster.now
    try harness.setImage("web:slow")
    let timedOut = try harness.run()
    #expect(timedOut.result == .progressDeadlineExceeded)
    #expect(timedOut.finished > t0 + 30)
    #expect(timedOut.finished < t0 + 35)
    // The runner reports the timeout; the rollout itself goes on: once the slow pods are ready
    // (t0 + 35), the strategy is asked again and the rollout completes.
    harness.cluster.advance(by: 10)
    let outcome = try harness.run()
    #expect(outcome.result == .complete)
    #expect(harness.replicaSet(image: "web:slow")?.availableReplicas == 4)
    #expect(harness.replicaSet(image: "web:v1")?.replicas == 0)
    #expect(
      harness.deployment.status?.condition(.progressing)?.reason
        == DeploymentCondition.Reason.newReplicaSetAvailable)
  }
}
