/// Scaling ReplicaSets: one scale, and proportional scaling when `replicas` changes mid-rollout
/// (Kubernetes' sync.go `scale`, `isScalingEvent`, `scaleReplicaSet`).
extension SyncPass {
  /// Sets `rs` to `replicas` pods and stamps the desired/max-replicas annotations proportional
  /// scaling reads later. Writes only when something changed.
  @discardableResult
  mutating func scale(
    _ rs: ReplicaSet, to replicas: Int, fenceposts: Fenceposts, cause: RolloutEvent.ScaleCause
  ) throws(ClusterError) -> ReplicaSet {
    var updated = replicaSet(named: rs.metadata.name) ?? rs
    let from = updated.replicas
    updated.spec.replicas = replicas
    let annotationsChanged = setReplicasAnnotations(
      on: &updated, desired: deployment.replicas,
      maxReplicas: deployment.replicas + fenceposts.maxSurge)
    guard from != replicas || annotationsChanged else { return updated }
    updated = try cluster.update(updated)
    remember(updated)
    if from != replicas {
      controller.emit(
        .scaled(
          time: now, deployment: key, replicaSet: updated.metadata.name,
          revision: updated.revision, from: from, to: replicas, cause: cause))
    }
    return updated
  }

  /// Kubernetes' `isScalingEvent`: an active ReplicaSet was last sized for another `replicas`.
  func isScalingEvent() throws(ClusterError) -> Bool {
    for rs in replicaSets where rs.replicas > 0 {
      if let desired = Int(rs.metadata.annotation(Annotations.desiredReplicas) ?? ""),
        desired != deployment.replicas
      {
        return true
      }
    }
    return false
  }

  /// Kubernetes' sync.go `scale`: spreads a change of `replicas` over the active ReplicaSets in
  /// proportion to their size, leftovers to the largest (see `proportionalScale`).
  mutating func scaleProportionally(
    newRS: ReplicaSet?, oldRSs: [ReplicaSet], fenceposts: Fenceposts
  ) throws(ClusterError) {
    let changes = proportionalScale(
      deployment: deployment, newReplicaSet: newRS, oldReplicaSets: oldRSs)
    let targets = Dictionary(
      changes.map { ($0.name, $0.to) }, uniquingKeysWith: { _, last in last })
    // Every active ReplicaSet is written, sized or not, so its desired-replicas annotation
    // catches up and the scaling event ends.
    let active = ([newRS].compactMap { $0 } + oldRSs).filter {
      $0.replicas > 0 || targets[$0.metadata.name] != nil
    }
    for rs in active {
      let target = targets[rs.metadata.name] ?? rs.replicas
      try scale(rs, to: target, fenceposts: fenceposts, cause: .proportional)
    }
  }
}
