import Engine

/// The operator verbs: each records an intent on the stored Deployment, and the next drive
/// carries it out.
extension RolloutSession {
  /// Changes the stored Deployment `key` and its rollout state with `change`, writes both back
  /// and saves the store. A refused change (`OperatorActionError`) is bad input: nothing is
  /// written.
  @discardableResult
  public func steer(
    _ key: ObjectKey, _ change: (inout Deployment, inout RolloutState) throws -> Void
  ) throws -> Deployment {
    var deployment = try deployment(named: key.name, namespace: key.namespace)
    var state = RolloutState.read(from: deployment)
    do {
      try change(&deployment, &state)
    } catch let refused as OperatorActionError {
      throw SessionError(refused.message)
    }
    state.write(to: &deployment)
    let updated = try cluster.update(deployment)
    try save()
    return updated
  }

  /// Records `action` on the stored Deployment `key` (`promote`, `abort`, `undo`, ...), as the
  /// scenario runner does; the strategy that `abort` asks is the Deployment's own.
  @discardableResult
  public func perform(_ action: OperatorAction, on key: ObjectKey) throws -> Deployment {
    _ = try deployment(named: key.name, namespace: key.namespace)
    let provider = strategies
    let updated: Deployment
    do {
      updated = try OperatorActions.perform(action, on: key, cluster: cluster) {
        try provider.strategy(for: $0)
      }
    } catch let refused as OperatorActionError {
      throw SessionError(refused.message)
    }
    try save()
    return updated
  }

  /// `rollout undo`: back to `toRevision` (0: the previous revision) of the Deployment `key`'s
  /// history. Nothing is written when the template already matches that revision.
  public func undo(_ key: ObjectKey, toRevision: Int) throws -> OperatorActions.UndoResult {
    var result = OperatorActions.UndoResult.unchanged(revision: 0)
    let history = history(of: try deployment(named: key.name, namespace: key.namespace))
    var deployment = history.deployment
    do {
      result = try OperatorActions.undo(
        &deployment, toRevision: toRevision, replicaSets: history.replicaSets)
    } catch {
      throw SessionError(error.message)
    }
    if case .rolledBack = result {
      try cluster.update(deployment)
      try save()
    }
    return result
  }

  /// The revisions of `deployment`: the ReplicaSets it controls, oldest revision first.
  public func history(of deployment: Deployment) -> RevisionHistory {
    RevisionHistory(
      deployment: deployment,
      replicaSets: cluster.replicaSets(controlledBy: deployment).sorted {
        $0.revision < $1.revision
      })
  }
}

/// A Deployment's revisions, from the ReplicaSets it controls (what `kubectl rollout history`
/// lists and `undo` goes back to).
public struct RevisionHistory: Sendable, Hashable {
  public var deployment: Deployment
  /// Oldest revision first.
  public var replicaSets: [ReplicaSet]

  public init(deployment: Deployment, replicaSets: [ReplicaSet]) {
    self.deployment = deployment
    self.replicaSets = replicaSets
  }

  /// `deployment.apps/web` or `rollout.argoproj.io/shop`, as kubectl names it.
  public var resource: String {
    deployment.kind == "Rollout"
      ? "rollout.argoproj.io/\(deployment.metadata.name)"
      : "deployment.apps/\(deployment.metadata.name)"
  }

  /// The ReplicaSet of `revision`, if it is still there.
  public func replicaSet(revision: Int) -> ReplicaSet? {
    replicaSets.first { $0.revision == revision }
  }
}
