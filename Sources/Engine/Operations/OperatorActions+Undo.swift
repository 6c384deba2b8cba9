extension OperatorActions {
  /// What an undo did.
  public enum UndoResult: Sendable, Hashable {
    /// The template is now that of `revision`.
    case rolledBack(revision: Int)
    /// The template already matched `revision`: nothing changed.
    case unchanged(revision: Int)
  }

  /// Annotations of the Deployment a rollback keeps, and of the ReplicaSet it does not copy
  /// (kubectl's `annotationsToSkip`).
  public static let undoSkippedAnnotations: Set<String> = [
    "kubectl.kubernetes.io/last-applied-configuration", Annotations.revision,
    Annotations.revisionHistory, Annotations.desiredReplicas, Annotations.maxReplicas,
    "deprecated.deployment.rollback.to",
  ]

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
    let revisions = replicaSets.map(\.revision).filter { $0 > 0 }.sorted()
    let previous = revisions.count >= 2 ? revisions[revisions.count - 2] : nil
    guard let revision = toRevision == 0 ? previous : toRevision else {
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
    var annotations = (deployment.metadata.annotations ?? [:]).filter {
      undoSkippedAnnotations.contains($0.key) || $0.key == RolloutState.annotation
        || $0.key == Annotations.strategy || $0.key == Annotations.strategyParams
    }
    for (key, value) in rs.metadata.annotations ?? [:] where !undoSkippedAnnotations.contains(key) {
      annotations[key] = value
    }
    deployment.metadata.annotations = annotations
    return .rolledBack(revision: revision)
  }
}
