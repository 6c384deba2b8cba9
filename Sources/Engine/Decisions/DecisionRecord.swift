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
  /// `DecisionRecord.digest(of:)` of `snapshot`. Nil on a record fresh from the engine: the
  /// digest costs an encoding of the snapshot, so it is worked out when the record is written
  /// (`line()`, from the same bytes) or by `digested()`.
  public var snapshotDigest: String?
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
    self.snapshotDigest = nil
    self.snapshot = snapshot
    self.params = snapshot.params
    self.strategy = strategy
    self.envelope = verdict.envelope
    self.decision = verdict.decision
    self.outcome = verdict.outcome
  }

  /// FNV-1a 64 of the snapshot's JSON with sorted keys (numbers in `ExactJSON`'s form).
  public static func digest(of snapshot: StrategySnapshot) -> String {
    FNV1a.digest(data: (try? ExactJSON.encode(snapshot)) ?? Data())
  }

  /// The record with its snapshot digest worked out.
  public func digested() -> DecisionRecord {
    var copy = self
    copy.snapshotDigest = snapshotDigest ?? Self.digest(of: snapshot)
    return copy
  }

  /// The record as one line of JSON (no newline), its digest worked out. The snapshot is
  /// encoded once (sorted keys), hashed, and spliced in as the last member.
  ///
  /// Parameters and `state` are written in `ExactJSON`'s form, so `init(line:)` gives back
  /// integers and floats as the strategy wrote them.
  public func line() throws -> String {
    let snapshotJSON = try ExactJSON.encode(snapshot)
    var head = self
    head.snapshotDigest = snapshotDigest ?? FNV1a.digest(data: snapshotJSON)
    var line = try ExactJSON.encode(Head(head))
    guard line.last == UInt8(ascii: "}") else { return "" }
    line.removeLast()
    line.append(contentsOf: Array(#","snapshot":"#.utf8))
    line.append(snapshotJSON)
    line.append(UInt8(ascii: "}"))
    return String(decoding: line, as: UTF8.self)
  }

  /// Every member but the snapshot, for `line()`.
  private struct Head: Encodable {
    var deployment: String
    var namespace: String
    var revision: Int
    var time: Double
    var step: Int
    var snapshotDigest: String?
    var params: JSONValue
    var strategy: StrategyProvenance
    var envelope: SafetyEnvelope?
    var decision: StrategyDecision?
    var outcome: DecisionOutcome

    init(_ record: DecisionRecord) {
      (deployment, namespace, revision) = (record.deployment, record.namespace, record.revision)
      (time, step, snapshotDigest) = (record.time, record.step, record.snapshotDigest)
      (params, strategy, envelope) = (record.params, record.strategy, record.envelope)
      (decision, outcome) = (record.decision, record.outcome)
    }
  }

  /// Reads a line written by `line()`. `JSONDecoder` reads `3.0` as an integer, so the
  /// members that hold a strategy's values (parameters, `state`) are read again exactly.
  public init(line: String) throws {
    self = try JSONDecoder().decode(DecisionRecord.self, from: Data(line.utf8))
    let exact = try JSONValue(exactText: line)
    params = exact["params"] ?? params
    snapshot.params = exact["snapshot"]?["params"] ?? snapshot.params
    snapshot.state = exact["snapshot"]?["state"] ?? snapshot.state
    if decision != nil, let state = exact["decision"]?["state"] { decision?.state = state }
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
