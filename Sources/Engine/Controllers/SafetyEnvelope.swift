import Foundation

/// The bounds every strategy decision must stay within, whatever the script says: at most
/// `replicas + maxSurge` pods asked for, at least `replicas - maxUnavailable` pods left available.
///
/// Where the bounds come from, in order:
/// 1. the manifest's `maxSurge`/`maxUnavailable`, resolved as Kubernetes resolves them (25%/25%
///    when absent): `StrategySnapshot.fenceposts`;
/// 2. a strategy may declare a wider bound (`RolloutStrategy.declaredEnvelope`): blue-green needs
///    room for two full versions (`maxSurge = "100%"`), recreate promises downtime
///    (`maxUnavailable = "100%"`). A declaration only widens: a declared bound below the
///    manifest's is ignored;
/// 3. an operator may narrow either bound with the annotation
///    `rollout.dev/envelope: {maxSurge: 1, maxUnavailable: 0}`. It only narrows: the effective
///    bound is the smaller of (1 or 2) and the operator's.
///
/// See `check(_:against:)` for the rule a decision must pass.
public struct SafetyEnvelope: Sendable, Hashable, Codable, CustomStringConvertible {
  /// One bound, in pods, and who set it.
  public struct Bound: Sendable, Hashable, Codable {
    public var count: Int
    public var setBy: Source

    public init(_ count: Int, setBy: Source) {
      self.count = count
      self.setBy = setBy
    }
  }

  /// Who set a bound.
  public enum Source: String, Sendable, Hashable, Codable {
    /// The manifest's `spec.strategy.rollingUpdate` (or its 25% default).
    case manifest
    /// The strategy's declared envelope.
    case strategy
    /// The `rollout.dev/envelope` annotation.
    case `operator`
  }

  public var maxSurge: Bound
  public var maxUnavailable: Bound

  public init(maxSurge: Bound, maxUnavailable: Bound) {
    self.maxSurge = maxSurge
    self.maxUnavailable = maxUnavailable
  }

  /// The manifest's fenceposts as an envelope.
  public init(fenceposts: Fenceposts) {
    maxSurge = Bound(fenceposts.maxSurge, setBy: .manifest)
    maxUnavailable = Bound(fenceposts.maxUnavailable, setBy: .manifest)
  }

  /// The annotation an operator narrows the envelope with: a YAML map of `maxSurge` and/or
  /// `maxUnavailable`, each a count or a percentage of `replicas`.
  public static let annotation = "rollout.dev/envelope"

  public var description: String {
    "maxSurge \(maxSurge.count) (\(maxSurge.setBy.rawValue)), "
      + "maxUnavailable \(maxUnavailable.count) (\(maxUnavailable.setBy.rawValue))"
  }

  /// The envelope in force for `snapshot`: the manifest's fenceposts, widened by what the
  /// strategy `declared`, narrowed by the operator's annotation on the Deployment.
  ///
  /// - Throws: `EnvelopeError` for a declaration or an annotation that is not a map of
  ///   non-negative counts or percentages.
  public static func effective(for snapshot: StrategySnapshot, declared: EnvelopeDeclaration?)
    throws(EnvelopeError) -> SafetyEnvelope
  {
    let replicas = snapshot.deployment.replicas
    var envelope = SafetyEnvelope(fenceposts: snapshot.fenceposts)
    if let declared {
      do {
        let wider = try declared.resolved(replicas: replicas, what: "the strategy's envelope")
        envelope.widen(to: wider, setBy: .strategy)
      } catch {
        throw EnvelopeError(
          message: error.message, reason: DeploymentCondition.Reason.strategyFailed)
      }
    }
    if let text = snapshot.deployment.annotations[annotation] {
      let narrower = try EnvelopeDeclaration(annotation: text)
        .resolved(replicas: replicas, what: "metadata.annotations[\(annotation)]")
      envelope.narrow(to: narrower, setBy: .operator)
    }
    return envelope
  }

