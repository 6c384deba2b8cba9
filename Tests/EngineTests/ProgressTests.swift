import Engine
import Testing

/// Ports of TestDeploymentComplete, TestDeploymentProgressing and TestDeploymentTimedOut
/// (deployment_util_test.go), plus the pause and new-ReplicaSet conditions.
struct ProgressTests {
  struct CompleteCase: Sendable, CustomTestStringConvertible {
    let name: String
    let deployment: Deployment
    let expected: Bool
    var testDescription: String { name }
  }

  /// upstream `deployment(desired, current, updated, available, maxUnavailable, maxSurge)`.
  static func complete(
    _ desired: Int, _ current: Int, _ updated: Int, _ available: Int, _ unavailable: Int,
    _ surge: Int
  ) -> Deployment {
    UtilFixtures.deployment(
      replicas: desired, maxSurge: .int(surge), maxUnavailable: .int(unavailable),
      status: UtilFixtures.status(replicas: current, updated: updated, available: available))
  }

  static let completeCases: [CompleteCase] = [
    .init(
      name: "not complete: min but not all pods become available",
      deployment: complete(5, 5, 5, 4, 1, 0), expected: false),
    .init(
      name: "not complete: min availability is not honored", deployment: complete(5, 5, 5, 3, 1, 0),
      expected: false),
    .init(name: "complete", deployment: complete(5, 5, 5, 5, 0, 0), expected: true),
    .init(
      name: "not complete: all pods are available but not updated",
      deployment: complete(5, 5, 4, 5, 0, 0), expected: false),
    .init(
      name: "not complete: still running old pods", deployment: complete(1, 2, 1, 1, 0, 1),
      expected: false),
    .init(
      name: "not complete: one replica deployment never comes up",
      deployment: complete(1, 1, 1, 0, 1, 1), expected: false),
  ]

  @Test(arguments: completeCases)
  func deploymentComplete(_ c: CompleteCase) {
    let got = Engine.deploymentComplete(deployment: c.deployment, newStatus: c.deployment.status!)
    #expect(got == c.expected)
  }

  struct ProgressingCase: Sendable, CustomTestStringConvertible {
    let name: String
    let old: [Int]
    let new: [Int]
    let expected: Bool
    var testDescription: String { name }
  }

  /// (current, updated, ready, available) before and after.
  static let progressingCases: [ProgressingCase] = [
    .init(
      name: "progressing: updated pods", old: [10, 4, 4, 4], new: [10, 6, 4, 4], expected: true),
    .init(name: "not progressing", old: [10, 4, 4, 4], new: [10, 4, 4, 4], expected: false),
    .init(
      name: "progressing: old pods removed", old: [10, 4, 6, 6], new: [8, 4, 6, 6], expected: true),
    .init(
      name: "not progressing: less new pods", old: [10, 7, 3, 3], new: [10, 6, 3, 3],
      expected: false),
    .init(
      name: "progressing: less overall but more new pods", old: [10, 4, 7, 7], new: [8, 8, 5, 5],
      expected: true),
    .init(
      name: "progressing: more ready pods", old: [10, 10, 9, 8], new: [10, 10, 10, 8],
      expected: true),
    .init(
      name: "progressing: more available pods", old: [10, 10, 10, 9], new: [10, 10, 10, 10],
      expected: true),
  ]

  @Test(arguments: progressingCases)
  func deploymentProgressing(_ c: ProgressingCase) {
    func status(_ v: [Int]) -> DeploymentStatus {
      UtilFixtures.status(replicas: v[0], updated: v[1], ready: v[2], available: v[3])
    }
    let deployment = UtilFixtures.deployment(replicas: 10, status: status(c.old))
    #expect(
      Engine.deploymentProgressing(deployment: deployment, newStatus: status(c.new)) == c.expected)
  }

  struct TimedOutCase: Sendable, CustomTestStringConvertible {
    let name: String
    let deadline: Int?
    let reason: String
    let lastUpdate: Double
    let now: Double
    let expected: Bool
    var testDescription: String { name }
  }

  static let timedOutCases: [TimedOutCase] = [
    // Upstream: nil means no deadline; here nil is the API default (600 s), not reached in 11 s.
    .init(
      name: "default progressDeadlineSeconds (600s) - no timeout after 11s", deadline: nil,
      reason: "", lastUpdate: 69, now: 80, expected: false),
    .init(
      name: "infinite progressDeadlineSeconds specified - no timeout", deadline: noProgressDeadline,
      reason: "", lastUpdate: 69, now: 80, expected: false),
    .init(
      name: "progressDeadlineSeconds: 10s, now - started => 00:01:20 - 00:01:09 => 11s",
      deadline: 10, reason: "", lastUpdate: 69, now: 80, expected: true),
    .init(
      name: "progressDeadlineSeconds: 10s, now - started => 00:01:20 - 00:01:11 => 9s",
      deadline: 10, reason: "", lastUpdate: 71, now: 80, expected: false),
    .init(
      name: "previous status was a complete deployment", deadline: nil,
      reason: DeploymentCondition.Reason.newReplicaSetAvailable, lastUpdate: 0, now: 10_000,
      expected: false),
    .init(
      name: "exactly at the deadline is not past it", deadline: 10, reason: "", lastUpdate: 70,
      now: 80, expected: false),
  ]

  @Test(arguments: timedOutCases)
  func deploymentTimedOut(_ c: TimedOutCase) {
    var status = DeploymentStatus()
    status.conditions = [UtilFixtures.condition(.progressing, "True", c.reason, time: c.lastUpdate)]
    let deployment = UtilFixtures.deployment(
      replicas: 1, progressDeadlineSeconds: c.deadline, status: status)
    #expect(
      Engine.deploymentTimedOut(deployment: deployment, newStatus: status, now: c.now) == c.expected
    )
  }

  // MARK: - Pause, resume and the new ReplicaSet conditions

  @Test func pausingAndResumingRecordUnknownConditions() {
    var deployment = SyncRolloutStatusTests.current(
      SyncRolloutStatusTests.pds, 3, 2, 2, 2, [SyncRolloutStatusTests.replicaSetUpdated])
    deployment.spec.paused = true
    let paused = pausedCondition(deployment: deployment, now: 5)
    #expect(paused?.status == "Unknown")
    #expect(paused?.reason == DeploymentCondition.Reason.deploymentPaused)

    deployment.status?.setCondition(paused!)
    #expect(pausedCondition(deployment: deployment, now: 6) == nil, "already recorded")

    deployment.spec.paused = false
    let resumed = pausedCondition(deployment: deployment, now: 7)
    #expect(resumed?.reason == DeploymentCondition.Reason.deploymentResumed)
    #expect(resumed?.lastUpdateTime == 7)
  }

  @Test func pauseDoesNotHideATimeout() {
    var deployment = SyncRolloutStatusTests.current(
      SyncRolloutStatusTests.pds, 3, 2, 2, 2, [SyncRolloutStatusTests.failedTimedOut])
    deployment.spec.paused = true
    #expect(pausedCondition(deployment: deployment, now: 5) == nil)
  }

  @Test func newReplicaSetConditions() {
    let created = newReplicaSetCreatedCondition(replicaSetName: "web-abc", now: 3)
    #expect(created.reason == DeploymentCondition.Reason.newReplicaSetCreated)
    #expect(created.message == "Created new replica set \"web-abc\"")
    let found = foundNewReplicaSetCondition(replicaSetName: "web-abc", now: 3)
    #expect(found.reason == DeploymentCondition.Reason.foundNewReplicaSet)
    #expect(found.status == "True")
  }
}
