import Engine
import Simulator

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

extension Fixture {
  /// `count` random rolling-update snapshots from one seed: 0–30 replicas, any fenceposts (not
  /// both 0), 1–3 old ReplicaSets, any sizes within replicas + maxSurge, any availability.
  static func randomSnapshots(count: Int, seed: UInt64 = 42) -> [StrategySnapshot] {
    var random = SeededGenerator(seed: seed)
    return (0..<count).map { _ in
      let replicas = Int.random(in: 0...30, using: &random)
      let surge = Int.random(in: 0...8, using: &random)
      let unavailable =
        surge == 0 ? Int.random(in: 1...8, using: &random) : Int.random(in: 0...8, using: &random)
      func rs(_ name: String, revision: Int) -> ReplicaSetView {
        let size = Int.random(in: 0...(replicas + surge), using: &random)
        let available = Int.random(in: 0...size, using: &random)
        return Fixture.rs(
          name, replicas: size, available: available, revision: revision,
          createdAt: Double(revision))
      }
      let old = (1...Int.random(in: 1...3, using: &random)).map { rs("old-\($0)", revision: $0) }
      return Fixture.snapshot(
        replicas: replicas, maxSurge: surge, maxUnavailable: min(unavailable, replicas),
        new: rs("new", revision: 9), old: old)
    }
  }
}
