import Engine

/// The apimachinery types whose JSON form is not an object: `IntOrString`, `Time`,
/// `MicroTime`, `Quantity` and `FieldsV1`.
enum KubeWellKnown {
  /// `{type = 1, intVal = 2, strVal = 3}`: type 1 is the string, anything else the number.
  static func intOrString(_ bytes: ArraySlice<UInt8>) throws(APIError) -> JSONValue {
    var type: UInt64 = 0
    var number: UInt64 = 0
    var text = ""
    var reader = ProtobufReader(bytes)
    while let (field, value) = try next(&reader, "IntOrString") {
      switch (field, value) {
      case (1, .varint(let raw)): type = raw
      case (2, .varint(let raw)): number = raw
      case (3, .bytes(let raw)): text = String(decoding: raw, as: UTF8.self)
      default: throw unexpected(field, value, "k8s.io.apimachinery.pkg.util.intstr.IntOrString")
      }
    }
    return type == 1 ? .string(text) : .int(Int(Int32(truncatingIfNeeded: number)))
  }

  /// `{seconds = 1, nanos = 2}` in RFC 3339: whole seconds for `Time` (the API server drops
  /// the fraction), microseconds for `MicroTime`. No bytes is Go's zero time, JSON null.
  static func time(_ bytes: ArraySlice<UInt8>, micro: Bool) throws(APIError) -> JSONValue {
    guard !bytes.isEmpty else { return .null }
    var seconds: Int64 = 0
    var nanos: Int32 = 0
    var reader = ProtobufReader(bytes)
    while let (field, value) = try next(&reader, "Time") {
      switch (field, value) {
      case (1, .varint(let raw)): seconds = Int64(bitPattern: raw)
      case (2, .varint(let raw)): nanos = Int32(truncatingIfNeeded: raw)
      default: throw unexpected(field, value, "k8s.io.apimachinery.pkg.apis.meta.v1.Time")
      }
    }
    guard (0..<1_000_000_000).contains(nanos) else {
      throw .badRequest("proto: Time nanos \(nanos) is out of range")
    }
    let whole = RFC3339.format(Double(seconds))
    guard micro else { return .string(whole) }
    let fraction = String(nanos / 1000)
    return .string(
      whole.dropLast() + "." + String(repeating: "0", count: 6 - fraction.count) + fraction + "Z")
  }

  /// `{string = 1}`: the quantity as written; none is Go's zero quantity, `"0"`.
  static func quantity(_ bytes: ArraySlice<UInt8>) throws(APIError) -> JSONValue {
    var text = "0"
    var reader = ProtobufReader(bytes)
    while let (field, value) = try next(&reader, "Quantity") {
      guard field == 1, case .bytes(let raw) = value else {
        throw unexpected(field, value, "k8s.io.apimachinery.pkg.api.resource.Quantity")
      }
      text = String(decoding: raw, as: UTF8.self)
    }
    return .string(text)
  }

  /// `{Raw = 1}`: the JSON document of a managed-fields entry.
  static func fieldsV1(_ bytes: ArraySlice<UInt8>) throws(APIError) -> JSONValue {
    var document: JSONValue = .null
    var reader = ProtobufReader(bytes)
    while let (field, value) = try next(&reader, "FieldsV1") {
      guard field == 1, case .bytes(let raw) = value else {
        throw unexpected(field, value, "k8s.io.apimachinery.pkg.apis.meta.v1.FieldsV1")
      }
      do {
        document = try JSONValue(exactText: String(decoding: raw, as: UTF8.self))
      } catch {
        throw .badRequest("proto: FieldsV1 does not hold JSON: \(error)")
      }
    }
    return document
  }

  private static func next(_ reader: inout ProtobufReader, _ type: String) throws(APIError)
    -> (Int, ProtobufReader.Value)?
  {
    do {
      return try reader.next()
    } catch {
      throw .badRequest(error.message)
    }
  }

  private static func unexpected(_ field: Int, _ value: ProtobufReader.Value, _ message: String)
    -> APIError
  {
    .badRequest(
      "proto: field \(field) (wire type \(value.wireType)) of \(message) is not known to this server"
    )
  }
}
