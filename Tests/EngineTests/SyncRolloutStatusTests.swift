import Engine
import Testing

/// Ports of TestSyncRolloutStatus and TestRequeueStuckDeployment (progress_test.go).
struct SyncRolloutStatusTests {

  static let testTime = 1_000.0
  static let pds = 60
  static let failedTimedOut = UtilFixtures.condition(
    .progressing, "False", DeploymentCondition.Reason.progressDeadlineExceeded, time: 500)
  static let newRSAvailable = UtilFixtures.condition(
    .progressing, "True", DeploymentCondition.Reason.newReplicaSetAvailable, time: testTime)
  static let replicaSetUpdated = UtilFixtures.condition(
    .progressing, "True", DeploymentCondition.Reason.replicaSetUpdated, time: testTime)

  /// upstream `currentDeployment(pds, replicas, statusReplicas, updated, available, conditions)`:
  /// a Recreate Deployment.
  static func current(
    _ deadline: Int?, _ replicas: Int, _ statusReplicas: Int, _ updated: Int, _ available: Int,
    _ conditions: [DeploymentCondition]?
  ) -> Deployment {
    var status = UtilFixtures.status(
      replicas: statusReplicas, updated: updated, available: available)
    status.conditions = conditions
    return UtilFixtures.deployment(
      "progress-test", replicas: replicas, type: DeploymentStrategy.recreateType,
      progressDeadlineSeconds: deadline, status: status)
  }

  /// upstream `newRSWithAvailable(name, spec, status, available)`.
  static func rs(_ name: String, _ spec: Int, _ current: Int, _ available: Int) -> ReplicaSet {
    UtilFixtures.replicaSet(name, replicas: spec, current: current, available: available)
  }

  struct SyncCase: Sendable, CustomTestStringConvertible {
    let name: String
    let deployment: Deployment
    let oldReplicaSets: [ReplicaSet]
    let newReplicaSet: ReplicaSet?
    /// nil: no Progressing condition expected.
    var status: String? = nil
    var reason: String? = nil
    var keepsUpdateTime = false
    var keepsTransitionTime = false
    var testDescription: String { name }
  }

  static let syncCases: [SyncCase] = [
    .init(
      name:
        "General: remove Progressing condition and do not estimate progress if deployment has no Progress Deadline",
      deployment: current(noProgressDeadline, 3, 2, 2, 2, [replicaSetUpdated]),
      oldReplicaSets: [rs("bar", 0, 1, 1)], newReplicaSet: rs("foo", 3, 2, 2)),
    .init(
      name: "General: do not estimate progress of deployment with only one active ReplicaSet",
      deployment: current(pds, 3, 3, 3, 3, [newRSAvailable]), oldReplicaSets: [rs("bar", 3, 3, 3)],
      newReplicaSet: nil, status: "True", reason: DeploymentCondition.Reason.newReplicaSetAvailable,
      keepsUpdateTime: true, keepsTransitionTime: true),
    .init(
      name:
        "DeploymentProgressing: dont update lastTransitionTime if deployment already has Progressing=True",
      deployment: current(pds, 3, 2, 2, 2, [replicaSetUpdated]),
      oldReplicaSets: [rs("bar", 0, 1, 1)],
      newReplicaSet: rs("foo", 3, 2, 2), status: "True",
      reason: DeploymentCondition.Reason.replicaSetUpdated,
      keepsTransitionTime: true),
    .init(
      name: "DeploymentProgressing: update everything if deployment has Progressing=False",
      deployment: current(pds, 3, 2, 2, 2, [failedTimedOut]), oldReplicaSets: [rs("bar", 0, 1, 1)],
      newReplicaSet: rs("foo", 3, 2, 2), status: "True",
      reason: DeploymentCondition.Reason.replicaSetUpdated),
    .init(
      name: "DeploymentProgressing: create Progressing condition if it does not exist",
      deployment: current(pds, 3, 2, 2, 2, []), oldReplicaSets: [rs("bar", 0, 1, 1)],
      newReplicaSet: rs("foo", 3, 2, 2), status: "True",
      reason: DeploymentCondition.Reason.replicaSetUpdated),
    .init(
      name:
        "DeploymentComplete: dont update lastTransitionTime if deployment already has Progressing=True",
      deployment: current(pds, 3, 3, 3, 3, [replicaSetUpdated]), oldReplicaSets: [],
      newReplicaSet: rs("foo", 3, 3, 3), status: "True",
      reason: DeploymentCondition.Reason.newReplicaSetAvailable,
      keepsTransitionTime: true),
    .init(
      name: "DeploymentComplete: update everything if deployment has Progressing=False",
      deployment: current(pds, 3, 3, 3, 3, [failedTimedOut]), oldReplicaSets: [],
      newReplicaSet: rs("foo", 3, 3, 3), status: "True",
      reason: DeploymentCondition.Reason.newReplicaSetAvailable),
    .init(
      name: "DeploymentComplete: create Progressing condition if it does not exist",
      deployment: current(pds, 3, 3, 3, 3, []), oldReplicaSets: [],
      newReplicaSet: rs("foo", 3, 3, 3), status: "True",
      reason: DeploymentCondition.Reason.newReplicaSetAvailable),
    .init(
      name: "DeploymentComplete: defend against NPE when newRS=nil",
      deployment: current(pds, 0, 3, 3, 3, [replicaSetUpdated]),
      oldReplicaSets: [rs("foo", 0, 0, 0)],
      newReplicaSet: nil, status: "True", reason: DeploymentCondition.Reason.newReplicaSetAvailable,
      keepsTransitionTime: true),
    .init(
      name: "DeploymentTimedOut: update status if rollout exceeds Progress Deadline",
      deployment: current(pds, 3, 2, 2, 2, [replicaSetUpdated]), oldReplicaSets: [],
      newReplicaSet: rs("foo", 3, 2, 2), status: "False",
      reason: DeploymentCondition.Reason.progressDeadlineExceeded),
    .init(
      name:
        "DeploymentTimedOut: do not update status if deployment has existing timedOut condition",
      deployment: current(pds, 3, 2, 2, 2, [failedTimedOut]), oldReplicaSets: [],
      newReplicaSet: rs("foo", 3, 2, 2), status: "False",
      reason: DeploymentCondition.Reason.progressDeadlineExceeded,
      keepsUpdateTime: true, keepsTransitionTime: true),
    .init(
      name: "Paused: no progress is estimated, even past the deadline",
      deployment: {
        var d = current(pds, 3, 2, 2, 2, [replicaSetUpdated])
        d.spec.paused = true
        return d
      }(), oldReplicaSets: [], newReplicaSet: rs("foo", 3, 2, 2), status: "True",
      reason: DeploymentCondition.Reason.replicaSetUpdated, keepsUpdateTime: true,
      keepsTransitionTime: true),
  ]

