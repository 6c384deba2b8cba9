extension Deployment {
  /// This stored Deployment updated to `manifest`'s spec, labels and annotations, keeping what
  /// the controller owns (revision, rollout state), as `rollout apply` does (and a scenario's update).
  public func applying(_ manifest: Deployment) -> Deployment {
    var stored = self
    let owned = [Annotations.revision, RolloutState.annotation]
    var annotations = manifest.metadata.annotations ?? [:]
    for name in owned { annotations[name] = metadata.annotation(name) }
    stored.metadata.annotations = annotations.isEmpty ? nil : annotations
    stored.metadata.labels = manifest.metadata.labels
    stored.spec = manifest.spec
    return stored
  }
}
