/// Something the rollout controller did, for the live display, `--output jsonl`, the summary and
/// the tests. Times are cluster seconds.
public enum RolloutEvent: Sendable, Hashable {
  /// A ReplicaSet was created for a new pod template.
  case replicaSetCreated(time: Double, deployment: ObjectKey, replicaSet: String, revision: Int)
  /// An existing ReplicaSet became the new one again (undo, or a template that came back).
  case replicaSetAdopted(time: Double, deployment: ObjectKey, replicaSet: String, revision: Int)
  /// A ReplicaSet's `spec.replicas` changed. `cause` says who asked: the strategy, proportional
  /// scaling, or history clean-up.
  case scaled(
    time: Double, deployment: ObjectKey, replicaSet: String, revision: Int, from: Int, to: Int,
    cause: ScaleCause)
  /// The strategy decided a step; `message` is what it said it is doing.
  case step(time: Double, deployment: ObjectKey, message: String)
  /// The rollout paused (`until` nil: until promoted).
  case paused(time: Double, deployment: ObjectKey, reason: String, until: Double?)
  /// A pause ended (its time ran out, or an operator promoted or resumed).
  case resumed(time: Double, deployment: ObjectKey, reason: String)
  /// The strategy failed or its decision was refused; nothing was scaled.
  case degraded(time: Double, deployment: ObjectKey, reason: String, message: String)
  /// The Progressing condition turned False: no progress within `progressDeadlineSeconds`.
  case progressDeadlineExceeded(time: Double, deployment: ObjectKey, message: String)
  /// The new ReplicaSet is fully available.
  case completed(time: Double, deployment: ObjectKey, revision: Int)
  /// A Service was pointed at a ReplicaSet (nil: at every version).
  case servicePointed(time: Double, deployment: ObjectKey, service: String, replicaSet: String?)
  /// An old ReplicaSet beyond `revisionHistoryLimit` was deleted.
  case replicaSetDeleted(time: Double, deployment: ObjectKey, replicaSet: String, revision: Int)
  /// An analysis run started (`phase` Running) or completed (its final phase and why).
  case analysis(
    time: Double, deployment: ObjectKey, run: String, phase: AnalysisPhase, message: String?)

  /// Who asked for a scale.
  public enum ScaleCause: String, Sendable, Hashable, Codable {
    case strategy
    case proportional
  }

  /// When it happened.
  public var time: Double {
    switch self {
    case .replicaSetCreated(let time, _, _, _), .replicaSetAdopted(let time, _, _, _),
      .scaled(let time, _, _, _, _, _, _), .step(let time, _, _), .paused(let time, _, _, _),
      .resumed(let time, _, _), .degraded(let time, _, _, _),
      .progressDeadlineExceeded(let time, _, _), .completed(let time, _, _),
      .replicaSetDeleted(let time, _, _, _), .servicePointed(let time, _, _, _),
      .analysis(let time, _, _, _, _):
      return time
    }
  }

  /// The Deployment it happened to.
  public var deployment: ObjectKey {
    switch self {
    case .replicaSetCreated(_, let key, _, _), .replicaSetAdopted(_, let key, _, _),
      .scaled(_, let key, _, _, _, _, _), .step(_, let key, _), .paused(_, let key, _, _),
      .resumed(_, let key, _), .degraded(_, let key, _, _),
      .progressDeadlineExceeded(_, let key, _), .completed(_, let key, _),
      .replicaSetDeleted(_, let key, _, _), .servicePointed(_, let key, _, _),
      .analysis(_, let key, _, _, _):
      return key
    }
  }
}
