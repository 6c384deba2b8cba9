import Engine

/// Small builders for strategy snapshots, in the spirit of Kubernetes' `rs(...)` and
/// `newDeployment(...)` test helpers.
enum Fixture {
  static func rs(
    _ name: String, replicas: Int, available: Int? = nil, ready: Int? = nil, revision: Int = 1,
    current: Int? = nil, terminating: Int = 0, createdAt: Double = 0
  ) -> ReplicaSetView {
    ReplicaSetView(
      name: name, revision: revision, replicas: replicas, currentReplicas: current ?? replicas,
      readyReplicas: ready ?? available ?? replicas, availableReplicas: available ?? replicas,
      terminatingReplicas: terminating, images: ["app:\(name)"], createdAt: createdAt)
  }

  static func snapshot(
    replicas: Int, maxSurge: Int, maxUnavailable: Int, new: ReplicaSetView,
    old: [ReplicaSetView], params: JSONValue = .object([:]), state: JSONValue = .object([:])
  ) -> StrategySnapshot {
    StrategySnapshot(
      deployment: DeploymentView(name: "foo", replicas: replicas),
      newReplicaSet: new, oldReplicaSets: old,
      fenceposts: Fenceposts(maxSurge: maxSurge, maxUnavailable: maxUnavailable), now: 0,
      state: state, params: params)
  }
}
