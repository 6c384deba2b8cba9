/// Walks a parsed condition against the variables passed in. Nothing else is reachable: no
/// host objects, no methods, no assignment; every loop is over a finite array.
struct ConditionEvaluator {
  let variables: [String: JSONValue]

  /// The node's value; `element` is what `#` means here (the innermost predicate's element).
  func evaluate(_ node: ConditionNode, element: JSONValue?) throws(ConditionError) -> JSONValue {
    switch node {
    case .literal(let value):
      return value
    case .array(let nodes, _):
      var values: [JSONValue] = []
      values.reserveCapacity(nodes.count)
      for node in nodes { values.append(try evaluate(node, element: element)) }
      return .array(values)
    case .variable(let name, let column):
      guard let value = variables[name] else {
        throw ConditionError("unknown name \(name)", column: column)
      }
      return value
    case .element(let column):
      guard let element else {
        throw ConditionError("'#' is only valid inside a predicate", column: column)
      }
      return element
    case .member:
      return try chain(node, element: element) ?? .null
    case .unary(let op, let operand, let column):
      return try unary(op, try evaluate(operand, element: element), column: column)
    case .binary(let op, let left, let right, let column):
      return try binary(op, left, right, element: element, column: column)
    case .conditional(let condition, let then, let otherwise, let column):
      let chosen = try bool(try evaluate(condition, element: element), "?:", column: column)
      return try evaluate(chosen ? then : otherwise, element: element)
    case .call(let function, let arguments, let column):
      return try call(function, arguments, element: element, column: column)
    }
  }

  /// A member access; nil when a `?.` link met nil, which ends the whole chain.
  private func chain(_ node: ConditionNode, element: JSONValue?) throws(ConditionError)
    -> JSONValue?
  {
    guard case .member(let base, let key, let optional, let column) = node else {
      return try evaluate(node, element: element)
    }
    guard let container = try chain(base, element: element) else { return nil }
    if optional && container == .null { return nil }
    return try member(container, try evaluate(key, element: element), column: column)
  }

  /// `container[key]`: an object's member (nil when absent) or an array's element, counting
  /// from the end when negative.
  func member(_ container: JSONValue, _ key: JSONValue, column: Int) throws(ConditionError)
    -> JSONValue
  {
    switch (container, key) {
    case (.object(let members), .string(let name)):
      return members[name] ?? .null
    case (.array(let elements), _):
      guard let written = key.conditionIndex else {
        throw ConditionError(
          "cannot index an array with \(key.conditionDescription)", column: column)
      }
      let index = written < 0 ? written + elements.count : written
      guard elements.indices.contains(index) else {
        throw ConditionError(
          "index out of range: \(written) (array length is \(elements.count))", column: column)
      }
      return elements[index]
    default:
      throw ConditionError(
        "cannot fetch \(key.conditionDescription) from \(container.conditionType)",
        column: column)
    }
  }

  private func unary(_ op: ConditionUnaryOperator, _ value: JSONValue, column: Int)
    throws(ConditionError) -> JSONValue
  {
    switch (op, value) {
    case (.not, .bool(let x)): return .bool(!x)
    case (.negate, .int(let x)): return .int(0 &- x)
    case (.negate, .double(let x)): return .double(-x)
    case (.plus, .int), (.plus, .double): return value
    default:
      throw ConditionError(
        "invalid operation: \(op.rawValue)\(value.conditionDescription) (\(value.conditionType))",
        column: column)
    }
  }

  private func binary(
    _ op: ConditionBinaryOperator, _ leftNode: ConditionNode, _ rightNode: ConditionNode,
    element: JSONValue?, column: Int
  ) throws(ConditionError) -> JSONValue {
    let left = try evaluate(leftNode, element: element)
    switch op {
    case .and, .or:
      // Short-circuit: the right side is not evaluated once the left decides.
      let decided = try bool(left, op.rawValue, column: column)
      if decided == (op == .or) { return .bool(decided) }
      return .bool(try bool(try evaluate(rightNode, element: element), op.rawValue, column: column))
    case .coalesce:
      return left == .null ? try evaluate(rightNode, element: element) : left
    default:
      break
    }
    let right = try evaluate(rightNode, element: element)
    switch op {
    case .equal: return .bool(ConditionOperations.equal(left, right))
    case .notEqual: return .bool(!ConditionOperations.equal(left, right))
    case .less, .lessOrEqual, .greater, .greaterOrEqual:
      return .bool(try ConditionOperations.compare(op, left, right, column: column))
    case .in: return .bool(try ConditionOperations.contains(right, left, column: column))
    case .contains, .startsWith, .endsWith:
      return .bool(try ConditionOperations.text(op, left, right, column: column))
    default: return try ConditionOperations.arithmetic(op, left, right, column: column)
    }
  }

  /// A value that must be a bool (an operand of `&&`, a predicate's answer).
  func bool(_ value: JSONValue, _ context: String, column: Int) throws(ConditionError) -> Bool {
    guard case .bool(let x) = value else {
      throw ConditionError(
        "\(context) needs a bool, got \(value.conditionDescription) (\(value.conditionType))",
        column: column)
    }
    return x
  }
}

extension JSONValue {
  /// An array index: an int, or a float cut to one as expr does; nil for anything else.
  var conditionIndex: Int? {
    switch self {
    case .int(let value): return value
    case .double(let value):
      guard value.isFinite, abs(value) < 9.0e18 else { return nil }
      return Int(value.rounded(.towardZero))
    default: return nil
    }
  }
}
