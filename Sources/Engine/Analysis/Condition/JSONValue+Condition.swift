/// How conditions see a `JSONValue`: its number, its type's name in expr's words, and how
/// error messages show it.
extension JSONValue {
  /// The value as a float when it is a number.
  var conditionNumber: Double? {
    switch self {
    case .int(let value): Double(value)
    case .double(let value): value
    default: nil
    }
  }

  /// `nil`, `bool`, `int`, `float`, `string`, `array` or `map`.
  var conditionType: String {
    switch self {
    case .null: "nil"
    case .bool: "bool"
    case .int: "int"
    case .double: "float"
    case .string: "string"
    case .array: "array"
    case .object: "map"
    }
  }

  /// The value as written in a condition (`0.5`, `"ok"`, `[1, 2]`), cut short when long.
  var conditionDescription: String {
    let text = rendered
    return text.count > 60 ? String(text.prefix(57)) + "..." : text
  }

  private var rendered: String {
    switch self {
    case .null: return "nil"
    case .bool(let value): return String(value)
    case .int(let value): return String(value)
    case .double(let value):
      if value.isNaN { return "NaN" }
      if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
      return String(value)
    case .string(let value): return "\"\(value)\""
    case .array(let values): return "[" + values.map(\.rendered).joined(separator: ", ") + "]"
    case .object(let members):
      let pairs = members.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value.rendered)" }
      return "{" + pairs.joined(separator: ", ") + "}"
    }
  }
}
