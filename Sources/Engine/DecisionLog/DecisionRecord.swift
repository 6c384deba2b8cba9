import Foundation

/// One strategy decision with everything needed to judge it again: the inputs (the whole
/// snapshot, its digest, the parameters, which strategy ran) and the outcome. The CLI appends
/// one per line to `<store>/decisions.jsonl`; `rollout history --decisions` lists them and
/// `rollout replay` runs the snapshots through a strategy again.
public struct DecisionRecord: Sendable, Hashable, Codable {
  public var deployment: String
  public var namespace: String
  /// The revision of the new ReplicaSet.
  public var revision: Int
  /// Cluster time, seconds.
  public var time: Double
  /// 1 for the first decision of the revision, 2 for the next, … (set by the log that stores
  /// it; 0 until then).
  public var step: Int
  /// `DecisionRecord.digest(of:)` of `snapshot`.
  public var snapshotDigest: String
  /// What the strategy saw, parameters and `ctx.state` included.
  public var snapshot: StrategySnapshot
  /// The strategy's parameters (also in `snapshot.params`; here for readers of the log).
  public var params: JSONValue
  public var strategy: StrategyProvenance
  /// The envelope the decision was checked against (nil when it could not be worked out).
  public var envelope: SafetyEnvelope?
  /// What the strategy decided; nil when the script failed.
  public var decision: StrategyDecision?
  public var outcome: DecisionOutcome

  public init(
    deployment: ObjectKey, revision: Int, snapshot: StrategySnapshot,
    strategy: StrategyProvenance, verdict: DecisionVerdict, step: Int = 0
  ) {
    self.deployment = deployment.name
    self.namespace = deployment.namespace
    self.revision = revision
    self.time = snapshot.now
    self.step = step
    self.snapshotDigest = Self.digest(of: snapshot)
    self.snapshot = snapshot
    self.params = snapshot.params
    self.strategy = strategy
    self.envelope = verdict.envelope
    self.decision = verdict.decision
    self.outcome = verdict.outcome
  }

  /// FNV-1a 64 of the snapshot's JSON with sorted keys.
  public static func digest(of snapshot: StrategySnapshot) -> String {
    FNV1a.digest(bytes: (try? canonicalEncoder.encode(snapshot)) ?? Data())
  }

  /// The record as one line of JSON (sorted keys, no newline).
  public func line() throws -> String {
    String(decoding: try Self.canonicalEncoder.encode(self), as: UTF8.self)
  }

  /// Reads a line written by `line()`.
  public init(line: String) throws {
    self = try JSONDecoder().decode(DecisionRecord.self, from: Data(line.utf8))
  }

  private static var canonicalEncoder: JSONEncoder {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return encoder
  }
}

/// What became of a decision.
public struct DecisionOutcome: Sendable, Hashable, Codable {
  public enum Result: String, Sendable, Hashable, Codable {
    /// Validated, inside the envelope, applied.
    case applied
    /// Refused whole: an invalid decision or one outside the safety envelope. Nothing scaled.
    case refused
    /// The script raised an error or returned something unreadable. Nothing scaled.
    case failed
  }

  public var result: Result
  /// The degraded reason (`StrategyFailed`, `EnvelopeViolation`, `InvalidSpec`); nil when
  /// applied.
  public var reason: String?
  /// The error, naming the script line where there is one.
  public var error: String?

  public init(result: Result, reason: String? = nil, error: String? = nil) {
    self.result = result
    self.reason = reason
    self.error = error
  }

  public static let applied = DecisionOutcome(result: .applied)
}
