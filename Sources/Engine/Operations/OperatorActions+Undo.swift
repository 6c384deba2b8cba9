extension OperatorActions {
  /// What an undo did.
  public enum UndoResult: Sendable, Hashable {
    /// The template is now that of `revision`.
    case rolledBack(revision: Int)
    /// The template already matched `revision`: nothing changed.
    case unchanged(revision: Int)
  }

  /// `rollout undo`: kubectl's rollback. The template of revision `toRevision` (0: the previous
  /// one) from the Deployment's `replicaSets` becomes the Deployment's, so its ReplicaSet is
  /// reused and becomes the newest revision.
  public static func undo(
    _ deployment: inout Deployment, toRevision: Int, replicaSets: [ReplicaSet]
  ) throws(OperatorActionError) -> UndoResult {
    let name = deployment.metadata.name
    if deployment.spec.isPaused {
      throw OperatorActionError(
        "you cannot rollback a paused deployment; resume it first with 'rollout resume' and try again"
      )
    }
    let previous = lastRevision(replicaSets)
    guard let revision = toRevision == 0 ? (previous > 0 ? previous : nil) : toRevision else {
      throw OperatorActionError("no rollout history found for deployment \"\(name)\"")
    }
    guard let rs = replicaSets.first(where: { $0.revision == revision }) else {
      throw OperatorActionError("unable to find specified revision \(revision) in history")
    }
    if equalIgnoringHash(rs.spec.template, deployment.spec.template) {
      return .unchanged(revision: revision)
    }
    var template = rs.spec.template
    template.metadata?.labels?[Labels.podTemplateHash] = nil
    deployment.spec.template = template
    // Kubernetes' `setDeploymentAnnotationsTo`: the Deployment keeps the skipped annotations
    // and takes every other one from the revision's ReplicaSet.
    var annotations = (deployment.metadata.annotations ?? [:]).filter {
      annotationsToSkip.contains($0.key)
    }
    for (key, value) in rs.metadata.annotations ?? [:] where !annotationsToSkip.contains(key) {
      annotations[key] = value
    }
    deployment.metadata.annotations = annotations
    return .rolledBack(revision: revision)
  }
}
