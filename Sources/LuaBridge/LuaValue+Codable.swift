extension LuaValue: Codable {
  /// Decodes plain JSON-like data. With ``LuaValueDecoder`` the value is taken as is.
  public init(from decoder: any Decoder) throws {
    if let decoder = decoder as? LuaValueDecoding {
      self = decoder.value
      return
    }
    let container = try decoder.singleValueContainer()
    if container.decodeNil() {
      self = .nil
    } else if let value = try? container.decode(Bool.self) {
      self = .boolean(value)
    } else if let value = try? container.decode(Int64.self) {
      self = .integer(value)
    } else if let value = try? container.decode(Double.self) {
      self = .number(value)
    } else if let value = try? container.decode(String.self) {
      self = .string(value)
    } else if let value = try? container.decode([LuaValue].self) {
      self = .array(value)
    } else if let value = try? container.decode([String: LuaValue].self) {
      self = .map(value)
    } else {
      throw DecodingError.dataCorruptedError(
        in: container, debugDescription: "unsupported value for LuaValue")
    }
  }

  /// Encodes plain JSON-like data. With ``LuaValueEncoder`` the value is stored as is.
  public func encode(to encoder: any Encoder) throws {
    if let encoder = encoder as? LuaValueEncoding {
      encoder.node.set(self)
      return
    }
    var container = encoder.singleValueContainer()
    switch self {
    case .nil: try container.encodeNil()
    case .boolean(let value): try container.encode(value)
    case .integer(let value): try container.encode(value)
    case .number(let value): try container.encode(value)
    case .string(let value): try container.encode(value)
    case .array(let value): try container.encode(value)
    case .map(let value): try container.encode(value)
    }
  }
}
