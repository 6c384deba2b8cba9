/// `progressDeadlineSeconds` meaning "no deadline" (Go's `math.MaxInt32`).
public let noProgressDeadline = Int(Int32.max)

/// Kubernetes' `HasProgressDeadline`. `progressDeadlineSeconds` defaults to 600 here (the API
/// server's default is applied on read), so only `math.MaxInt32` turns the deadline off.
public func hasProgressDeadline(_ deployment: Deployment) -> Bool {
  deployment.spec.effectiveProgressDeadlineSeconds != noProgressDeadline
}

/// Kubernetes' `DeploymentComplete`: every desired replica is updated and available, no old pod
/// is left, and the status reflects the current generation.
public func deploymentComplete(deployment: Deployment, newStatus: DeploymentStatus) -> Bool {
  let replicas = deployment.replicas
  return newStatus.updatedReplicas ?? 0 == replicas && newStatus.replicas ?? 0 == replicas
    && newStatus.availableReplicas ?? 0 == replicas
    && newStatus.observedGeneration ?? 0 >= deployment.metadata.generation ?? 0
}

/// Kubernetes' `DeploymentProgressing`: compared with the Deployment's current status, there are
/// more updated, ready or available pods, or fewer old ones.
///
/// Worked example: old status (replicas 10, updated 4) has 6 old pods; new status (replicas 8,
/// updated 4) has 4, so the rollout progressed even though nothing new came up.
public func deploymentProgressing(deployment: Deployment, newStatus: DeploymentStatus) -> Bool {
  let old = deployment.status ?? DeploymentStatus()
  let oldOldPods = (old.replicas ?? 0) - (old.updatedReplicas ?? 0)
  let newOldPods = (newStatus.replicas ?? 0) - (newStatus.updatedReplicas ?? 0)
  return newStatus.updatedReplicas ?? 0 > old.updatedReplicas ?? 0 || newOldPods < oldOldPods
    || newStatus.readyReplicas ?? 0 > old.readyReplicas ?? 0
    || newStatus.availableReplicas ?? 0 > old.availableReplicas ?? 0
}

/// Kubernetes' `DeploymentTimedOut`: the Progressing condition of `newStatus` was last updated
/// more than `progressDeadlineSeconds` before `now` (strictly), or already says
/// `ProgressDeadlineExceeded`. Never for a completed rollout (`NewReplicaSetAvailable`), without a
/// Progressing condition, or without a deadline.
///
/// Worked example: deadline 10 s, last update at 69 s: at 80 s, 69 + 10 < 80, timed out; at 79 s
/// not yet, and at exactly 79 s neither (Go's `Before` is strict).
public func deploymentTimedOut(deployment: Deployment, newStatus: DeploymentStatus, now: Double)
  -> Bool
{
  guard hasProgressDeadline(deployment), let condition = newStatus.condition(.progressing) else {
    return false
  }
  if condition.reason == DeploymentCondition.Reason.newReplicaSetAvailable { return false }
  if condition.reason == DeploymentCondition.Reason.progressDeadlineExceeded { return true }
  let from = condition.lastUpdateTime ?? 0
  return from + Double(deployment.spec.effectiveProgressDeadlineSeconds) < now
}

/// Kubernetes' `syncRolloutStatus` without the write: takes `newStatus` (from `calculateStatus`)
/// and returns it with the Progressing condition the rollout earned.
///
/// - No deadline: the Progressing condition is removed.
/// - Paused: the condition is left as it is (no progress is estimated while paused; see
///   `pausedCondition`).
/// - Already complete (`NewReplicaSetAvailable` and no old pods): left as it is.
/// - Complete now: True/`NewReplicaSetAvailable`.
/// - Progress made: True/`ReplicaSetUpdated`, `lastUpdateTime = now`, keeping
///   `lastTransitionTime` if it was already True.
/// - Past the deadline: False/`ProgressDeadlineExceeded` (the rollout itself goes on).
public func syncRolloutStatus(
  deployment: Deployment, newStatus: DeploymentStatus, newReplicaSetName: String?, now: Double
) -> DeploymentStatus {
  var status = newStatus
  guard hasProgressDeadline(deployment) else {
    status.removeCondition(.progressing)
    return status
  }
  if deployment.spec.isPaused { return status }
  let current = deployment.status?.condition(.progressing)
  let alreadyComplete =
    status.replicas == status.updatedReplicas
    && current?.reason == DeploymentCondition.Reason.newReplicaSetAvailable
  if alreadyComplete { return status }

  let subject =
    newReplicaSetName.map { "ReplicaSet \"\($0)\"" }
    ?? "Deployment \"\(deployment.metadata.name)\""
  if deploymentComplete(deployment: deployment, newStatus: status) {
    status.setCondition(
      newCondition(
        .progressing, status: ConditionStatus.true,
        reason: DeploymentCondition.Reason.newReplicaSetAvailable,
        message: "\(subject) has successfully progressed.", now: now))
  } else if deploymentProgressing(deployment: deployment, newStatus: status) {
    var condition = newCondition(
      .progressing, status: ConditionStatus.true,
      reason: DeploymentCondition.Reason.replicaSetUpdated,
      message: "\(subject) is progressing.", now: now)
    // Unlike setCondition, a repeated ReplicaSetUpdated must still move lastUpdateTime.
    if let current {
      if current.status == ConditionStatus.true {
        condition.lastTransitionTime = current.lastTransitionTime
      }
      status.removeCondition(.progressing)
    }
    status.setCondition(condition)
  } else if deploymentTimedOut(deployment: deployment, newStatus: status, now: now) {
    status.setCondition(
      newCondition(
        .progressing, status: ConditionStatus.false,
        reason: DeploymentCondition.Reason.progressDeadlineExceeded,
        message: "\(subject) has timed out progressing.", now: now))
  }
  return status
}