  @Test(arguments: syncCases)
  func syncRolloutStatus(_ c: SyncCase) {
    let now = Self.testTime + Double(Self.pds) + 1
    let all = c.oldReplicaSets + [c.newReplicaSet].compactMap { $0 }
    let newStatus = calculateStatus(
      deployment: c.deployment, allReplicaSets: all, newReplicaSet: c.newReplicaSet,
      fenceposts: Fenceposts(maxSurge: 0, maxUnavailable: 0), now: now)
    let status = Engine.syncRolloutStatus(
      deployment: c.deployment, newStatus: newStatus,
      newReplicaSetName: c.newReplicaSet?.metadata.name, now: now)
    let got = status.condition(.progressing)
    guard let expectedStatus = c.status else {
      #expect(got == nil)
      return
    }
    #expect(got?.status == expectedStatus)
    #expect(got?.reason == c.reason)
    let before = c.deployment.status?.condition(.progressing)
    if c.keepsUpdateTime { #expect(got?.lastUpdateTime == before?.lastUpdateTime) }
    if c.keepsTransitionTime { #expect(got?.lastTransitionTime == before?.lastTransitionTime) }
    if !c.keepsUpdateTime { #expect(got?.lastUpdateTime == now) }
    if !c.keepsTransitionTime { #expect(got?.lastTransitionTime == now) }
  }

  // MARK: - requeueStuckDeployment

  struct RequeueCase: Sendable, CustomTestStringConvertible {
    let name: String
    let deployment: Deployment
    let status: DeploymentStatus
    var now = 0.0
    let expected: Double?
    var testDescription: String { name }
  }

  static let failed = [
    UtilFixtures.condition(
      .progressing, "False", DeploymentCondition.Reason.progressDeadlineExceeded)
  ]
  static let stuck = [UtilFixtures.condition(.progressing, "True", "", time: 0)]

  static let requeueCases: [RequeueCase] = [
    .init(
      name: "infinite progressDeadlineSeconds specified",
      deployment: current(noProgressDeadline, 4, 3, 3, 2, nil),
      status: UtilFixtures.status(replicas: 3, updated: 3, available: 2), expected: nil),
    .init(
      name: "no progressing condition found", deployment: current(pds, 4, 3, 3, 2, nil),
      status: UtilFixtures.status(replicas: 3, updated: 3, available: 2), expected: nil),
    .init(
      name: "complete deployment does not need to be requeued",
      deployment: current(pds, 3, 3, 3, 3, nil),
      status: UtilFixtures.status(replicas: 3, updated: 3, available: 3), expected: nil),
    .init(
      name: "already failed deployment does not need to be requeued",
      deployment: current(pds, 3, 3, 3, 0, failed),
      status: UtilFixtures.status(replicas: 3, updated: 3, available: 0), expected: nil),
    .init(
      name: "stuck deployment - 30s", deployment: current(pds, 3, 3, 3, 1, stuck),
      status: UtilFixtures.status(replicas: 3, updated: 3, available: 1), now: 30, expected: 30),
    .init(
      name: "stuck deployment - 1s", deployment: current(pds, 3, 3, 3, 1, stuck),
      status: UtilFixtures.status(replicas: 3, updated: 3, available: 1), now: 59, expected: 1),
    .init(
      name: "failed deployment - less than a second => now",
      deployment: current(pds, 3, 3, 3, 1, stuck),
      status: UtilFixtures.status(replicas: 3, updated: 3, available: 1), now: 59.000_000_001,
      expected: 0),
    .init(
      name: "failed deployment - now", deployment: current(pds, 3, 3, 3, 1, stuck),
      status: UtilFixtures.status(replicas: 3, updated: 3, available: 1), now: 60, expected: 0),
    .init(
      name: "failed deployment - 1s after deadline", deployment: current(pds, 3, 3, 3, 1, stuck),
      status: UtilFixtures.status(replicas: 3, updated: 3, available: 1), now: 61, expected: 0),
    .init(
      name: "failed deployment - 60s after deadline", deployment: current(pds, 3, 3, 3, 1, stuck),
      status: UtilFixtures.status(replicas: 3, updated: 3, available: 1), now: 120, expected: 0),
  ]

  @Test(arguments: requeueCases)
  func progressCheckDelay(_ c: RequeueCase) {
    #expect(
      Engine.progressCheckDelay(deployment: c.deployment, newStatus: c.status, now: c.now)
        == c.expected)
  }
}
