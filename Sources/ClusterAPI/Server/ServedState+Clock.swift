import Engine

/// Time on a served cluster: the controllers react to every write and every change at once, and
/// the clock moves only as far as the wall clock (times the speed) allows.
extension ServedState {
  /// Every Deployment and Rollout of the cluster.
  var rolloutKeys: [ObjectKey] { cluster.list(Deployment.self, namespace: nil).map(\.key) }

  /// Runs the controllers to a fixpoint at the current instant. The cache is refreshed after
  /// every sync, so a watch sees each write a controller makes, not only where an instant ends.
  func settle() throws {
    defer { refresh() }
    needsSync = false
    writtenRollouts.removeAll()
    wakeAt = try runner.settleInstant(rolloutKeys) { [self] _ in refresh() }
  }

  /// Syncs the rollouts written since the controllers last looked (all of them after
  /// `needsSync`), at the current instant.
  func settleWrites() throws {
    if needsSync { return try settle() }
    let keys = writtenRollouts.filter { cluster.get(Deployment.self, $0) != nil }.sorted()
    writtenRollouts.removeAll()
    guard !keys.isEmpty else { return refresh() }
    defer { refresh() }
    let wake = try runner.settleInstant(keys) { [self] _ in refresh() }
    if let wake { wakeAt = min(wakeAt ?? wake, wake) }
  }

  /// Moves the cluster on to `target` (cluster time), reacting to every change on the way.
  func advance(until target: Double) throws {
    if needsSync { try settle() } else { try settleWrites() }
    while cluster.now < target {
      let next = wakeAt.map { min(target, max($0, cluster.now.nextUp)) } ?? target
      switch cluster.waitForChange(until: next) {
      case .changed:
        try settle()
      case .deadline, .idle:
        if let wake = wakeAt, cluster.now >= wake {
          try settle()
        } else {
          refresh()
          return
        }
      }
    }
    refresh()
  }

  /// A BOOKMARK to every watch that asked for them, at the current resourceVersion.
  func bookmark() {
    let version = String(cluster.currentResourceVersion)
    hub.bookmark(resourceVersion: cluster.currentResourceVersion) { type in
      .object([
        "kind": .string(type.kind), "apiVersion": .string(type.groupVersion),
        "metadata": .object(["resourceVersion": .string(version)]),
      ])
    }
  }
}
