import Foundation

/// The built-in functions of one argument, `default`, `min` and `max`.
extension ConditionEvaluator {
  func call(
    _ function: ConditionFunction, _ arguments: [ConditionNode], element: JSONValue?, column: Int
  ) throws(ConditionError) -> JSONValue {
    switch function {
    case .sum, .count, .all, .any, .none, .one, .filter, .map:
      return try iterate(function, arguments, element: element, column: column)
    case .default:
      let value = try evaluate(arguments[0], element: element)
      return value == .null ? try evaluate(arguments[1], element: element) : value
    case .min, .max:
      var values: [JSONValue] = []
      for argument in arguments { values.append(try evaluate(argument, element: element)) }
      return try extreme(function, values, column: column)
    default:
      let value = try evaluate(arguments[0], element: element)
      return try apply(function, value, column: column)
    }
  }

  private func apply(_ function: ConditionFunction, _ value: JSONValue, column: Int)
    throws(ConditionError) -> JSONValue
  {
    func wrong(_ expected: String) -> ConditionError {
      ConditionError(
        "\(function.rawValue) needs \(expected), got \(value.conditionDescription)"
          + " (\(value.conditionType))",
        column: column)
    }
    switch (function, value) {
    case (.len, .array(let values)): return .int(values.count)
    case (.len, .object(let members)): return .int(members.count)
    // expr counts a string's bytes.
    case (.len, .string(let text)): return .int(text.utf8.count)
    case (.len, _): throw wrong("an array, a string or a map")
    case (.isNil, _): return .bool(value == .null)
    case (.isNaN, .double(let x)): return .bool(x.isNaN)
    case (.isInf, .double(let x)): return .bool(x.isInfinite)
    case (.isNaN, .int), (.isInf, .int): return .bool(false)
    case (.abs, .int(let x)): return .int(x < 0 ? 0 &- x : x)
    case (.abs, .double(let x)): return .double(Swift.abs(x))
    case (.ceil, _), (.floor, _), (.round, _):
      guard let x = value.conditionNumber else { throw wrong("a number") }
      let rule: FloatingPointRoundingRule =
        switch function {
        case .ceil: .up
        case .floor: .down
        default: .toNearestOrAwayFromZero
        }
      return .double(x.rounded(rule))
    case (.int, _), (.asInt, _): return try integer(value, function, column: column)
    case (.float, .string(let text)), (.asFloat, .string(let text)):
      guard let x = Double(text) else {
        throw ConditionError(
          "\(function.rawValue) cannot parse \(value.conditionDescription) as a number",
          column: column)
      }
      return .double(x)
    case (.float, _), (.asFloat, _):
      guard let x = value.conditionNumber else { throw wrong("a number or a string") }
      return .double(x)
    default:
      throw wrong("a number")
    }
  }

  /// `int`/`asInt`: ints as they are, floats cut toward zero, strings parsed in base 10.
  private func integer(_ value: JSONValue, _ function: ConditionFunction, column: Int)
    throws(ConditionError) -> JSONValue
  {
    switch value {
    case .int: return value
    case .double(let x):
      guard x.isFinite, Swift.abs(x) < 9.2e18 else {
        throw ConditionError(
          "\(function.rawValue) cannot convert \(value.conditionDescription) to an int",
          column: column)
      }
      return .int(Int(x.rounded(.towardZero)))
    case .string(let text):
      guard let x = Int(text) else {
        throw ConditionError(
          "\(function.rawValue) cannot parse \(value.conditionDescription) as an int",
          column: column)
      }
      return .int(x)
    default:
      throw ConditionError(
        "\(function.rawValue) needs a number or a string, got \(value.conditionDescription)"
          + " (\(value.conditionType))",
        column: column)
    }
  }

  /// `min`/`max` over numbers and arrays of numbers (flattened); nil when there are none.
  private func extreme(_ function: ConditionFunction, _ values: [JSONValue], column: Int)
    throws(ConditionError) -> JSONValue
  {
    var best: (value: JSONValue, number: Double)?
    var pending = values[...]
    while let value = pending.popFirst() {
      if case .array(let inner) = value {
        pending = inner[...] + pending
        continue
      }
      guard let number = value.conditionNumber else {
        throw ConditionError(
          "\(function.rawValue) needs numbers, got \(value.conditionDescription)"
            + " (\(value.conditionType))",
          column: column)
      }
      if let current = best {
        let better = function == .min ? number < current.number : number > current.number
        if !better { continue }
      }
      best = (value, number)
    }
    return best?.value ?? .null
  }
}
