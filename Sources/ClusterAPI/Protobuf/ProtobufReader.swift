/// A cursor over protobuf wire-format bytes: one field (number and value) at a time.
///
/// Only what Kubernetes' messages use is read: varints, 64-bit and 32-bit fixed values and
/// length-delimited bytes. Groups (wire types 3 and 4) were never used by go-to-protobuf and
/// are refused. Running out of bytes in the middle of a field is an error, never a short read.
struct ProtobufReader {
  /// One field's value as it is on the wire, before a schema gives it a meaning.
  enum Value: Equatable {
    case varint(UInt64)
    case fixed64(UInt64)
    case bytes(ArraySlice<UInt8>)
    case fixed32(UInt32)

    /// The wire type's number, for error messages.
    var wireType: Int {
      switch self {
      case .varint: 0
      case .fixed64: 1
      case .bytes: 2
      case .fixed32: 5
      }
    }
  }

  private let bytes: ArraySlice<UInt8>
  private var index: Int

  init(_ bytes: ArraySlice<UInt8>) {
    self.bytes = bytes
    index = bytes.startIndex
  }

  var isAtEnd: Bool { index >= bytes.endIndex }

  /// The next field, or nil at the end of the message.
  mutating func next() throws(ProtobufFailure) -> (number: Int, value: Value)? {
    guard !isAtEnd else { return nil }
    let key = try varint()
    let number = key >> 3
    guard number > 0, number <= 0x1FFF_FFFF else {
      throw .illegalTag(Int(truncatingIfNeeded: number))
    }
    let value: Value
    switch key & 7 {
    case 0:
      value = .varint(try varint())
    case 1:
      value = .fixed64(try fixed(8))
    case 2:
      let length = try varint()
      guard length <= UInt64(bytes.endIndex - index) else { throw .truncated }
      let end = index + Int(length)
      value = .bytes(bytes[index..<end])
      index = end
    case 5:
      value = .fixed32(UInt32(truncatingIfNeeded: try fixed(4)))
    default:
      throw .unsupportedWireType(Int(key & 7), field: Int(number))
    }
    return (Int(number), value)
  }

  /// A base-128 varint of at most ten bytes.
  mutating func varint() throws(ProtobufFailure) -> UInt64 {
    var result: UInt64 = 0
    var shift: UInt64 = 0
    while true {
      guard index < bytes.endIndex else { throw .truncated }
      let byte = bytes[index]
      index += 1
      guard shift < 64, shift < 63 || byte <= 1 else { throw .overflow }
      result |= UInt64(byte & 0x7F) << shift
      if byte < 0x80 { return result }
      shift += 7
    }
  }

  /// A little-endian fixed-width value of `width` bytes.
  private mutating func fixed(_ width: Int) throws(ProtobufFailure) -> UInt64 {
    guard bytes.endIndex - index >= width else { throw .truncated }
    var result: UInt64 = 0
    for offset in 0..<width {
      result |= UInt64(bytes[index + offset]) << (8 * UInt64(offset))
    }
    index += width
    return result
  }
}

/// Why protobuf bytes could not be read.
enum ProtobufFailure: Error, Equatable {
  /// The bytes end inside a field.
  case truncated
  /// A varint longer than 64 bits.
  case overflow
  /// Field number 0 or past the largest allowed.
  case illegalTag(Int)
  /// Wire type 3, 4, 6 or 7.
  case unsupportedWireType(Int, field: Int)

  /// The API server's wording (gogo-protobuf's errors).
  var message: String {
    switch self {
    case .truncated: "unexpected EOF"
    case .overflow: "proto: integer overflow"
    case .illegalTag(let number): "proto: illegal tag \(number)"
    case .unsupportedWireType(let type, let field):
      "proto: illegal wireType \(type) for field \(field)"
    }
  }
}
