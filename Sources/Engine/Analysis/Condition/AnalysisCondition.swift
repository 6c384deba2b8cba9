/// A `successCondition` or `failureCondition` of an Argo Rollouts metric: an expression in
/// the subset of the expr language (github.com/expr-lang/expr) Argo's documentation uses,
/// with the measured value bound to `result`.
///
/// Parsed once, evaluated for each measurement. Evaluation is pure: the expression sees only
/// the variables passed in and the built-in functions, and always terminates.
///
/// ```swift
/// let condition = try AnalysisCondition(parsing: "all(result, {# < 0.01})")
/// try condition.holds(for: .array([.double(0.002), .double(0.004)]))  // true
/// ```
public struct AnalysisCondition: Sendable, Hashable {
  /// The expression as written.
  public let source: String
  private let root: ConditionNode

  /// Parses `source`; throws with the column of the first syntax error (an unexpected token,
  /// an unterminated string, an unknown function, a wrong number of arguments).
  public init(parsing source: String) throws(ConditionError) {
    self.source = source
    self.root = try ConditionParser.parse(source)
  }

  /// The expression's value with `variables` bound; throws on a runtime error (an index out
  /// of range, an operator or function given the wrong type, an unknown variable).
  public func evaluate(_ variables: [String: JSONValue]) throws(ConditionError) -> JSONValue {
    try ConditionEvaluator(variables: variables).evaluate(root, element: nil)
  }

  /// The condition against one measurement: `result` bound; it must yield a bool.
  public func holds(for result: JSONValue) throws(ConditionError) -> Bool {
    let value = try evaluate(["result": result])
    guard case .bool(let holds) = value else {
      let start = source.firstIndex { !$0.isWhitespace } ?? source.startIndex
      throw ConditionError(
        "the condition yielded \(value.conditionDescription), not a bool",
        column: source.distance(from: source.startIndex, to: start) + 1)
    }
    return holds
  }

  // The tree follows from the source: the source alone decides equality.
  public static func == (lhs: AnalysisCondition, rhs: AnalysisCondition) -> Bool {
    lhs.source == rhs.source
  }

  public func hash(into hasher: inout Hasher) { hasher.combine(source) }
}
