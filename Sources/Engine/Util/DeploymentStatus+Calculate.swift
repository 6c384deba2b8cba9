/// Kubernetes' `calculateStatus` (sync.go): the Deployment status its ReplicaSets imply.
///
/// - `replicas`: sum of `status.replicas` (pods that exist) over all ReplicaSets.
/// - `updatedReplicas`: `status.replicas` of the new ReplicaSet (0 without one).
/// - `readyReplicas`, `availableReplicas`: sums of the ReplicaSets' counts.
/// - `unavailableReplicas`: `max(0, sum of spec.replicas - available)`, as upstream. Worked
///   example: 10 replicas mid-rollout with ReplicaSets sized 8 (old) + 5 (new) and 9 pods
///   available gives 13 - 9 = 4.
/// - `observedGeneration`: `metadata.generation`; `collisionCount` and the other conditions
///   are carried over.
/// - `Available` is True/`MinimumReplicasAvailable` when
///   `available >= replicas - maxUnavailable`, else False/`MinimumReplicasUnavailable`.
///   `maxUnavailable` comes from `fenceposts`, clamped to `replicas`, and is 0 for `Recreate`
///   (upstream `MaxUnavailable`).
public func calculateStatus(
  deployment: Deployment, allReplicaSets: [ReplicaSet], newReplicaSet: ReplicaSet?,
  fenceposts: Fenceposts, now: Double
) -> DeploymentStatus {
  let available = allReplicaSets.reduce(0) { $0 + $1.availableReplicas }
  let specTotal = allReplicaSets.reduce(0) { $0 + $1.replicas }

  var status = DeploymentStatus()
  status.observedGeneration = deployment.metadata.generation
  status.replicas = allReplicaSets.reduce(0) { $0 + $1.currentReplicas }
  status.updatedReplicas = newReplicaSet?.currentReplicas ?? 0
  status.readyReplicas = allReplicaSets.reduce(0) { $0 + $1.readyReplicas }
  status.availableReplicas = available
  status.unavailableReplicas = max(0, specTotal - available)
  status.collisionCount = deployment.status?.collisionCount
  status.conditions = deployment.status?.conditions

  let replicas = deployment.replicas
  let unavailableAllowed =
    deployment.isRollingUpdate && replicas != 0 ? min(fenceposts.maxUnavailable, replicas) : 0
  if available >= replicas - unavailableAllowed {
    status.setCondition(
      newCondition(
        .available, status: ConditionStatus.true,
        reason: DeploymentCondition.Reason.minimumReplicasAvailable,
        message: "Deployment has minimum availability.", now: now))
  } else {
    status.setCondition(
      newCondition(
        .available, status: ConditionStatus.false,
        reason: DeploymentCondition.Reason.minimumReplicasUnavailable,
        message: "Deployment does not have minimum availability.", now: now))
  }
  return status
}
