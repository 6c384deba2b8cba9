/// Encodes `Encodable` values as ``LuaValue``s, without a ``LuaState``.
///
/// Structs and dictionaries with string keys become `.map`, arrays `.array`, integers
/// `.integer`, floating-point numbers `.number`; `nil` optionals are left out (absent keys are
/// `nil` in Lua). A ``LuaValue`` inside the value is stored as is.
public struct LuaValueEncoder {
  /// Contextual information for custom `encode(to:)` implementations.
  public var userInfo: [CodingUserInfoKey: any Sendable] = [:]

  /// Creates an encoder.
  public init() {}

  /// Encodes `value`.
  public func encode<T: Encodable>(_ value: T) throws(LuaError) -> LuaValue {
    if let value = value as? LuaValue { return value }
    let node = EncodingNode()
    do {
      try value.encode(to: LuaValueEncoding(node: node, codingPath: [], userInfo: userInfo))
    } catch let error as EncodingError {
      throw LuaError(kind: .conversion, message: Self.describe(error))
    } catch {
      throw LuaError(kind: .conversion, message: String(describing: error))
    }
    return node.resolve()
  }

  private static func describe(_ error: EncodingError) -> String {
    switch error {
    case .invalidValue(_, let context):
      let path = CodingPathFormatter.render(root: nil, codingPath: context.codingPath)
      return "\(path): \(context.debugDescription)"
    @unknown default:
      return String(describing: error)
    }
  }
}

/// A value under construction; containers share nodes so nested containers can fill them.
final class EncodingNode {
  enum Content {
    case empty
    case value(LuaValue)
    case array([EncodingNode])
    case map([String: EncodingNode])
  }

  var content: Content = .empty

  func set(_ value: LuaValue) { content = .value(value) }

  func makeMap() {
    if case .map = content { return }
    content = .map([:])
  }

  func makeArray() {
    if case .array = content { return }
    content = .array([])
  }

  func child(forKey key: String) -> EncodingNode {
    let node = EncodingNode()
    if case .map(var map) = content {
      content = .empty
      map[key] = node
      content = .map(map)
    }
    return node
  }

  func appendChild() -> EncodingNode {
    let node = EncodingNode()
    if case .array(var array) = content {
      content = .empty
      array.append(node)
      content = .array(array)
    }
    return node
  }

  var count: Int {
    if case .array(let array) = content { return array.count }
    return 0
  }

  func resolve() -> LuaValue {
    switch content {
    case .empty: return .map([:])
    case .value(let value): return value
    case .array(let nodes): return .array(nodes.map { $0.resolve() })
    case .map(let nodes): return .map(nodes.mapValues { $0.resolve() })
    }
  }
}

/// The `Encoder` behind ``LuaValueEncoder``.
struct LuaValueEncoding: Encoder {
  let node: EncodingNode
  let codingPath: [any CodingKey]
  let userInfoStorage: [CodingUserInfoKey: any Sendable]

  init(node: EncodingNode, codingPath: [any CodingKey], userInfo: [CodingUserInfoKey: any Sendable])
  {
    self.node = node
    self.codingPath = codingPath
    self.userInfoStorage = userInfo
  }

  var userInfo: [CodingUserInfoKey: Any] { userInfoStorage }

  func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
    node.makeMap()
    return KeyedEncodingContainer(KeyedEncoding<Key>(encoder: self, node: node))
  }

  func unkeyedContainer() -> any UnkeyedEncodingContainer {
    node.makeArray()
    return UnkeyedEncoding(encoder: self, node: node)
  }

  func singleValueContainer() -> any SingleValueEncodingContainer {
    SingleValueEncoding(encoder: self)
  }

  func nested(_ node: EncodingNode, key: any CodingKey) -> LuaValueEncoding {
    LuaValueEncoding(node: node, codingPath: codingPath + [key], userInfo: userInfoStorage)
  }

  func encode<T: Encodable>(_ value: T, into node: EncodingNode, key: any CodingKey) throws {
    if let value = value as? LuaValue {
      node.set(value)
      return
    }
    try value.encode(to: nested(node, key: key))
  }
}

/// An integer coding key for array elements.
struct IndexKey: CodingKey {
  let intValue: Int?
  let stringValue: String

  init(_ index: Int) {
    intValue = index
    stringValue = "Index \(index)"
  }

  init?(intValue: Int) { self.init(intValue) }
  init?(stringValue: String) { nil }
}
