/// Status, conditions and the rollout phase (Kubernetes' sync.go `syncDeploymentStatus`,
/// progress.go `syncRolloutStatus`, `checkPausedConditions`).
extension SyncPass {
  /// Computes `status` from the ReplicaSets as Kubernetes does, moves the Progressing condition
  /// on (progress, completion, the deadline), and derives the rollout phase.
  mutating func syncStatus(newRS: ReplicaSet?, fenceposts: Fenceposts) {
    syncStrategyPauseCondition()
    let previous = deployment.status ?? DeploymentStatus()
    // Kubernetes' MaxUnavailable is 0 for a Recreate Deployment: Available needs every replica.
    var bounds = fenceposts
    if deployment.spec.strategy?.type == DeploymentStrategy.recreateType {
      bounds = Fenceposts(maxSurge: 0, maxUnavailable: 0)
    }
    var status = calculateStatus(
      deployment: deployment, allReplicaSets: replicaSets, newReplicaSet: newRS,
      fenceposts: bounds, now: now)
    // No progress deadline runs while paused, by `spec.paused` or by the strategy, nor while
    // the rollout waits for an analysis run.
    if !deployment.spec.isPaused, state.pause == nil, state.awaitedAnalysis == nil {
      status = syncRolloutStatus(
        deployment: deployment, newStatus: status, newReplicaSetName: newRS?.metadata.name,
        now: now)
      if let delay = progressCheckDelay(deployment: deployment, newStatus: status, now: now) {
        // The deadline is strict (Go's `Before`): at exactly `lastUpdateTime + deadline` the
        // rollout has not timed out yet. Upstream's rate-limited requeue lets time pass; a
        // clock that jumps straight to the wake time must be woken just after the deadline,
        // or it wakes at the deadline again and again without the clock ever moving.
        let updated = deployment.status?.condition(.progressing)?.lastUpdateTime ?? now
        let deadline = updated + Double(deployment.spec.effectiveProgressDeadlineSeconds)
        result.wake(at: max(now + delay, deadline.nextUp))
      }
    }
    deployment.status = status
    if let newRS {
      let services = cluster.list(Service.self, namespace: deployment.metadata.effectiveNamespace)
      state.actualWeight = Traffic.weight(
        of: newRS, among: replicaSets,
        service: Traffic.service(
          for: deployment, among: services,
          parameters: (try? controller.decoded.parameters(of: deployment)) ?? .object([:])))
    }
    let wasTimedOut = isTimedOut(previous)
    if !wasTimedOut, isTimedOut(status) {
      let message = status.condition(.progressing)?.message ?? ""
      controller.emit(.progressDeadlineExceeded(time: now, deployment: key, message: message))
    }
    updatePhase(revision: newRS?.revision ?? 0, newRS: newRS)
  }

  /// The rollout is done: Kubernetes' `DeploymentComplete` on the current status.
  var isComplete: Bool {
    guard let status = deployment.status else { return false }
    return deploymentComplete(deployment: deployment, newStatus: status)
  }

  private func isTimedOut(_ status: DeploymentStatus) -> Bool {
    status.condition(.progressing)?.reason
      == DeploymentCondition.Reason.progressDeadlineExceeded
  }

  private mutating func updatePhase(revision: Int, newRS: ReplicaSet?) {
    let wasHealthy = state.phase == .healthy
    if state.reason == DeploymentCondition.Reason.progressDeadlineExceeded {
      // Recovered or not, the timeout's message is re-derived below; don't let it linger.
      state.message = nil
    }
    if state.blocksSteps { return }
    if state.aborted {
      (state.phase, state.reason) = (.degraded, RolloutState.Reason.aborted)
    } else if deployment.spec.isPaused {
      (state.phase, state.reason) = (.paused, RolloutState.Reason.userPause)
    } else if let pause = state.pause {
      (state.phase, state.reason) = (.paused, pause.reason)
    } else if let status = deployment.status, isTimedOut(status) {
      (state.phase, state.reason) = (
        .degraded, DeploymentCondition.Reason.progressDeadlineExceeded
      )
      state.message = status.condition(.progressing)?.message
    } else if isComplete {
      (state.phase, state.reason) = (.healthy, nil)
      state.stableReplicaSet = newRS?.metadata.name ?? state.stableReplicaSet
      state.promoteFull = false
      if !wasHealthy {
        if state.completedAt == nil { state.completedAt = now }
        controller.emit(.completed(time: now, deployment: key, revision: revision))
      }
    } else {
      (state.phase, state.reason) = (.progressing, nil)
    }
  }