/// Kubernetes' `requeueStuckDeployment`: how many seconds from `now` the progress deadline
/// should be checked again; 0 to check now; nil when there is nothing to check (no deadline, no
/// Progressing condition, complete, or already timed out).
///
/// Worked example: condition updated at 0 s, deadline 60 s, now 30 s: check in 30 s. At 59.5 s
/// the remaining half second is under 1 s, so 0 (now).
public func progressCheckDelay(deployment: Deployment, newStatus: DeploymentStatus, now: Double)
  -> Double?
{
  guard hasProgressDeadline(deployment),
    let current = deployment.status?.condition(.progressing)
  else { return nil }
  if deploymentComplete(deployment: deployment, newStatus: newStatus)
    || current.reason == DeploymentCondition.Reason.progressDeadlineExceeded
  {
    return nil
  }
  let after =
    (current.lastUpdateTime ?? 0) + Double(deployment.spec.effectiveProgressDeadlineSeconds) - now
  return after < 1 ? 0 : after
}

/// The Progressing condition `getNewReplicaSet` records on creating the new ReplicaSet:
/// True/`NewReplicaSetCreated`.
public func newReplicaSetCreatedCondition(replicaSetName: String, now: Double)
  -> DeploymentCondition
{
  newCondition(
    .progressing, status: ConditionStatus.true,
    reason: DeploymentCondition.Reason.newReplicaSetCreated,
    message: "Created new replica set \"\(replicaSetName)\"", now: now)
}

/// The Progressing condition `getNewReplicaSet` records on adopting an existing ReplicaSet as
/// the new one when no Progressing condition exists yet: True/`FoundNewReplicaSet`.
public func foundNewReplicaSetCondition(replicaSetName: String, now: Double) -> DeploymentCondition
{
  newCondition(
    .progressing, status: ConditionStatus.true,
    reason: DeploymentCondition.Reason.foundNewReplicaSet,
    message: "Found new replica set \"\(replicaSetName)\"", now: now)
}

/// Kubernetes' `checkPausedConditions`: the Progressing condition to set when the Deployment
/// was paused (Unknown/`DeploymentPaused`) or resumed (Unknown/`DeploymentResumed`, which
/// restarts the deadline clock); nil when nothing changes, when there is no deadline, or when a
/// timeout is already reported.
public func pausedCondition(deployment: Deployment, now: Double) -> DeploymentCondition? {
  guard hasProgressDeadline(deployment) else { return nil }
  let current = deployment.status?.condition(.progressing)
  if current?.reason == DeploymentCondition.Reason.progressDeadlineExceeded { return nil }
  let pausedRecorded = current?.reason == DeploymentCondition.Reason.deploymentPaused
  if deployment.spec.isPaused && !pausedRecorded {
    return newCondition(
      .progressing, status: ConditionStatus.unknown,
      reason: DeploymentCondition.Reason.deploymentPaused, message: "Deployment is paused",
      now: now)
  }
  if !deployment.spec.isPaused && pausedRecorded {
    return newCondition(
      .progressing, status: ConditionStatus.unknown,
      reason: DeploymentCondition.Reason.deploymentResumed, message: "Deployment is resumed",
      now: now)
  }
  return nil
}
