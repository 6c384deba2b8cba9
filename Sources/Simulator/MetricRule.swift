import Engine

/// A simulated metric value for pods whose image matches a glob: what the simulated cluster
/// answers when an analysis measures metric `name` of a matching version.
///
/// The CLI spelling is `GLOB:NAME=VALUE` (`--metric 'example/web:2.*:error-rate=0.08'`): the
/// glob may itself hold colons, so the name is what follows the last one. `VALUE` is a number
/// (`NaN`, `+Inf` too), `error` (the query fails) or `empty` (the query returns nothing).
/// Scenario files may give a series of values over time instead.
public struct MetricRule: Sendable, Codable, Hashable, CustomStringConvertible {
  /// The glob matched against the analysed ReplicaSet's images.
  public var pattern: String
  /// The metric's name (a template metric's `name`, or its `simulated.metric`).
  public var name: String
  /// The values: one point for a constant, several for a series (cluster time, ascending).
  public var points: [Point]

  /// A value from `at` (cluster seconds) on.
  public struct Point: Sendable, Codable, Hashable {
    public var at: Double
    public var value: Value

    public init(at: Double, value: Value) {
      self.at = at
      self.value = value
    }
  }

  /// What a measurement returns.
  public enum Value: Sendable, Codable, Hashable, CustomStringConvertible {
    case number(Double)
    /// The provider fails (unreachable, malformed answer).
    case error
    /// The query returns nothing.
    case empty

    public var description: String {
      switch self {
      case .number(let value): JSONValue.double(value).measurementText
      case .error: "error"
      case .empty: "empty"
      }
    }

    /// Parses `0.08`, `NaN`, `+Inf`, `error` or `empty`.
    public static func parse(_ text: String) -> Value? {
      switch text.lowercased() {
      case "error": return .error
      case "empty": return .empty
      default: return Double(measurementText: text).map(Value.number)
      }
    }
  }

  public init(pattern: String, name: String, points: [Point]) {
    self.pattern = pattern
    self.name = name
    self.points = points.sorted { $0.at < $1.at }
  }

  /// The value at cluster time `now`: the last point at or before it, else the first.
  public func value(at now: Double) -> Value? {
    (points.last { $0.at <= now } ?? points.first)?.value
  }

  public func matches(image: String) -> Bool {
    Glob.matches(Array(pattern.unicodeScalars), Array(image.unicodeScalars))
  }

  public var description: String {
    "\(pattern):\(name)=" + points.map(\.value.description).joined(separator: ",")
  }

  /// Parses `GLOB:NAME=VALUE`.
  public static func parse(_ text: String) throws(MetricRuleParseError) -> MetricRule {
    guard let equals = text.lastIndex(of: "=") else {
      throw MetricRuleParseError(
        input: text, reason: "expected GLOB:NAME=VALUE, e.g. 'example/web:2.*:error-rate=0.08'")
    }
    let left = text[..<equals]
    guard let colon = left.lastIndex(of: ":") else {
      throw MetricRuleParseError(
        input: text, reason: "expected GLOB:NAME before '=', e.g. 'example/web:2.*:error-rate'")
    }
    let pattern = String(left[..<colon])
    let name = String(left[left.index(after: colon)...])
    let valueText = String(text[text.index(after: equals)...])
    guard !pattern.isEmpty else {
      throw MetricRuleParseError(input: text, reason: "the image pattern is empty")
    }
    guard !name.isEmpty else {
      throw MetricRuleParseError(input: text, reason: "the metric name is empty")
    }
    guard let value = Value.parse(valueText) else {
      throw MetricRuleParseError(
        input: text,
        reason: "\"\(valueText)\" is not a value: a number, NaN, +Inf, error or empty")
    }
    return MetricRule(pattern: pattern, name: name, points: [Point(at: 0, value: value)])
  }
}

public struct MetricRuleParseError: Error, Sendable, Hashable, CustomStringConvertible {
  public var input: String
  public var reason: String
  public var description: String { "'\(input)': \(reason)" }
}

extension MetricRule {
  /// The rule with every point `seconds` later (series given relative to an update).
  public func shifted(by seconds: Double) -> MetricRule {
    MetricRule(
      pattern: pattern, name: name,
      points: points.map { Point(at: $0.at + seconds, value: $0.value) })
  }
}
