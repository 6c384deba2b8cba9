import Foundation

/// The rollout-level state the engine keeps beside a Deployment: the strategy's persisted
/// table, where the rollout stands, and any pause the strategy asked for.
///
/// It lives in the Deployment's `rollout.dev/state` annotation (compact JSON), so it travels
/// with the object on any backend, the simulated cluster or a real API server alike.
public struct RolloutState: Sendable, Hashable, Codable {
  /// Where a rollout stands, as Argo Rollouts users know it.
  public enum Phase: String, Sendable, Hashable, Codable {
    /// The current revision is fully rolled out and available.
    case healthy = "Healthy"
    /// The strategy is moving replicas.
    case progressing = "Progressing"
    /// Waiting for an operator or a timer: a strategy pause or `spec.paused`.
    case paused = "Paused"
    /// The strategy failed, its decision was refused, the rollout was aborted, or it made no
    /// progress within its deadline.
    case degraded = "Degraded"
  }

  public var phase: Phase
  /// A CamelCase reason: `StrategyFailed`, `CanaryPauseStep`, `ProgressDeadlineExceeded`, …
  public var reason: String?
  public var message: String?
  /// The strategy's own table, handed back at every step.
  public var strategyState: JSONValue
  /// The pause the strategy asked for, if one is in force.
  public var pause: ActivePause?
  /// The generation the state belongs to: a new template starts from an empty strategy state.
  public var generation: Int
  /// The revision of the new ReplicaSet the state belongs to.
  public var revision: Int
  /// The strategy said it is done with this revision: it is not asked again until the template
  /// or `replicas` change.
  public var finished: Bool = false
  /// The ReplicaSet last fully rolled out: what an abort returns to.
  public var stableReplicaSet: String?
  /// `rollout abort`: go back to stable until `rollout retry`.
  public var aborted: Bool = false
  /// `rollout promote --full`: skip the remaining steps until the rollout completes.
  public var promoteFull: Bool = false
  /// `rollout promote`: seen by the next step only.
  public var promoted: Bool = false
  /// The share of traffic the strategy wants the new version to have, percent.
  public var desiredWeight: Int?
  /// Where the strategy is in its plan.
  public var step: StepProgress?
  /// The share of traffic the new version actually gets, percent (see `Traffic`).
  public var actualWeight: Int?
  /// Cluster time the rollout of `revision` began (its first step).
  public var startedAt: Double?
  /// Cluster time `revision` was first fully rolled out.
  public var completedAt: Double?
  /// The analysis runs the strategy started for `revision`, in the order it started them.
  public var analysisRuns: [AnalysisRun] = []
  /// Why the rollout was aborted when it was not an operator: the failed analysis, or the
  /// strategy's own judgement.
  public var abortedBecause: String?

  public init(
    phase: Phase = .progressing, reason: String? = nil, message: String? = nil,
    strategyState: JSONValue = .object([:]), pause: ActivePause? = nil, generation: Int = 0,
    revision: Int = 0
  ) {
    self.phase = phase
    self.reason = reason
    self.message = message
    self.strategyState = strategyState
    self.pause = pause
    self.generation = generation
    self.revision = revision
  }

  /// A pause in force.
  public struct ActivePause: Sendable, Hashable, Codable {
    public var reason: String
    public var since: Double
    /// When it ends by itself; nil waits for `rollout promote`.
    public var until: Double?

    public init(reason: String, since: Double, until: Double?) {
      self.reason = reason
      self.since = since
      self.until = until
    }
  }

  private enum CodingKeys: String, CodingKey {
    case phase, reason, message, strategyState, pause, generation, revision, finished
    case stableReplicaSet, aborted, promoteFull, promoted, desiredWeight, step, actualWeight
    case startedAt, completedAt, analysisRuns, abortedBecause
  }

