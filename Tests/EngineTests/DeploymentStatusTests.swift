import Engine
import Testing

/// `calculateStatus` (sync.go) cases.
struct DeploymentStatusTests {
  struct Case: Sendable, CustomTestStringConvertible {
    let name: String
    let deployment: Deployment
    let fenceposts: Fenceposts
    let old: ReplicaSet?
    let new: ReplicaSet?
    /// replicas, updated, ready, available, unavailable
    let counts: [Int]
    let available: String
    var testDescription: String { name }
  }

  static let rolling = UtilFixtures.deployment(
    replicas: 10, maxSurge: .int(3), maxUnavailable: .int(2))
  static let fenceposts = Fenceposts(maxSurge: 3, maxUnavailable: 2)

  static func rs(_ name: String, _ spec: Int, _ current: Int, _ ready: Int, _ available: Int)
    -> ReplicaSet
  {
    UtilFixtures.replicaSet(
      name, replicas: spec, current: current, ready: ready, available: available)
  }

  static let cases: [Case] = [
    .init(
      name: "mid rollout, enough available", deployment: rolling, fenceposts: fenceposts,
      old: rs("old", 8, 8, 8, 8), new: rs("new", 5, 5, 3, 3), counts: [13, 5, 11, 11, 2],
      available: DeploymentCondition.Reason.minimumReplicasAvailable),
    .init(
      name: "mid rollout, below replicas - maxUnavailable", deployment: rolling,
      fenceposts: fenceposts, old: rs("old", 8, 8, 6, 5), new: rs("new", 5, 5, 3, 2),
      counts: [13, 5, 9, 7, 6], available: DeploymentCondition.Reason.minimumReplicasUnavailable),
    .init(
      name: "more available than asked clamps unavailable to 0", deployment: rolling,
      fenceposts: fenceposts, old: rs("old", 0, 3, 3, 3), new: rs("new", 10, 10, 10, 10),
      counts: [13, 10, 13, 13, 0], available: DeploymentCondition.Reason.minimumReplicasAvailable),
    .init(
      name: "Recreate ignores maxUnavailable",
      deployment: UtilFixtures.deployment(replicas: 3, type: DeploymentStrategy.recreateType),
      fenceposts: fenceposts, old: nil, new: rs("new", 3, 3, 2, 2), counts: [3, 3, 2, 2, 1],
      available: DeploymentCondition.Reason.minimumReplicasUnavailable),
    .init(
      name: "no new ReplicaSet yet", deployment: rolling, fenceposts: fenceposts,
      old: rs("old", 10, 10, 10, 10), new: nil, counts: [10, 0, 10, 10, 0],
      available: DeploymentCondition.Reason.minimumReplicasAvailable),
  ]

  @Test(arguments: cases)
  func calculate(_ c: Case) {
    let all = [c.old, c.new].compactMap { $0 }
    let status = calculateStatus(
      deployment: c.deployment, allReplicaSets: all, newReplicaSet: c.new,
      fenceposts: c.fenceposts, now: 42)
    let counts = [
      status.replicas, status.updatedReplicas, status.readyReplicas, status.availableReplicas,
      status.unavailableReplicas,
    ]
    #expect(counts == c.counts.map { $0 })
    let available = status.condition(.available)
    #expect(available?.reason == c.available)
    #expect(
      available?.status
        == (c.available == DeploymentCondition.Reason.minimumReplicasAvailable ? "True" : "False"))
    #expect(available?.lastUpdateTime == 42)
  }

  @Test func carriesGenerationCollisionCountAndOtherConditions() {
    var deployment = Self.rolling
    deployment.metadata.generation = 7
    var previous = DeploymentStatus()
    previous.collisionCount = 2
    previous.conditions = [
      UtilFixtures.condition(.progressing, "True", "ReplicaSetUpdated", time: 1)
    ]
    deployment.status = previous
    let status = calculateStatus(
      deployment: deployment, allReplicaSets: [], newReplicaSet: nil, fenceposts: Self.fenceposts,
      now: 5)
    #expect(status.observedGeneration == 7)
    #expect(status.collisionCount == 2)
    #expect(status.condition(.progressing)?.lastUpdateTime == 1)
    #expect(status.conditions?.map(\.type) == [.progressing, .available])
  }
}
