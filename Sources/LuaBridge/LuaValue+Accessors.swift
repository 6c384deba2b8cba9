extension LuaValue {
  /// The value of `key` when this is a `.map`, otherwise `nil`.
  public subscript(key: String) -> LuaValue? {
    if case .map(let map) = self { return map[key] }
    return nil
  }

  /// Whether this is `.nil`.
  public var isNil: Bool {
    if case .nil = self { return true }
    return false
  }

  /// The boolean, if this is `.boolean`.
  public var boolValue: Bool? {
    if case .boolean(let value) = self { return value }
    return nil
  }

  /// The integer, if this is `.integer` or a `.number` with an exact integral value.
  public var intValue: Int? {
    switch self {
    case .integer(let value): return Int(exactly: value)
    case .number(let value): return Int(exactly: value)
    default: return nil
    }
  }

  /// The number as a `Double`, if this is `.number` or `.integer`.
  public var doubleValue: Double? {
    switch self {
    case .integer(let value): return Double(value)
    case .number(let value): return value
    default: return nil
    }
  }

  /// The string, if this is `.string`.
  public var stringValue: String? {
    if case .string(let value) = self { return value }
    return nil
  }

  /// The elements, if this is `.array`, or `[]` for an empty `.map` (the empty table).
  public var arrayValue: [LuaValue]? {
    switch self {
    case .array(let value): return value
    case .map(let value) where value.isEmpty: return []
    default: return nil
    }
  }

  /// The entries, if this is `.map`, or `[:]` for an empty `.array`.
  public var mapValue: [String: LuaValue]? {
    switch self {
    case .map(let value): return value
    case .array(let value) where value.isEmpty: return [:]
    default: return nil
    }
  }
}
