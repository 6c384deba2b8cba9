struct KeyedDecoding<Key: CodingKey>: KeyedDecodingContainerProtocol {
  let decoder: LuaValueDecoding
  let map: [String: LuaValue]
  var codingPath: [any CodingKey] { decoder.codingPath }
  var allKeys: [Key] { map.keys.compactMap { Key(stringValue: $0) } }

  func contains(_ key: Key) -> Bool { map[key.stringValue] != nil }

  func decodeNil(forKey key: Key) throws -> Bool {
    (map[key.stringValue] ?? .nil).isNil
  }

  func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
    guard let value = map[key.stringValue] else {
      throw DecodingError.keyNotFound(
        key, .init(codingPath: codingPath, debugDescription: "required field is missing"))
    }
    return try decoder.decode(type, from: value, key: key)
  }

  func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key)
    throws -> KeyedDecodingContainer<NestedKey>
  {
    try decoder.nested(map[key.stringValue] ?? .nil, key: key).container(keyedBy: type)
  }

  func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
    try decoder.nested(map[key.stringValue] ?? .nil, key: key).unkeyedContainer()
  }

  func superDecoder() throws -> any Decoder {
    decoder.nested(map["super"] ?? .nil, key: IndexKey(0))
  }

  func superDecoder(forKey key: Key) throws -> any Decoder {
    decoder.nested(map[key.stringValue] ?? .nil, key: key)
  }
}

struct UnkeyedDecoding: UnkeyedDecodingContainer {
  let decoder: LuaValueDecoding
  let elements: [LuaValue]
  var currentIndex = 0
  var codingPath: [any CodingKey] { decoder.codingPath }
  var count: Int? { elements.count }
  var isAtEnd: Bool { currentIndex >= elements.count }

  init(decoder: LuaValueDecoding, elements: [LuaValue]) {
    self.decoder = decoder
    self.elements = elements
  }

  private mutating func next() throws -> (LuaValue, IndexKey) {
    let key = IndexKey(currentIndex)
    guard !isAtEnd else {
      throw DecodingError.valueNotFound(
        Any.self,
        .init(codingPath: codingPath + [key], debugDescription: "array has no more elements"))
    }
    currentIndex += 1
    return (elements[currentIndex - 1], key)
  }

  mutating func decodeNil() throws -> Bool {
    guard !isAtEnd, elements[currentIndex].isNil else { return false }
    currentIndex += 1
    return true
  }

  mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
    let (value, key) = try next()
    return try decoder.decode(type, from: value, key: key)
  }

  mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
    -> KeyedDecodingContainer<NestedKey>
  {
    let (value, key) = try next()
    return try decoder.nested(value, key: key).container(keyedBy: type)
  }

  mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
    let (value, key) = try next()
    return try decoder.nested(value, key: key).unkeyedContainer()
  }

  mutating func superDecoder() throws -> any Decoder {
    let (value, key) = try next()
    return decoder.nested(value, key: key)
  }
}
