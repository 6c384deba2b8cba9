/// One reconcile pass over one Deployment: reads the ReplicaSets once, then follows
/// Kubernetes' `syncDeployment` order. Writes to ReplicaSets go to the cluster at once; the
/// Deployment itself (status and annotations) is written by `DeploymentController.sync` at the
/// end of the pass, only if it changed.
struct SyncPass {
  let controller: DeploymentController
  var deployment: Deployment
  var result = DeploymentController.SyncResult()
  /// The Deployment's ReplicaSets as last read or written in this pass.
  var replicaSets: [ReplicaSet] = []
  var state: RolloutState

  init(controller: DeploymentController, deployment: Deployment) {
    self.controller = controller
    self.deployment = deployment
    self.state = controller.decoded.state(of: deployment)
  }

  var cluster: any ClusterBackend { controller.cluster }
  var now: Double { cluster.now }
  var key: ObjectKey { deployment.key }

  mutating func run() throws(ClusterError) {
    defer { controller.decoded.write(state, to: &deployment) }
    replicaSets = cluster.replicaSets(controlledBy: deployment)
    let fenceposts: Fenceposts
    do {
      fenceposts = try deployment.strategyFenceposts()
    } catch {
      degrade(reason: RolloutState.Reason.invalidSpec, message: "\(error)")
      return
    }
    syncPausedCondition()
    if deployment.spec.isPaused {
      let (newRS, oldRSs) = try reconcileReplicaSets(createNew: false)
      try scaleProportionally(newRS: newRS, oldRSs: oldRSs, fenceposts: fenceposts)
      try cleanupHistory(oldRSs: oldRSs)
      syncStatus(newRS: newRS, fenceposts: fenceposts)
      return
    }
    if try isScalingEvent() {
      state.finished = false
      let (newRS, oldRSs) = try reconcileReplicaSets(createNew: false)
      try scaleProportionally(newRS: newRS, oldRSs: oldRSs, fenceposts: fenceposts)
      result.awaitsReplicaSets = true
      syncStatus(newRS: newRS, fenceposts: fenceposts)
      return
    }
    let (created, oldRSs) = try reconcileReplicaSets(createNew: true)
    guard let newRS = created else { return }
    let scaled = try step(newRS: newRS, oldRSs: oldRSs, fenceposts: fenceposts)
    let latestNew = replicaSet(named: newRS.metadata.name) ?? newRS
    syncStatus(newRS: latestNew, fenceposts: fenceposts)
    if !scaled, isComplete {
      try cleanupHistory(oldRSs: oldRSs.compactMap { replicaSet(named: $0.metadata.name) })
    }
  }

  /// The ReplicaSet `name` as last seen in this pass.
  func replicaSet(named name: String) -> ReplicaSet? {
    replicaSets.first { $0.metadata.name == name }
  }

  /// Records `rs` as written.
  mutating func remember(_ rs: ReplicaSet) {
    if let index = replicaSets.firstIndex(where: { $0.metadata.name == rs.metadata.name }) {
      replicaSets[index] = rs
    } else {
      replicaSets.append(rs)
    }
  }

  /// Marks the rollout degraded: the strategy is not asked again until the template changes or an
  /// operator retries.
  mutating func degrade(reason: String, message: String) {
    if state.phase == .degraded, state.reason == reason, state.message == message { return }
    state.phase = .degraded
    state.reason = reason
    state.message = message
    controller.emit(.degraded(time: now, deployment: key, reason: reason, message: message))
  }
}

extension Deployment {
  /// The bounds a strategy works within: `maxSurge` and `maxUnavailable` resolved against
  /// `replicas` as Kubernetes' `ResolveFenceposts` does (25%/25% when absent), whatever
  /// `spec.strategy.type` says, with `maxUnavailable` never above `replicas` (Kubernetes'
  /// `MaxUnavailable`).
  public func strategyFenceposts() throws(FencepostError) -> Fenceposts {
    let resolved = try resolvedFenceposts()
    return Fenceposts(
      maxSurge: resolved.maxSurge,
      maxUnavailable: replicas == 0 ? 0 : min(resolved.maxUnavailable, replicas))
  }
}
