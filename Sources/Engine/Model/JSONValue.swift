/// A JSON/YAML value kept as written, for the parts of an API object the engine does not model
/// field by field (a pod template's spec, unknown fields, strategy parameters).
///
/// Keys of `.object` keep no order: encoding sorts them, so equal values always encode to the
/// same bytes. That canonical form is what the pod-template hash is computed from.
public enum JSONValue: Sendable, Hashable, Codable {
  case null
  case bool(Bool)
  case int(Int)
  case double(Double)
  case string(String)
  case array([JSONValue])
  case object([String: JSONValue])

  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if container.decodeNil() {
      self = .null
    } else if let value = try? container.decode(Bool.self) {
      self = .bool(value)
    } else if let value = try? container.decode(Int.self) {
      self = .int(value)
    } else if let value = try? container.decode(Double.self) {
      self = .double(value)
    } else if let value = try? container.decode(String.self) {
      self = .string(value)
    } else if let value = try? container.decode([JSONValue].self) {
      self = .array(value)
    } else {
      self = .object(try container.decode([String: JSONValue].self))
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    if let exact = encoder.userInfo[ExactJSON.collectorKey] as? ExactJSON.Collector {
      // `ExactJSON.encode`: written in the exact form, spliced in after encoding.
      try container.encode(exact.placeholder(for: self))
      return
    }
    switch self {
    case .null: try container.encodeNil()
    case .bool(let value): try container.encode(value)
    case .int(let value): try container.encode(value)
    case .double(let value): try container.encode(value)
    case .string(let value): try container.encode(value)
    case .array(let value): try container.encode(value)
    case .object(let value): try container.encode(value)
    }
  }

  /// The member `key` of an object, or nil.
  public subscript(key: String) -> JSONValue? {
    get {
      if case .object(let members) = self { return members[key] }
      return nil
    }
    set {
      guard case .object(var members) = self else { return }
      members[key] = newValue
      self = .object(members)
    }
  }

  public var stringValue: String? {
    if case .string(let value) = self { return value }
    return nil
  }

  public var intValue: Int? {
    switch self {
    case .int(let value): return value
    case .double(let value) where value == value.rounded(): return Int(exactly: value)
    default: return nil
    }
  }

  public var arrayValue: [JSONValue]? {
    if case .array(let value) = self { return value }
    return nil
  }

  public var objectValue: [String: JSONValue]? {
    if case .object(let value) = self { return value }
    return nil
  }
}

extension JSONValue {
  /// A string-to-string map (labels, annotations, a selector).
  public static func stringMap(_ map: [String: String]) -> JSONValue {
    .object(map.mapValues { .string($0) })
  }

  /// A string-to-string map read back, or nil when this is not one.
  public var stringMapValue: [String: String]? {
    guard let members = objectValue else { return nil }
    var map: [String: String] = [:]
    for (key, value) in members {
      guard let text = value.stringValue else { return nil }
      map[key] = text
    }
    return map
  }
}
