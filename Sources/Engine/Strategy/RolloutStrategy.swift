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

  /// A wider safety envelope the strategy needs (blue-green: `maxSurge` 100%), or nil for the
  /// manifest's. Read once per step; see `SafetyEnvelope`.
  var declaredEnvelope: EnvelopeDeclaration? { get }

  /// Whether the strategy takes a rollout back to stable when an operator aborts it; the
  /// operator's `abort` is refused otherwise.
  var supportsAbort: Bool { get }

  /// Who the strategy is and which version of it ran, for the decision log.
  var provenance: StrategyProvenance { get }
}

extension RolloutStrategy {
  /// No declaration: the manifest's envelope.
  public var declaredEnvelope: EnvelopeDeclaration? { nil }

  /// Abort is supported unless the strategy says otherwise.
  public var supportsAbort: Bool { true }

  /// The name, with no source to digest.
  public var provenance: StrategyProvenance { StrategyProvenance(name: name) }
}

/// Which strategy decided, for the decision log: its name, where it came from, and a digest of
/// its source text (so a log shows whether two decisions came from the same script).
public struct StrategyProvenance: Sendable, Hashable, Codable {
  /// `rolling.lua`, `surge.lua`, `native-rolling`.
  public var name: String
  /// `stock:rolling` or the file's path; nil for a strategy with no source.
  public var identity: String?
  /// FNV-1a 64 of the source text, 16 hex digits.
  public var sourceDigest: String?

  public init(name: String, identity: String? = nil, sourceDigest: String? = nil) {
    self.name = name
    self.identity = identity
    self.sourceDigest = sourceDigest
  }
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