  /// Decodes a state; fields a newer build added default when absent.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    phase = try container.decode(Phase.self, forKey: .phase)
    reason = try container.decodeIfPresent(String.self, forKey: .reason)
    message = try container.decodeIfPresent(String.self, forKey: .message)
    strategyState =
      try container.decodeIfPresent(JSONValue.self, forKey: .strategyState) ?? .object([:])
    pause = try container.decodeIfPresent(ActivePause.self, forKey: .pause)
    generation = try container.decodeIfPresent(Int.self, forKey: .generation) ?? 0
    revision = try container.decodeIfPresent(Int.self, forKey: .revision) ?? 0
    finished = try container.decodeIfPresent(Bool.self, forKey: .finished) ?? false
    stableReplicaSet = try container.decodeIfPresent(String.self, forKey: .stableReplicaSet)
    aborted = try container.decodeIfPresent(Bool.self, forKey: .aborted) ?? false
    promoteFull = try container.decodeIfPresent(Bool.self, forKey: .promoteFull) ?? false
    promoted = try container.decodeIfPresent(Bool.self, forKey: .promoted) ?? false
    desiredWeight = try container.decodeIfPresent(Int.self, forKey: .desiredWeight)
    step = try container.decodeIfPresent(StepProgress.self, forKey: .step)
    actualWeight = try container.decodeIfPresent(Int.self, forKey: .actualWeight)
    startedAt = try container.decodeIfPresent(Double.self, forKey: .startedAt)
    completedAt = try container.decodeIfPresent(Double.self, forKey: .completedAt)
    analysisRuns = try container.decodeIfPresent([AnalysisRun].self, forKey: .analysisRuns) ?? []
    abortedBecause = try container.decodeIfPresent(String.self, forKey: .abortedBecause)
  }

  /// Encodes the state; `analysisRuns` only when there are any, so a state without analysis
  /// reads as it did before runs existed.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(phase, forKey: .phase)
    try container.encodeIfPresent(reason, forKey: .reason)
    try container.encodeIfPresent(message, forKey: .message)
    try container.encode(strategyState, forKey: .strategyState)
    try container.encodeIfPresent(pause, forKey: .pause)
    try container.encode(generation, forKey: .generation)
    try container.encode(revision, forKey: .revision)
    try container.encode(finished, forKey: .finished)
    try container.encodeIfPresent(stableReplicaSet, forKey: .stableReplicaSet)
    try container.encode(aborted, forKey: .aborted)
    try container.encode(promoteFull, forKey: .promoteFull)
    try container.encode(promoted, forKey: .promoted)
    try container.encodeIfPresent(desiredWeight, forKey: .desiredWeight)
    try container.encodeIfPresent(step, forKey: .step)
    try container.encodeIfPresent(actualWeight, forKey: .actualWeight)
    try container.encodeIfPresent(startedAt, forKey: .startedAt)
    try container.encodeIfPresent(completedAt, forKey: .completedAt)
    if !analysisRuns.isEmpty { try container.encode(analysisRuns, forKey: .analysisRuns) }
    try container.encodeIfPresent(abortedBecause, forKey: .abortedBecause)
  }

  /// The annotation that holds the state.
  public static let annotation = "rollout.dev/state"

  /// The reasons the engine itself gives.
  public enum Reason {
    /// `rollout abort`: the strategy returns the rollout to stable.
    public static let aborted = "RolloutAborted"
    /// `spec.paused` (`rollout pause`).
    public static let userPause = "UserPause"
    /// The manifest's strategy settings are invalid.
    public static let invalidSpec = "InvalidSpec"
    /// The strategy kept changing its decision without the clock moving.
    public static let livelock = "Livelock"
  }

  /// The state stored on `deployment`, or a fresh one.
  public static func read(from deployment: Deployment) -> RolloutState {
    guard let text = deployment.metadata.annotation(annotation),
      var state = try? JSONDecoder().decode(RolloutState.self, from: Data(text.utf8))
    else { return RolloutState() }
    // The strategy's table exactly as written: `JSONDecoder` reads 3.0 as an integer, so a
    // table holding integers is read again.
    if state.strategyState.containsInteger,
      let exact = try? JSONValue(exactText: text)["strategyState"]
    {
      state.strategyState = exact
    }
    return state
  }

  /// Stores the state on `deployment`, the strategy's table in `ExactJSON`'s form.
  public func write(to deployment: inout Deployment) {
    let data = (try? ExactJSON.encode(self)) ?? Data()
    deployment.metadata.setAnnotation(Self.annotation, String(decoding: data, as: UTF8.self))
  }
}
