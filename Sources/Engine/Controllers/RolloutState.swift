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
    /// The strategy failed or its decision was refused; nothing is scaled until it is fixed.
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

  /// The annotation that holds the state.
  public static let annotation = "rollout.dev/state"

  /// The state stored on `deployment`, or a fresh one.
  public static func read(from deployment: Deployment) -> RolloutState {
    guard let text = deployment.metadata.annotation(annotation),
      let state = try? JSONDecoder().decode(RolloutState.self, from: Data(text.utf8))
    else { return RolloutState() }
    return state
  }

  /// Stores the state on `deployment`.
  public func write(to deployment: inout Deployment) {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let data = (try? encoder.encode(self)) ?? Data()
    deployment.metadata.setAnnotation(Self.annotation, String(decoding: data, as: UTF8.self))
  }
}
