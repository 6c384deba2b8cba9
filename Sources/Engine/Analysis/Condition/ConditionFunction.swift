/// The built-in functions a condition may call: expr's (`len`, `all`, `filter`, …) and the
/// ones Argo Rollouts adds (`asInt`, `asFloat`, `isNaN`, `isInf`, `isNil`, `default`).
/// Anything else is a parse error, so a condition can reach nothing outside its variables.
enum ConditionFunction: String, Sendable, Hashable, CaseIterable {
  case len, abs, ceil, floor, round
  case isNaN, isInf, isNil
  case int, asInt, float, asFloat
  case `default`, min, max
  case sum, count, all, any, none, one, filter, map

  /// How many arguments it takes.
  var arity: ClosedRange<Int> {
    switch self {
    case .default: 2...2
    case .min, .max: 1...Int.max
    case .sum, .count: 1...2
    case .all, .any, .none, .one, .filter, .map: 2...2
    default: 1...1
    }
  }

  /// The argument that is a predicate (`{# > 1}`), evaluated once per element.
  var predicateArgument: Int? {
    switch self {
    case .sum, .count, .all, .any, .none, .one, .filter, .map: 1
    default: nil
    }
  }

  /// `1 argument`, `1 or 2 arguments`, `at least 1 argument`.
  var arityDescription: String {
    let (low, high) = (arity.lowerBound, arity.upperBound)
    let noun = high == 1 ? "argument" : "arguments"
    if high == Int.max { return "at least \(low) \(low == 1 ? "argument" : "arguments")" }
    if low == high { return "\(low) \(noun)" }
    return "\(low) or \(high) \(noun)"
  }
}