  /// Kubernetes' `checkPausedConditions`: a paused Deployment reports Progressing=Unknown
  /// (DeploymentPaused) and no deadline runs; resuming reports DeploymentResumed.
  mutating func syncPausedCondition() {
    guard let condition = pausedCondition(deployment: deployment, now: now) else { return }
    var status = deployment.status ?? DeploymentStatus()
    status.setCondition(condition)
    deployment.status = status
  }

  /// A strategy pause reports Progressing=Unknown (RolloutPaused), as Argo Rollouts does, and
  /// its end RolloutResumed: the progress deadline counts again from the resume.
  mutating func syncStrategyPauseCondition() {
    let reason = deployment.status?.condition(.progressing)?.reason
    if let pause = state.pause, reason != DeploymentCondition.Reason.rolloutPaused {
      setProgressing(
        status: "Unknown", reason: DeploymentCondition.Reason.rolloutPaused,
        message: "Rollout is paused (\(pause.reason))", onlyIfMissing: false)
    } else if state.pause == nil, let run = state.awaitedAnalysis,
      reason != DeploymentCondition.Reason.rolloutPaused
    {
      setProgressing(
        status: "Unknown", reason: DeploymentCondition.Reason.rolloutPaused,
        message: "Rollout is waiting for analysis run \(run.name)", onlyIfMissing: false)
    } else if state.pause == nil, state.awaitedAnalysis == nil,
      reason == DeploymentCondition.Reason.rolloutPaused
    {
      setProgressing(
        status: "Unknown", reason: DeploymentCondition.Reason.rolloutResumed,
        message: "Rollout is resumed", onlyIfMissing: false)
    }
  }

  /// Sets the Progressing condition (only when the Deployment has a progress deadline, as
  /// Kubernetes does; every Deployment has one unless it is explicitly unset).
  mutating func setProgressing(
    status: String = "True", reason: String, message: String, onlyIfMissing: Bool
  ) {
    setProgressing(
      newCondition(.progressing, status: status, reason: reason, message: message, now: now),
      onlyIfMissing: onlyIfMissing)
  }

  /// Sets `condition` as the Progressing condition; `onlyIfMissing`: unless one is set.
  mutating func setProgressing(_ condition: DeploymentCondition, onlyIfMissing: Bool) {
    var current = deployment.status ?? DeploymentStatus()
    if onlyIfMissing, current.condition(.progressing) != nil { return }
    current.setCondition(condition)
    deployment.status = current
  }
}

extension RolloutState {
  /// The running analysis run the rollout waits for, if any.
  public var awaitedAnalysis: AnalysisRun? {
    analysisRuns.first { $0.awaited == true && !$0.phase.isCompleted && !aborted }
  }

  /// A failure that stops the strategy from being asked again: a strategy error, a decision
  /// outside the safety envelope, or an invalid spec. The progress deadline does not (Kubernetes only reports it, and the rollout goes on),
  /// nor does an abort (the strategy takes the rollout back to stable).
  public var blocksSteps: Bool {
    phase == .degraded
      && (reason == DeploymentCondition.Reason.strategyFailed
        || reason == RolloutState.Reason.invalidSpec
        || reason == RolloutState.Reason.envelopeViolation
        || reason == RolloutState.Reason.livelock)
  }
}
