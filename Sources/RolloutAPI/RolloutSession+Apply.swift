import Engine

/// Applying a manifest: what `kubectl apply` does to the stored objects, plus the rollout's own
/// rules (a degraded rollout is retried, a pinned Service keeps its version).
extension RolloutSession {
  /// Creates the Deployment, or updates the stored one to the manifest's spec, labels and
  /// annotations while keeping what the controller owns (status, revision, rollout state).
  /// A rollout degraded by its strategy is retried: the operator applied again.
  @discardableResult
  public func apply(_ manifest: Deployment) throws -> ObjectKey {
    let key = manifest.key
    guard let existing = cluster.get(Deployment.self, key) else {
      try cluster.create(manifest)
      return key
    }
    var stored = existing.applying(manifest)
    var state = RolloutState.read(from: stored)
    if state.blocksSteps {
      state.phase = .progressing
      state.reason = nil
      state.message = nil
      state.write(to: &stored)
    }
    try cluster.update(stored)
    return key
  }

  /// Creates the Service, or updates the stored one to the manifest's, keeping the
  /// `pod-template-hash` a strategy pinned in its selector (re-applying a manifest must not move
  /// traffic).
  public func apply(_ manifest: Service) throws {
    guard var stored = cluster.get(Service.self, manifest.key) else {
      try cluster.create(manifest)
      return
    }
    let pinned = stored.pinnedHash
    stored.metadata.labels = manifest.metadata.labels
    stored.metadata.annotations = manifest.metadata.annotations
    stored.spec = manifest.spec
    if let pinned, manifest.pinnedHash == nil {
      var selector = stored.spec.selector ?? [:]
      selector[Labels.podTemplateHash] = pinned
      stored.spec.selector = selector
    }
    try cluster.update(stored)
  }
}
