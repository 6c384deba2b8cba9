/// The functions that walk an array with a predicate: `all`, `any`, `none`, `one`, `filter`,
/// `map`, `count` and `sum`. Inside the predicate `#` is the current element.
extension ConditionEvaluator {
  func iterate(
    _ function: ConditionFunction, _ arguments: [ConditionNode], element: JSONValue?, column: Int
  ) throws(ConditionError) -> JSONValue {
    let subject = try evaluate(arguments[0], element: element)
    guard case .array(let elements) = subject else {
      throw ConditionError(
        "\(function.rawValue) needs an array, got \(subject.conditionDescription)"
          + " (\(subject.conditionType))",
        column: column)
    }
    let predicate = arguments.count > 1 ? arguments[1] : nil
    let name = function.rawValue

    /// The predicate's answer for one element (the element itself without a predicate).
    func answer(_ item: JSONValue) throws(ConditionError) -> JSONValue {
      guard let predicate else { return item }
      return try evaluate(predicate, element: item)
    }
    func holds(_ item: JSONValue) throws(ConditionError) -> Bool {
      try bool(try answer(item), "the predicate of \(name)", column: column)
    }

    switch function {
    case .all:
      for item in elements where !(try holds(item)) { return .bool(false) }
      return .bool(true)
    case .any, .none:
      for item in elements where try holds(item) { return .bool(function == .any) }
      return .bool(function == .none)
    case .one:
      var found = 0
      for item in elements where try holds(item) {
        found += 1
        if found > 1 { break }
      }
      return .bool(found == 1)
    case .filter:
      var kept: [JSONValue] = []
      for item in elements where try holds(item) { kept.append(item) }
      return .array(kept)
    case .map:
      var mapped: [JSONValue] = []
      mapped.reserveCapacity(elements.count)
      for item in elements { mapped.append(try answer(item)) }
      return .array(mapped)
    case .count:
      var found = 0
      for item in elements where try holds(item) { found += 1 }
      return .int(found)
    default:
      return try sum(elements, answer, column: column)
    }
  }

  /// Ints add up to an int (wrapping, as Go does); any float makes the sum a float.
  private func sum(
    _ elements: [JSONValue], _ answer: (JSONValue) throws(ConditionError) -> JSONValue,
    column: Int
  ) throws(ConditionError) -> JSONValue {
    var integer = 0
    var real = 0.0
    var isReal = false
    for item in elements {
      switch try answer(item) {
      case .int(let x):
        integer = integer &+ x
      case .double(let x):
        real += x
        isReal = true
      case let other:
        throw ConditionError(
          "sum needs numbers, got \(other.conditionDescription) (\(other.conditionType))",
          column: column)
      }
    }
    return isReal ? .double(real + Double(integer)) : .int(integer)
  }
}