  private mutating func widen(to bounds: (surge: Int?, unavailable: Int?), setBy: Source) {
    if let surge = bounds.surge, surge > maxSurge.count { maxSurge = Bound(surge, setBy: setBy) }
    if let unavailable = bounds.unavailable, unavailable > maxUnavailable.count {
      maxUnavailable = Bound(unavailable, setBy: setBy)
    }
  }

  private mutating func narrow(to bounds: (surge: Int?, unavailable: Int?), setBy: Source) {
    if let surge = bounds.surge, surge < maxSurge.count { maxSurge = Bound(surge, setBy: setBy) }
    if let unavailable = bounds.unavailable, unavailable < maxUnavailable.count {
      maxUnavailable = Bound(unavailable, setBy: setBy)
    }
  }
}

/// Bounds as written by a strategy (`envelope = {maxSurge = "100%"}`) or an operator: each a
/// count or a percentage of `replicas`, nil when not given.
public struct EnvelopeDeclaration: Sendable, Hashable, Codable {
  public var maxSurge: IntOrString?
  public var maxUnavailable: IntOrString?

  public init(maxSurge: IntOrString? = nil, maxUnavailable: IntOrString? = nil) {
    self.maxSurge = maxSurge
    self.maxUnavailable = maxUnavailable
  }

  /// Parses the `rollout.dev/envelope` annotation: `{maxSurge: 1, maxUnavailable: "10%"}`.
  public init(annotation text: String) throws(EnvelopeError) {
    let what = "metadata.annotations[\(SafetyEnvelope.annotation)]"
    let value: JSONValue
    do {
      value = try JSONValue(yaml: text)
    } catch {
      throw EnvelopeError(message: "\(what): \(error)")
    }
    guard case .object(let fields) = value else {
      throw EnvelopeError(
        message: "\(what): expected a map such as {maxSurge: 1, maxUnavailable: 0}")
    }
    for key in fields.keys where key != "maxSurge" && key != "maxUnavailable" {
      throw EnvelopeError(message: "\(what): unknown key \"\(key)\" (maxSurge, maxUnavailable)")
    }
    func bound(_ key: String) throws(EnvelopeError) -> IntOrString? {
      switch fields[key] {
      case nil, .null?: return nil
      case .int(let count)?: return .int(count)
      case .string(let text)?: return .string(text)
      case let other?:
        throw EnvelopeError(
          message: "\(what): \(key) must be a count or a percentage, got \(other)")
      }
    }
    maxSurge = try bound("maxSurge")
    maxUnavailable = try bound("maxUnavailable")
  }

  /// Throws if a bound is not a non-negative count or `"N%"`.
  public func validate() throws(EnvelopeError) {
    _ = try resolved(replicas: 100, what: "envelope")
  }

  /// The bounds in pods for `replicas`: surge rounds up, unavailable down (as Kubernetes).
  func resolved(replicas: Int, what: String) throws(EnvelopeError) -> (
    surge: Int?, unavailable: Int?
  ) {
    func resolve(_ value: IntOrString?, _ field: String, up: Bool) throws(EnvelopeError) -> Int? {
      guard let value else { return nil }
      let invalid = "\(what): \(field): invalid value \"\(value)\""
      let count: Int
      do {
        count = try scaledValue(value, total: replicas, roundUp: up)
      } catch {
        throw EnvelopeError(message: "\(invalid): \(error.reason)")
      }
      guard count >= 0 else { throw EnvelopeError(message: "\(invalid): must not be negative") }
      return count
    }
    return (
      try resolve(maxSurge, "maxSurge", up: true),
      try resolve(maxUnavailable, "maxUnavailable", up: false)
    )
  }
}

/// A strategy's declared envelope or the operator's annotation could not be read.
public struct EnvelopeError: Error, Sendable, Hashable, CustomStringConvertible {
  public var message: String
  /// The degraded reason: `InvalidSpec` for the annotation, `StrategyFailed` for a declaration.
  public var reason: String
  public var description: String { message }

  public init(message: String, reason: String = RolloutState.Reason.invalidSpec) {
    self.message = message
    self.reason = reason
  }
}

extension RolloutState.Reason {
  /// A decision would have left the safety envelope; it was refused whole.
  public static let envelopeViolation = "EnvelopeViolation"
}
