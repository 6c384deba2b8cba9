import Foundation

/// The operators' meaning on `JSONValue`s, as expr gives it: ints stay ints under `+ - * %`,
/// `/` and `**` always give a float, ints and floats compare by value, and mismatched types
/// are unequal but cannot be ordered. Integer arithmetic wraps instead of trapping.
enum ConditionOperations {
  /// Equality: numbers by value (NaN equals nothing), arrays and objects member by member,
  /// values of different types never equal.
  static func equal(_ a: JSONValue, _ b: JSONValue) -> Bool {
    switch (a, b) {
    case (.null, .null): return true
    case (.bool(let x), .bool(let y)): return x == y
    case (.string(let x), .string(let y)): return x == y
    case (.int(let x), .int(let y)): return x == y
    case (.int(let x), .double(let y)): return Double(x) == y
    case (.double(let x), .int(let y)): return x == Double(y)
    case (.double(let x), .double(let y)): return x == y
    case (.array(let x), .array(let y)):
      return x.count == y.count && zip(x, y).allSatisfy { equal($0, $1) }
    case (.object(let x), .object(let y)):
      return x.count == y.count
        && x.allSatisfy { key, value in y[key].map { equal(value, $0) } ?? false }
    default: return false
    }
  }

  /// `<` `<=` `>` `>=` on two numbers or two strings (byte order, as Go compares).
  static func compare(
    _ op: ConditionBinaryOperator, _ a: JSONValue, _ b: JSONValue, column: Int
  ) throws(ConditionError) -> Bool {
    switch (a, b) {
    case (.int(let x), .int(let y)): return ordered(op, x, y)
    case (.string(let x), .string(let y)):
      let less = x.utf8.lexicographicallyPrecedes(y.utf8)
      let greater = y.utf8.lexicographicallyPrecedes(x.utf8)
      switch op {
      case .less: return less
      case .lessOrEqual: return !greater
      case .greater: return greater
      default: return !less
      }
    default:
      guard let x = a.conditionNumber, let y = b.conditionNumber else {
        throw mismatch(op, a, b, column: column)
      }
      return ordered(op, x, y)
    }
  }

  private static func ordered<T: Comparable>(_ op: ConditionBinaryOperator, _ x: T, _ y: T)
    -> Bool
  {
    switch op {
    case .less: x < y
    case .lessOrEqual: x <= y
    case .greater: x > y
    default: x >= y
    }
  }

  /// `+ - * / % **`.
  static func arithmetic(
    _ op: ConditionBinaryOperator, _ a: JSONValue, _ b: JSONValue, column: Int
  ) throws(ConditionError) -> JSONValue {
    if op == .add, case .string(let x) = a, case .string(let y) = b { return .string(x + y) }
    if case .int(let x) = a, case .int(let y) = b {
      switch op {
      case .add: return .int(x &+ y)
      case .subtract: return .int(x &- y)
      case .multiply: return .int(x &* y)
      case .modulo:
        guard y != 0 else { throw ConditionError("integer divide by zero", column: column) }
        return .int(y == -1 ? 0 : x % y)
      default: break
      }
    }
    guard let x = a.conditionNumber, let y = b.conditionNumber, op != .modulo else {
      throw mismatch(op, a, b, column: column)
    }
    switch op {
    case .add: return .double(x + y)
    case .subtract: return .double(x - y)
    case .multiply: return .double(x * y)
    case .divide: return .double(x / y)
    default: return .double(pow(x, y))
    }
  }

  /// `needle in haystack`: an element of an array, a key of an object; nothing is in nil.
  static func contains(_ haystack: JSONValue, _ needle: JSONValue, column: Int)
    throws(ConditionError) -> Bool
  {
    switch haystack {
    case .null: return false
    case .array(let elements): return elements.contains { equal($0, needle) }
    case .object(let members):
      guard case .string(let key) = needle else {
        throw ConditionError(
          "cannot look up \(needle.conditionType) in a map (keys are strings)", column: column)
      }
      return members[key] != nil
    default:
      throw ConditionError(
        "operator 'in' is not defined on \(haystack.conditionType)", column: column)
    }
  }

  /// `contains`, `startsWith`, `endsWith` on two strings.
  static func text(
    _ op: ConditionBinaryOperator, _ a: JSONValue, _ b: JSONValue, column: Int
  ) throws(ConditionError) -> Bool {
    guard case .string(let x) = a, case .string(let y) = b else {
      throw mismatch(op, a, b, column: column)
    }
    switch op {
    case .startsWith: return x.utf8.starts(with: y.utf8)
    case .endsWith: return x.utf8.reversed().starts(with: y.utf8.reversed())
    default: return y.isEmpty || x.contains(y)
    }
  }

  static func mismatch(
    _ op: ConditionBinaryOperator, _ a: JSONValue, _ b: JSONValue, column: Int
  ) -> ConditionError {
    ConditionError(
      "invalid operation: \(a.conditionDescription) \(op.rawValue) \(b.conditionDescription)"
        + " (\(a.conditionType) and \(b.conditionType))",
      column: column)
  }
}
