/// Controller events as `kubectl describe` and `kubectl get events` show them.
extension RolloutEvent {
  /// Reason, type and message of the `v1 Event` Kubernetes' controller would write for this
  /// (`ScalingReplicaSet` as its Deployment controller words it); nil for none.
  public var kubernetesEvent: (reason: String, type: String, message: String)? {
    switch self {
    case .scaled(_, _, let replicaSet, _, let from, let to, _):
      let direction = to > from ? "up" : "down"
      return (
        "ScalingReplicaSet", "Normal",
        "Scaled \(direction) replica set \(replicaSet) from \(from) to \(to)"
      )
    case .step(_, _, let message): return ("RolloutStep", "Normal", message)
    case .paused(_, _, let reason, let until):
      let end = until == nil ? "until promoted" : "for a while"
      return ("RolloutPaused", "Normal", "Rollout paused (\(reason)) \(end)")
    case .resumed(_, _, let reason):
      return ("RolloutResumed", "Normal", "Rollout resumed (\(reason))")
    case .degraded(_, _, let reason, let message):
      return ("RolloutDegraded", "Warning", "\(reason): \(message)")
    case .progressDeadlineExceeded(_, _, let message):
      return ("ProgressDeadlineExceeded", "Warning", message)
    case .completed(_, _, let revision):
      return ("RolloutCompleted", "Normal", "Rollout of revision \(revision) completed")
    case .servicePointed(_, _, let service, let replicaSet):
      return (
        "ServiceSelectorUpdated", "Normal",
        "Service \(service) now selects \(replicaSet.map { "replica set \($0)" } ?? "every version")"
      )
    case .analysis(_, _, let run, let phase, let message):
      let type = [.failed, .error].contains(phase) ? "Warning" : "Normal"
      if phase == .running { return ("AnalysisRunRunning", type, "Analysis run \(run) started") }
      return (
        "AnalysisRun\(phase.rawValue)", type,
        "Analysis run \(run) completed \(phase.rawValue)" + (message.map { ": \($0)" } ?? "")
      )
    case .replicaSetCreated, .replicaSetAdopted, .replicaSetDeleted: return nil
    }
  }
}
