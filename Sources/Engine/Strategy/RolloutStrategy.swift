/// The boundary between the engine and whatever decides a rollout step (a Lua script, or a
/// native implementation in tests and benchmarks).
///
/// The engine calls `step` with a read-only snapshot whenever something changed; the strategy
/// answers with a decision. The engine validates the whole decision and applies all of it or
/// none of it: a strategy can never leave the cluster half-scaled. A strategy keeps state only in
/// `StrategyDecision.state`, which the engine persists and hands back in the next snapshot.
public protocol RolloutStrategy {
  /// A short name for logs and status (`rolling`, `canary.lua`).
  var name: String { get }

  /// Decides one rollout step. A thrown error refuses the step: the engine scales nothing and
  /// marks the rollout degraded with the error's description as the reason.
  func step(_ snapshot: StrategySnapshot) throws -> StrategyDecision
}

/// Kubernetes' fenceposts of a rolling update, resolved to pod counts.
public struct Fenceposts: Sendable, Hashable, Codable {
  public var maxSurge: Int
  public var maxUnavailable: Int

  public init(maxSurge: Int, maxUnavailable: Int) {
    self.maxSurge = maxSurge
    self.maxUnavailable = maxUnavailable
  }
}
