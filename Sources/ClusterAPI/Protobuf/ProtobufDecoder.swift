import Engine
import Foundation

/// Reads one protobuf message by its schema into the JSON object the Go type would encode to.
///
/// A field the schema does not know is an error naming the message and the field number: the
/// server stores what it reads, so a field read past would be a field silently lost.
enum ProtobufDecoder {
  /// The members of `message` encoded in `bytes`.
  static func object(_ bytes: ArraySlice<UInt8>, _ message: ProtoMessage) throws(APIError)
    -> [String: JSONValue]
  {
    var members: [String: JSONValue] = [:]
    var reader = ProtobufReader(bytes)
    while let (number, value) = try next(&reader) {
      guard let field = message.fields[number] else {
        throw .badRequest(
          "proto: field \(number) of \(message.name) is not known to this server")
      }
      if case .inline(let inner) = field.kind {
        for (key, member) in try object(try payload(value, field), inner) {
          members[key] = merged(members[key], member)
        }
        continue
      }
      if field.repeated {
        var elements = members[field.json]?.arrayValue ?? []
        elements += try repeatedElements(value, field)
        members[field.json] = .array(elements)
        continue
      }
      switch field.kind {
      case .stringMap, .bytesMap, .quantityMap:
        let (key, entry) = try mapEntry(try payload(value, field), field)
        var map = members[field.json]?.objectValue ?? [:]
        map[key] = entry
        members[field.json] = .object(map)
      default:
        let decoded = try scalarOrMessage(value, field)
        if !field.keepsZero, decoded.isGoZero {
          members[field.json] = nil
        } else {
          members[field.json] = merged(members[field.json], decoded)
        }
      }
    }
    return members
  }

  private static func next(_ reader: inout ProtobufReader) throws(APIError) -> (
    number: Int, value: ProtobufReader.Value
  )? {
    do {
      return try reader.next()
    } catch {
      throw .badRequest(error.message)
    }
  }

  /// A message field seen twice is merged as protobuf merges: lists inside concatenated,
  /// messages merged, for anything else the last wins.
  private static func merged(_ old: JSONValue?, _ new: JSONValue) -> JSONValue {
    switch (old, new) {
    case (.object(var members)?, .object(let more)):
      for (key, value) in more { members[key] = merged(members[key], value) }
      return .object(members)
    case (.array(let first)?, .array(let more)):
      return .array(first + more)
    default:
      return new
    }
  }

  /// The bytes of a length-delimited field, or the API server's wire-type error.
  private static func payload(_ value: ProtobufReader.Value, _ field: ProtoField)
    throws(APIError) -> ArraySlice<UInt8>
  {
    guard case .bytes(let bytes) = value else { throw wrongWireType(value, field) }
    return bytes
  }

  private static func varint(_ value: ProtobufReader.Value, _ field: ProtoField)
    throws(APIError) -> UInt64
  {
    guard case .varint(let number) = value else { throw wrongWireType(value, field) }
    return number
  }

  private static func wrongWireType(_ value: ProtobufReader.Value, _ field: ProtoField)
    -> APIError
  {
    .badRequest("proto: wrong wireType = \(value.wireType) for field \(field.json)")
  }

  /// The elements one occurrence of a repeated field adds: one, or several for a packed list
  /// of numbers.
  private static func repeatedElements(_ value: ProtobufReader.Value, _ field: ProtoField)
    throws(APIError) -> [JSONValue]
  {
    switch (field.kind, value) {
    case (.int32, .bytes(let packed)), (.int64, .bytes(let packed)), (.bool, .bytes(let packed)):
      var reader = ProtobufReader(packed)
      var numbers: [UInt64] = []
      do {
        while !reader.isAtEnd { numbers.append(try reader.varint()) }
      } catch {
        throw .badRequest(error.message)
      }
      var elements: [JSONValue] = []
      for number in numbers { elements.append(try scalarOrMessage(.varint(number), field)) }
      return elements
    default:
      return [try scalarOrMessage(value, field)]
    }
  }

  /// One value of a field that is neither inline nor a map.
  private static func scalarOrMessage(_ value: ProtobufReader.Value, _ field: ProtoField)
    throws(APIError) -> JSONValue
  {
    switch field.kind {
    case .string:
      return .string(String(decoding: try payload(value, field), as: UTF8.self))
    case .bool:
      return .bool(try varint(value, field) != 0)
    case .int32:
      return .int(Int(Int32(truncatingIfNeeded: try varint(value, field))))
    case .int64:
      return .int(Int(Int64(bitPattern: try varint(value, field))))
    case .message(let message):
      return .object(try object(try payload(value, field), message))
    case .intOrString:
      return try KubeWellKnown.intOrString(try payload(value, field))
    case .time:
      return try KubeWellKnown.time(try payload(value, field), micro: false)
    case .microTime:
      return try KubeWellKnown.time(try payload(value, field), micro: true)
    case .quantity:
      return try KubeWellKnown.quantity(try payload(value, field))
    case .fieldsV1:
      return try KubeWellKnown.fieldsV1(try payload(value, field))
    case .inline, .stringMap, .bytesMap, .quantityMap:
      throw wrongWireType(value, field)
    }
  }

  /// One entry of a map field: key = 1, value = 2, either absent meaning empty.
  private static func mapEntry(_ bytes: ArraySlice<UInt8>, _ field: ProtoField)
    throws(APIError) -> (String, JSONValue)
  {
    var key = ""
    var entry: ArraySlice<UInt8> = []
    var reader = ProtobufReader(bytes)
    while let (number, value) = try next(&reader) {
      guard number == 1 || number == 2 else {
        throw .badRequest("proto: field \(number) of a \(field.json) entry is not known")
      }
      let bytes = try payload(value, field)
      if number == 1 {
        key = String(decoding: bytes, as: UTF8.self)
      } else {
        entry = bytes
      }
    }
    switch field.kind {
    case .bytesMap:
      return (key, .string(Data(entry).base64EncodedString()))
    case .quantityMap:
      return (key, try KubeWellKnown.quantity(entry))
    default:
      return (key, .string(String(decoding: entry, as: UTF8.self)))
    }
  }
}

extension JSONValue {
  /// `""`, `0` or `false`: what `omitempty` leaves out.
  fileprivate var isGoZero: Bool {
    switch self {
    case .string(let text): text.isEmpty
    case .int(let number): number == 0
    case .bool(let flag): !flag
    default: false
    }
  }
}
