/// Protobuf wire bytes written by hand for the decoder's tests: fields of each wire type and the
/// `k8s\0` envelope around an object.
enum ProtobufBytes {
  static func fromHex(_ hex: String) -> [UInt8]? {
    let digits = Array(hex.utf8)
    guard digits.count % 2 == 0 else { return nil }
    var bytes: [UInt8] = []
    for index in stride(from: 0, to: digits.count, by: 2) {
      guard let byte = UInt8(String(decoding: digits[index...index + 1], as: UTF8.self), radix: 16)
      else { return nil }
      bytes.append(byte)
    }
    return bytes
  }

  static func varint(_ value: UInt64) -> [UInt8] {
    var value = value
    var bytes: [UInt8] = []
    while value >= 0x80 {
      bytes.append(UInt8(value & 0x7F) | 0x80)
      value >>= 7
    }
    bytes.append(UInt8(value))
    return bytes
  }

  static func key(_ number: Int, _ wireType: Int) -> [UInt8] {
    varint(UInt64(number << 3 | wireType))
  }

  /// A varint field; negative numbers as Go writes them, ten bytes sign-extended.
  static func int(_ number: Int, _ value: Int) -> [UInt8] {
    key(number, 0) + varint(UInt64(bitPattern: Int64(value)))
  }

  static func bytes(_ number: Int, _ value: [UInt8]) -> [UInt8] {
    key(number, 2) + varint(UInt64(value.count)) + value
  }

  static func string(_ number: Int, _ value: String) -> [UInt8] {
    bytes(number, Array(value.utf8))
  }

  /// A nested message of the concatenated `fields`.
  static func message(_ number: Int, _ fields: [UInt8]...) -> [UInt8] {
    bytes(number, fields.flatMap { $0 })
  }

  /// One entry of a `map<string, string>`.
  static func entry(_ number: Int, _ key: String, _ value: String) -> [UInt8] {
    message(number, string(1, key), string(2, value))
  }

  /// A request body: magic, then `runtime.Unknown` with the type and the object's bytes.
  static func body(_ apiVersion: String, _ kind: String, _ fields: [UInt8]...) -> [UInt8] {
    [0x6B, 0x38, 0x73, 0x00]
      + message(1, string(1, apiVersion), string(2, kind))
      + bytes(2, fields.flatMap { $0 })
  }
}
