/// Decodes `Decodable` values from ``LuaValue``s, without a ``LuaState``.
///
/// An empty `.map` (Lua's empty table) is accepted wherever an array is expected, and an
/// empty `.array` wherever a map is. Integer fields accept `.integer`, or `.number` with an
/// exact integral value (`2.0`), nothing else. Errors are ``LuaError/Kind/conversion`` and
/// name the field path, e.g. `decision.scale.web-1: expected Int, found a string`
/// (array indices 1-based, as in Lua).
public struct LuaValueDecoder {
  /// Contextual information for custom `init(from:)` implementations.
  public var userInfo: [CodingUserInfoKey: any Sendable] = [:]
  /// The name of the decoded value in error paths (`decision` gives `decision.scale.web-1`).
  public var rootName: String?

  /// Creates a decoder.
  public init() {}

  /// Decodes a value of `type` from `value`.
  public func decode<T: Decodable>(_ type: T.Type, from value: LuaValue) throws(LuaError) -> T {
    if T.self == LuaValue.self, let value = value as? T { return value }
    do {
      return try T(from: LuaValueDecoding(value: value, codingPath: [], userInfo: userInfo))
    } catch let error as DecodingError {
      throw LuaError(kind: .conversion, message: describe(error))
    } catch {
      throw LuaError(kind: .conversion, message: String(describing: error))
    }
  }

  private func describe(_ error: DecodingError) -> String {
    func path(_ codingPath: [any CodingKey]) -> String {
      CodingPathFormatter.render(root: rootName, codingPath: codingPath)
    }
    switch error {
    case .keyNotFound(let key, let context):
      return "\(path(context.codingPath + [key])): required field is missing"
    case .valueNotFound(_, let context), .typeMismatch(_, let context),
      .dataCorrupted(let context):
      return "\(path(context.codingPath)): \(context.debugDescription)"
    @unknown default:
      return String(describing: error)
    }
  }
}

/// The `Decoder` behind ``LuaValueDecoder``.
struct LuaValueDecoding: Decoder {
  let value: LuaValue
  let codingPath: [any CodingKey]
  let userInfoStorage: [CodingUserInfoKey: any Sendable]

  init(value: LuaValue, codingPath: [any CodingKey], userInfo: [CodingUserInfoKey: any Sendable]) {
    self.value = value
    self.codingPath = codingPath
    self.userInfoStorage = userInfo
  }

  var userInfo: [CodingUserInfoKey: Any] { userInfoStorage }

  func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
    guard let map = value.mapValue else {
      throw mismatch(expected: "a table with string keys")
    }
    return KeyedDecodingContainer(KeyedDecoding<Key>(decoder: self, map: map))
  }

  func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
    guard let array = value.arrayValue else { throw mismatch(expected: "an array") }
    return UnkeyedDecoding(decoder: self, elements: array)
  }

  func singleValueContainer() throws -> any SingleValueDecodingContainer {
    SingleValueDecoding(decoder: self)
  }

  func nested(_ value: LuaValue, key: any CodingKey) -> LuaValueDecoding {
    LuaValueDecoding(value: value, codingPath: codingPath + [key], userInfo: userInfoStorage)
  }

  func decode<T: Decodable>(_ type: T.Type, from value: LuaValue, key: any CodingKey) throws -> T {
    if T.self == LuaValue.self, let value = value as? T { return value }
    return try T(from: nested(value, key: key))
  }

  func mismatch(expected: String) -> DecodingError {
    DecodingError.typeMismatch(
      Any.self,
      .init(codingPath: codingPath, debugDescription: "expected \(expected), found \(found)"))
  }

  var found: String {
    switch value {
    case .nil: return "nil"
    case .boolean(let value): return "boolean \(value)"
    case .integer(let value): return "integer \(value)"
    case .number(let value): return "number \(value)"
    case .string(let value): return "string \"\(value.prefix(40))\""
    case .array: return "an array"
    case .map: return "a table"
    }
  }
}
