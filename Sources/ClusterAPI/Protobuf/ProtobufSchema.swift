/// One protobuf message of the Kubernetes API as the decoder reads it: its fields by number,
/// each with the JSON name and the kind of value it holds.
struct ProtoMessage: Sendable {
  /// The fully qualified name (`k8s.io.api.core.v1.Container`), for error messages.
  let name: String
  let fields: [Int: ProtoField]

  init(_ name: String, _ fields: [Int: ProtoField]) {
    self.name = name
    self.fields = fields
  }
}

/// One field of a message.
struct ProtoField: Sendable {
  /// The member's name in the JSON form.
  let json: String
  let kind: ProtoKind
  /// A `repeated` field: a JSON array, even of one element.
  let repeated: Bool
  /// Whether the JSON form keeps the zero value (`""`, `0`, `false`). Go writes every scalar
  /// of a present message, zero or not; the JSON form omits zeros of `omitempty` fields, so
  /// only pointers (`replicas: 0` is not "unset") and fields without `omitempty` keep them.
  let keepsZero: Bool
}

/// What a field holds and how it becomes JSON.
indirect enum ProtoKind: Sendable {
  case string
  case bool
  /// A varint read as a signed 32-bit number.
  case int32
  /// A varint read as a signed 64-bit number.
  case int64
  /// A nested message, a JSON object.
  case message(ProtoMessage)
  /// A Go struct embedded with `json:",inline"`: its members belong to the enclosing object.
  case inline(ProtoMessage)
  /// `map<string, string>` (entries of key = 1, value = 2).
  case stringMap
  /// `map<string, bytes>`, values written in base64 as JSON does for `[]byte`.
  case bytesMap
  /// `map<string, Quantity>`.
  case quantityMap
  /// `intstr.IntOrString` {type = 1, intVal = 2, strVal = 3}: a JSON number or string.
  case intOrString
  /// `metav1.Time` {seconds = 1, nanos = 2}: RFC 3339 in whole seconds; empty is null.
  case time
  /// `metav1.MicroTime`: RFC 3339 with six fraction digits; empty is null.
  case microTime
  /// `resource.Quantity` {string = 1}: its string.
  case quantity
  /// `metav1.FieldsV1` {Raw = 1}: the JSON document it holds.
  case fieldsV1
}

/// Field constructors, so that schema tables read as `1: .string("name")`.
extension ProtoField {
  static func string(_ json: String, keepsZero: Bool = false) -> ProtoField {
    ProtoField(json: json, kind: .string, repeated: false, keepsZero: keepsZero)
  }

  static func bool(_ json: String, keepsZero: Bool = false) -> ProtoField {
    ProtoField(json: json, kind: .bool, repeated: false, keepsZero: keepsZero)
  }

  static func int32(_ json: String, keepsZero: Bool = false) -> ProtoField {
    ProtoField(json: json, kind: .int32, repeated: false, keepsZero: keepsZero)
  }

  static func int64(_ json: String, keepsZero: Bool = false) -> ProtoField {
    ProtoField(json: json, kind: .int64, repeated: false, keepsZero: keepsZero)
  }

  static func message(_ json: String, _ message: ProtoMessage) -> ProtoField {
    ProtoField(json: json, kind: .message(message), repeated: false, keepsZero: true)
  }

  /// The embedded struct's members go into the enclosing object.
  static func inline(_ message: ProtoMessage) -> ProtoField {
    ProtoField(json: "", kind: .inline(message), repeated: false, keepsZero: true)
  }

  /// `repeated Message`.
  static func list(_ json: String, _ message: ProtoMessage) -> ProtoField {
    ProtoField(json: json, kind: .message(message), repeated: true, keepsZero: true)
  }

  /// `repeated string`.
  static func strings(_ json: String) -> ProtoField {
    ProtoField(json: json, kind: .string, repeated: true, keepsZero: true)
  }

  /// `repeated int64`.
  static func int64s(_ json: String) -> ProtoField {
    ProtoField(json: json, kind: .int64, repeated: true, keepsZero: true)
  }

  static func stringMap(_ json: String) -> ProtoField {
    ProtoField(json: json, kind: .stringMap, repeated: false, keepsZero: true)
  }

  static func bytesMap(_ json: String) -> ProtoField {
    ProtoField(json: json, kind: .bytesMap, repeated: false, keepsZero: true)
  }

  static func quantityMap(_ json: String) -> ProtoField {
    ProtoField(json: json, kind: .quantityMap, repeated: false, keepsZero: true)
  }

  static func intOrString(_ json: String) -> ProtoField {
    ProtoField(json: json, kind: .intOrString, repeated: false, keepsZero: true)
  }

  static func time(_ json: String) -> ProtoField {
    ProtoField(json: json, kind: .time, repeated: false, keepsZero: true)
  }

  static func microTime(_ json: String) -> ProtoField {
    ProtoField(json: json, kind: .microTime, repeated: false, keepsZero: true)
  }

  static func quantity(_ json: String) -> ProtoField {
    ProtoField(json: json, kind: .quantity, repeated: false, keepsZero: true)
  }

  static func fieldsV1(_ json: String) -> ProtoField {
    ProtoField(json: json, kind: .fieldsV1, repeated: false, keepsZero: true)
  }
}
