/// What `kubectl rollout status deployment/NAME` prints for a Deployment
/// (kubectl's `DeploymentStatusViewer`), in kubectl's own words and order.
public struct RolloutStatusMessage: Sendable, Hashable {
  /// The line kubectl prints (without the trailing newline).
  public var text: String
  /// The rollout is done.
  public var done: Bool
  /// kubectl reports this as an error (the progress deadline was exceeded).
  public var isError: Bool

  public init(_ deployment: Deployment) {
    let name = deployment.metadata.name
    let status = deployment.status ?? DeploymentStatus()
    let (updated, replicas) = (status.updatedReplicas ?? 0, status.replicas ?? 0)
    let available = status.availableReplicas ?? 0
    done = false
    isError = false
    guard (deployment.metadata.generation ?? 0) <= (status.observedGeneration ?? 0) else {
      text = "Waiting for deployment spec update to be observed..."
      return
    }
    if status.condition(.progressing)?.reason
      == DeploymentCondition.Reason.progressDeadlineExceeded
    {
      text = "deployment \"\(name)\" exceeded its progress deadline"
      isError = true
    } else if updated < deployment.replicas {
      text =
        "Waiting for deployment \"\(name)\" rollout to finish: \(updated) out of \(deployment.replicas) new replicas have been updated..."
    } else if replicas > updated {
      text =
        "Waiting for deployment \"\(name)\" rollout to finish: \(replicas - updated) old replicas are pending termination..."
    } else if available < updated {
      text =
        "Waiting for deployment \"\(name)\" rollout to finish: \(available) of \(updated) updated replicas are available..."
    } else {
      text = "deployment \"\(name)\" successfully rolled out"
      done = true
    }
  }
}
