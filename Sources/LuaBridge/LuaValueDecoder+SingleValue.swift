struct SingleValueDecoding: SingleValueDecodingContainer {
  let decoder: LuaValueDecoding
  var codingPath: [any CodingKey] { decoder.codingPath }
  private var value: LuaValue { decoder.value }

  init(decoder: LuaValueDecoding) {
    self.decoder = decoder
  }

  func decodeNil() -> Bool { value.isNil }

  func decode(_ type: Bool.Type) throws -> Bool {
    guard case .boolean(let result) = value else { throw decoder.mismatch(expected: "Bool") }
    return result
  }

  func decode(_ type: String.Type) throws -> String {
    guard case .string(let result) = value else { throw decoder.mismatch(expected: "String") }
    return result
  }

  func decode(_ type: Double.Type) throws -> Double {
    guard let result = value.doubleValue else { throw decoder.mismatch(expected: "Double") }
    return result
  }

  func decode(_ type: Float.Type) throws -> Float {
    guard let result = value.doubleValue else { throw decoder.mismatch(expected: "Float") }
    return Float(result)
  }

  func decode(_ type: Int.Type) throws -> Int { try integer(type) }
  func decode(_ type: Int8.Type) throws -> Int8 { try integer(type) }
  func decode(_ type: Int16.Type) throws -> Int16 { try integer(type) }
  func decode(_ type: Int32.Type) throws -> Int32 { try integer(type) }
  func decode(_ type: Int64.Type) throws -> Int64 { try integer(type) }
  func decode(_ type: UInt.Type) throws -> UInt { try integer(type) }
  func decode(_ type: UInt8.Type) throws -> UInt8 { try integer(type) }
  func decode(_ type: UInt16.Type) throws -> UInt16 { try integer(type) }
  func decode(_ type: UInt32.Type) throws -> UInt32 { try integer(type) }
  func decode(_ type: UInt64.Type) throws -> UInt64 { try integer(type) }

  /// An integer from `.integer`, or from `.number` with an exact integral value.
  private func integer<T: FixedWidthInteger>(_ type: T.Type) throws -> T {
    let result: T?
    switch value {
    case .integer(let integer): result = T(exactly: integer)
    case .number(let number): result = T(exactly: number)
    default: result = nil
    }
    guard let result else { throw decoder.mismatch(expected: "\(T.self)") }
    return result
  }

  func decode<T: Decodable>(_ type: T.Type) throws -> T {
    if T.self == LuaValue.self, let value = value as? T { return value }
    return try T(from: decoder)
  }
}
