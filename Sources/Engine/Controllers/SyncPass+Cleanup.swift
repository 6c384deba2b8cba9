/// History clean-up (Kubernetes' sync.go `cleanupDeployment`).
extension SyncPass {
  /// Kubernetes' rule: with `n` old ReplicaSets and a limit of `l`, look at the `n - l` oldest
  /// by revision and delete those that have no pods (spec, status and terminating all zero).
  /// Example: limit 2, old revisions 1 (0 pods), 2 (3 pods), 3 (0 pods), 4 (0 pods): the two
  /// oldest are 1 and 2; 1 is deleted, 2 is kept because it still has pods.
  mutating func cleanupHistory(oldRSs: [ReplicaSet]) throws(ClusterError) {
    let limit = deployment.spec.effectiveRevisionHistoryLimit
    let excess = oldRSs.count - limit
    guard excess > 0 else { return }
    let byRevision = oldRSs.sorted {
      $0.revision != $1.revision ? $0.revision < $1.revision : $0.metadata.name < $1.metadata.name
    }
    for rs in byRevision.prefix(excess)
    where rs.replicas == 0 && rs.currentReplicas == 0 && rs.terminatingReplicas == 0 {
      try cluster.delete(ReplicaSet.self, rs.key)
      replicaSets.removeAll { $0.metadata.name == rs.metadata.name }
      controller.emit(
        .replicaSetDeleted(
          time: now, deployment: key, replicaSet: rs.metadata.name, revision: rs.revision))
    }
  }
}
