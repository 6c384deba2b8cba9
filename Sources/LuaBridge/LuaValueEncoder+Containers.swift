struct KeyedEncoding<Key: CodingKey>: KeyedEncodingContainerProtocol {
  let encoder: LuaValueEncoding
  let node: EncodingNode
  var codingPath: [any CodingKey] { encoder.codingPath }

  mutating func encodeNil(forKey key: Key) throws {
    node.child(forKey: key.stringValue).set(.nil)
  }

  mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
    try encoder.encode(value, into: node.child(forKey: key.stringValue), key: key)
  }

  mutating func nestedContainer<NestedKey: CodingKey>(
    keyedBy keyType: NestedKey.Type, forKey key: Key
  ) -> KeyedEncodingContainer<NestedKey> {
    encoder.nested(node.child(forKey: key.stringValue), key: key).container(keyedBy: keyType)
  }

  mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
    encoder.nested(node.child(forKey: key.stringValue), key: key).unkeyedContainer()
  }

  mutating func superEncoder() -> any Encoder {
    let key = IndexKey(0)
    return encoder.nested(node.child(forKey: "super"), key: key)
  }

  mutating func superEncoder(forKey key: Key) -> any Encoder {
    encoder.nested(node.child(forKey: key.stringValue), key: key)
  }
}

struct UnkeyedEncoding: UnkeyedEncodingContainer {
  let encoder: LuaValueEncoding
  let node: EncodingNode
  var codingPath: [any CodingKey] { encoder.codingPath }
  var count: Int { node.count }

  mutating func encodeNil() throws {
    node.appendChild().set(.nil)
  }

  mutating func encode<T: Encodable>(_ value: T) throws {
    let key = IndexKey(count)
    try encoder.encode(value, into: node.appendChild(), key: key)
  }

  mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
    -> KeyedEncodingContainer<NestedKey>
  {
    let key = IndexKey(count)
    return encoder.nested(node.appendChild(), key: key).container(keyedBy: keyType)
  }

  mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
    let key = IndexKey(count)
    return encoder.nested(node.appendChild(), key: key).unkeyedContainer()
  }

  mutating func superEncoder() -> any Encoder {
    let key = IndexKey(count)
    return encoder.nested(node.appendChild(), key: key)
  }
}

struct SingleValueEncoding: SingleValueEncodingContainer {
  let encoder: LuaValueEncoding
  var codingPath: [any CodingKey] { encoder.codingPath }

  private func store(_ value: LuaValue) { encoder.node.set(value) }

  mutating func encodeNil() throws { store(.nil) }
  mutating func encode(_ value: Bool) throws { store(.boolean(value)) }
  mutating func encode(_ value: String) throws { store(.string(value)) }
  mutating func encode(_ value: Double) throws { store(.number(value)) }
  mutating func encode(_ value: Float) throws { store(.number(Double(value))) }
  mutating func encode(_ value: Int) throws { store(.integer(Int64(value))) }
  mutating func encode(_ value: Int8) throws { store(.integer(Int64(value))) }
  mutating func encode(_ value: Int16) throws { store(.integer(Int64(value))) }
  mutating func encode(_ value: Int32) throws { store(.integer(Int64(value))) }
  mutating func encode(_ value: Int64) throws { store(.integer(value)) }
  mutating func encode(_ value: UInt8) throws { store(.integer(Int64(value))) }
  mutating func encode(_ value: UInt16) throws { store(.integer(Int64(value))) }
  mutating func encode(_ value: UInt32) throws { store(.integer(Int64(value))) }
  mutating func encode(_ value: UInt) throws { try encodeUnsigned(UInt64(value)) }
  mutating func encode(_ value: UInt64) throws { try encodeUnsigned(value) }

  private func encodeUnsigned(_ value: UInt64) throws {
    guard let integer = Int64(exactly: value) else {
      throw EncodingError.invalidValue(
        value,
        .init(codingPath: codingPath, debugDescription: "\(value) does not fit a Lua integer"))
    }
    store(.integer(integer))
  }

  mutating func encode<T: Encodable>(_ value: T) throws {
    if let value = value as? LuaValue {
      store(value)
      return
    }
    try value.encode(to: encoder)
  }
}
