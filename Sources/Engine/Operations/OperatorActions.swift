/// What an operator can do to a rollout: the state changes behind `rollout promote`, `abort`,
/// `retry`, `pause`, `resume`, `scale`, `undo`, `restart` and `set image`, shared by the CLI verbs and the
/// scenario runner so a test drives a rollout exactly as a person would.
public enum OperatorAction: Sendable, Hashable, CustomStringConvertible {
  case promote(full: Bool)
  case abort
  case retry
  case pause
  case resume
  case scale(replicas: Int)
  /// Back to `toRevision` (0: the previous revision).
  case undo(toRevision: Int)
  /// New images by container name.
  case setImage([String: String])
  /// Every pod replaced through a new revision, stamped with `at` (an RFC 3339 time).
  case restart(at: String)

  public var description: String {
    switch self {
    case .promote(let full): return full ? "promote --full" : "promote"
    case .abort: return "abort"
    case .retry: return "retry"
    case .pause: return "pause"
    case .resume: return "resume"
    case .scale(let replicas): return "scale --replicas \(replicas)"
    case .undo(let revision): return revision == 0 ? "undo" : "undo --to-revision \(revision)"
    case .restart: return "restart"
    case .setImage(let images):
      return "set image "
        + images.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
    }
  }
}

/// An operator action refused, with the message the CLI prints.
public struct OperatorActionError: Error, Sendable, Hashable, CustomStringConvertible {
  public var message: String
  public var description: String { message }

  public init(_ message: String) { self.message = message }
}

/// The state changes of the operator verbs, on a Deployment and its rollout state.
public enum OperatorActions {
  /// Applies `action` to the stored Deployment `key` and writes it back.
  /// - Parameter strategy: the strategy the rollout runs (`abort` needs one that can go back).
  public static func perform(
    _ action: OperatorAction, on key: ObjectKey, cluster: any ClusterBackend,
    strategy: (Deployment) throws -> any RolloutStrategy
  ) throws -> Deployment {
    guard var deployment = cluster.get(Deployment.self, key) else {
      throw OperatorActionError("deployment \"\(key.name)\" not found")
    }
    var state = RolloutState.read(from: deployment)
    switch action {
    case .promote(let full): try promote(&deployment, &state, full: full)
    case .abort: try abort(&deployment, &state, strategy: try strategy(deployment))
    case .retry: try retry(&deployment, &state)
    case .pause: try pause(&deployment)
    case .resume: try resume(&deployment, &state)
    case .scale(let replicas): deployment.spec.replicas = replicas
    case .undo(let revision):
      if case .unchanged(let revision) = try undo(
        &deployment, toRevision: revision,
        replicaSets: cluster.replicaSets(controlledBy: deployment))
      {
        throw OperatorActionError(
          "skipped rollback (current template already matches revision \(revision))")
      }
    case .setImage(let images):
      for (container, image) in images.sorted(by: { $0.key < $1.key }) {
        try setImage(&deployment, container: container, image: image)
      }
    case .restart(let time): try restart(&deployment, at: time)
    }
    state.write(to: &deployment)
    return try cluster.update(deployment)
  }

  /// `rollout promote`: past the current pause, or past the analysis run the rollout waits for;
  /// `full`: skip every remaining step.
  public static func promote(
    _ deployment: inout Deployment, _ state: inout RolloutState, full: Bool
  )
    throws(OperatorActionError)
  {
    let what = "\(deployment.kind.lowercased()) \"\(deployment.metadata.name)\""
    if state.phase == .healthy {
      let revision = deployment.metadata.annotation(Annotations.revision).map {
        " (revision \($0))"
      }
      throw OperatorActionError("\(what) is fully rolled out\(revision ?? ""); nothing to promote")
    }
    if full {
      state.promoteFull = true
      state.finished = false
    } else if state.pause == nil, state.awaitedAnalysis == nil {
      throw OperatorActionError(
        "\(what) is not paused by its strategy; nothing to promote (use --full to skip the "
          + "remaining steps)")
    }
    state.promoted = true
    state.endPause()
  }

  /// `rollout abort`: `strategy`, the one the rollout runs, takes the rollout back to stable;
  /// refused when it declares no abort.
  public static func abort(
    _ deployment: inout Deployment, _ state: inout RolloutState, strategy: any RolloutStrategy
  ) throws(OperatorActionError) {
    if !strategy.supportsAbort {
      throw OperatorActionError(
        "the \(strategy.name) strategy has no abort; use `rollout undo \(deployment.metadata.name)` to go back"
      )
    }
    if state.phase == .healthy {
      throw OperatorActionError(
        "\"\(deployment.metadata.name)\" is fully rolled out; nothing to abort")
    }
    state.aborted = true
    state.finished = false
    state.endPause()
    state.abortedBecause = nil
    (state.phase, state.reason) = (.degraded, RolloutState.Reason.aborted)
  }

  /// `rollout retry`: an aborted or failed rollout starts again from its first step.
  public static func retry(_ deployment: inout Deployment, _ state: inout RolloutState)
    throws(OperatorActionError)
  {
    guard state.aborted || state.blocksSteps else {
      throw OperatorActionError(
        "\"\(deployment.metadata.name)\" is neither aborted nor failed; nothing to retry")
    }
    state.aborted = false
    state.abortedBecause = nil
    state.analysisRuns = []
    state.finished = false
    state.strategyState = .object([:])
    state.step = nil
    state.desiredWeight = nil
    state.pause = nil
    (state.phase, state.reason, state.message) = (.progressing, nil, nil)
  }

  /// `rollout pause`: `spec.paused = true`.
  public static func pause(_ deployment: inout Deployment) throws(OperatorActionError) {
    if deployment.spec.isPaused {
      throw OperatorActionError("\"\(deployment.metadata.name)\" is already paused")
    }
    deployment.spec.paused = true
  }

  /// `rollout resume`: `spec.paused = false`, and any strategy pause ends too.
  public static func resume(_ deployment: inout Deployment, _ state: inout RolloutState)
    throws(OperatorActionError)
  {
    guard deployment.spec.isPaused || state.pause != nil else {
      throw OperatorActionError("\"\(deployment.metadata.name)\" is not paused")
    }
    deployment.spec.paused = nil
    if state.pause != nil { state.promoted = true }
    state.endPause()
  }

  /// `rollout restart`, as `kubectl rollout restart`: a new revision with the same pods, made
  /// by stamping `time` in the template's `kubectl.kubernetes.io/restartedAt` annotation.
  public static func restart(_ deployment: inout Deployment, at time: String)
    throws(OperatorActionError)
  {
    if deployment.spec.isPaused {
      throw OperatorActionError("can't restart paused deployment (run rollout resume first)")
    }
    var meta = deployment.spec.template.metadata ?? PodTemplateSpec.TemplateMeta()
    var annotations = meta.annotations ?? [:]
    annotations[Annotations.restartedAt] = time
    meta.annotations = annotations
    deployment.spec.template.metadata = meta
  }

  /// `rollout set image`: a new template with `container` running `image`.
  public static func setImage(_ deployment: inout Deployment, container: String, image: String)
    throws(OperatorActionError)
  {
    if !deployment.spec.template.setImage(container: container, to: image) {
      let known = deployment.spec.template.containers.map(\.name).joined(separator: ", ")
      throw OperatorActionError(
        "unable to find container named \"\(container)\" (containers: \(known))")
    }
  }
}

extension RolloutState {
  /// Ends a strategy pause so the next step runs.
  public mutating func endPause() {
    pause = nil
    if phase == .paused { (phase, reason) = (.progressing, nil) }
  }
}
