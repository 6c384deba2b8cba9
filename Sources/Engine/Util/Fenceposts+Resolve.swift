/// Why an `IntOrString` fencepost could not be resolved.
public struct FencepostError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The field, e.g. `maxSurge`.
  public var field: String
  /// The value as written.
  public var value: String
  /// What is wrong with it.
  public var reason: String

  public init(field: String, value: String, reason: String) {
    self.field = field
    self.value = value
    self.reason = reason
  }

  public var description: String { "\(field): invalid value \"\(value)\": \(reason)" }
}

/// The parsed form of an `IntOrString`: a count, a whole percentage, or why it is neither.
public enum ParsedIntOrPercent: Hashable, Sendable {
  case count(Int)
  case percent(Int)
  case invalid(reason: String)
}

/// Parses `value` as apimachinery's `getIntOrPercentValueSafely` does: an int is a count, a
/// string must be digits followed by `%`.
public func parseIntOrPercent(_ value: IntOrString) -> ParsedIntOrPercent {
  switch value {
  case .int(let count):
    return .count(count)
  case .string(let text):
    guard text.hasSuffix("%") else {
      return .invalid(reason: "must be an integer or a percentage such as \"25%\"")
    }
    guard let number = Int(text.dropLast()) else {
      return .invalid(reason: "a percentage must be a whole number followed by '%'")
    }
    return .percent(number)
  }
}

/// apimachinery's `GetScaledValueFromIntOrPercent`: an int as is, `"N%"` of `total` rounded up
/// or down.
///
/// Worked example: `"25%"` of 10 is 2.5, so 3 rounding up (surge) and 2 rounding down
/// (unavailable); `"90%"` of 95 is 85.5, so 86 up and 85 down.
public func scaledValue(_ value: IntOrString, total: Int, roundUp: Bool) throws(FencepostError)
  -> Int
{
  let parsed = parseIntOrPercent(value)
  if case .invalid(let reason) = parsed {
    throw FencepostError(field: "value", value: value.description, reason: reason)
  }
  return scaled(parsed, total: total, roundUp: roundUp)
}

/// `parsed` of `total`. Integer arithmetic gives exactly Go's `math.Ceil`/`math.Floor` over
/// float64 for every size a Deployment can have, without float rounding surprises.
func scaled(_ parsed: ParsedIntOrPercent, total: Int, roundUp: Bool) -> Int {
  switch parsed {
  case .count(let count):
    return count
  case .invalid:
    return 0
  case .percent(let percent):
    let product = percent * total
    let (quotient, remainder) = product.quotientAndRemainder(dividingBy: 100)
    if remainder == 0 { return quotient }
    if product > 0 { return roundUp ? quotient + 1 : quotient }
    return roundUp ? quotient : quotient - 1
  }
}

/// Kubernetes' `ResolveFenceposts`, with the API server's defaults applied first: a missing
/// `maxSurge` or `maxUnavailable` is `"25%"`. Percentages round UP for surge and DOWN for
/// unavailable; when both come out 0, `maxUnavailable` becomes 1 so the rollout can move.
///
/// Worked example: replicas 10 with `39%`/`39%` resolves to surge 4 (3.9 up) and unavailable 3
/// (3.9 down); replicas 1 with `25%`/`25%` gives surge 1 (0.25 up) and unavailable 0 (0.25 down).
///
/// - Throws: `FencepostError` naming `maxSurge` or `maxUnavailable` for a value that is not a
///   non-negative int or `"N%"` (`"abc"`, `"-5%"`, `-1`).
public func resolveFenceposts(maxSurge: IntOrString?, maxUnavailable: IntOrString?, replicas: Int)
  throws(FencepostError) -> Fenceposts
{
  let surge = try resolveOne(
    maxSurge ?? .string("25%"), field: "maxSurge", replicas: replicas, roundUp: true)
  var unavailable = try resolveOne(
    maxUnavailable ?? .string("25%"), field: "maxUnavailable", replicas: replicas, roundUp: false)
  if surge == 0 && unavailable == 0 {
    // Validation refuses an explicit 0/0, but rounding down can still produce it.
    unavailable = 1
  }
  return Fenceposts(maxSurge: surge, maxUnavailable: unavailable)
}

private func resolveOne(_ value: IntOrString, field: String, replicas: Int, roundUp: Bool)
  throws(FencepostError) -> Int
{
  let parsed = parseIntOrPercent(value)
  switch parsed {
  case .invalid(let reason):
    throw FencepostError(field: field, value: value.description, reason: reason)
  case .count(let n) where n < 0, .percent(let n) where n < 0:
    throw FencepostError(field: field, value: value.description, reason: "must not be negative")
  default:
    return scaled(parsed, total: replicas, roundUp: roundUp)
  }
}

extension Deployment {
  /// Whether `spec.strategy.type` is `RollingUpdate` (the default when absent).
  public var isRollingUpdate: Bool {
    (spec.strategy?.type ?? DeploymentStrategy.rollingUpdateType)
      == DeploymentStrategy.rollingUpdateType
  }

  /// `maxSurge`/`maxUnavailable` resolved against `replicas` (see `resolveFenceposts`).
  public func resolvedFenceposts() throws(FencepostError) -> Fenceposts {
    try resolveFenceposts(
      maxSurge: spec.strategy?.rollingUpdate?.maxSurge,
      maxUnavailable: spec.strategy?.rollingUpdate?.maxUnavailable, replicas: replicas)
  }
}

/// Kubernetes' `MaxSurge`: the resolved surge of a rolling Deployment, 0 for `Recreate` (and for
/// invalid fenceposts, which validation refuses).
public func maxSurge(_ deployment: Deployment) -> Int {
  guard deployment.isRollingUpdate else { return 0 }
  return (try? deployment.resolvedFenceposts())?.maxSurge ?? 0
}

/// Kubernetes' `MaxUnavailable`: the resolved value, at most `replicas`; 0 for `Recreate` or 0
/// replicas.
public func maxUnavailable(_ deployment: Deployment) -> Int {
  guard deployment.isRollingUpdate, deployment.replicas != 0 else { return 0 }
  let value = (try? deployment.resolvedFenceposts())?.maxUnavailable ?? 0
  return min(value, deployment.replicas)
}

/// Kubernetes' `MinAvailable`: `replicas - maxUnavailable` for a rolling Deployment, else 0.
public func minAvailable(_ deployment: Deployment) -> Int {
  guard deployment.isRollingUpdate else { return 0 }
  return deployment.replicas - maxUnavailable(deployment)
}
