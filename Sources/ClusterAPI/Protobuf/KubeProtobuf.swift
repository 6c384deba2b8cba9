import Engine

/// Kubernetes protobuf request bodies (`application/vnd.kubernetes.protobuf`), read into the
/// JSON form the server handles. kubectl's typed commands (`create namespace|configmap|
/// deployment|service`) send them and do not fall back to JSON.
///
/// A body is the magic `k8s\0` followed by a `runtime.Unknown`: {typeMeta = 1 {apiVersion = 1,
/// kind = 2}, raw = 2, contentEncoding = 3, contentType = 4}, `raw` being the object's own
/// message, which carries no apiVersion or kind of its own.
public enum KubeProtobuf {
  /// The prefix of every body.
  static let magic: [UInt8] = [0x6B, 0x38, 0x73, 0x00]

  /// The schema of each kind read, by `apiVersion` and `kind`.
  static let kinds: [String: ProtoMessage] = [
    "v1/ConfigMap": KubeSchema.configMap,
    "v1/Namespace": KubeSchema.namespace,
    "v1/Service": KubeSchema.service,
    "v1/Pod": KubeSchema.pod,
    "v1/Event": KubeSchema.event,
    "coordination.k8s.io/v1/Lease": KubeSchema.lease,
    "apps/v1/Deployment": KubeSchema.deployment,
    "apps/v1/ReplicaSet": KubeSchema.replicaSet,
    "autoscaling/v1/Scale": KubeSchema.scale,
  ]

  /// The object in `body`, with its `apiVersion` and `kind`: 400 for bytes that are not a
  /// well-formed body or hold a field this server does not know, 415 for a kind it does not
  /// read.
  public static func decode(_ body: [UInt8]) throws(APIError) -> JSONValue {
    guard body.starts(with: magic) else {
      throw .badRequest(
        "provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]")
    }
    var typeMeta: [String: JSONValue] = [:]
    var raw: ArraySlice<UInt8> = []
    var encoding = ""
    var reader = ProtobufReader(body.dropFirst(magic.count))
    while let (number, value) = try next(&reader) {
      switch (number, value) {
      case (1, .bytes(let bytes)): typeMeta = try ProtobufDecoder.object(bytes, typeMetaSchema)
      case (2, .bytes(let bytes)): raw = bytes
      case (3, .bytes(let bytes)): encoding = String(decoding: bytes, as: UTF8.self)
      case (4, .bytes): break
      default:
        throw .badRequest(
          "proto: field \(number) (wire type \(value.wireType)) of k8s.io.apimachinery.pkg.runtime.Unknown is not known to this server"
        )
      }
    }
    let apiVersion = typeMeta["apiVersion"]?.stringValue ?? ""
    let kind = typeMeta["kind"]?.stringValue ?? ""
    guard encoding.isEmpty else {
      throw .badRequest("protobuf content encoding \(encoding) is not supported")
    }
    guard let schema = kinds["\(apiVersion)/\(kind)"] else {
      throw APIError(
        code: 415, reason: "UnsupportedMediaType",
        message:
          "the protobuf body holds \(kind.isEmpty ? "no kind" : "\(apiVersion) \(kind)"), which this server does not read - send application/json"
      )
    }
    var object = try ProtobufDecoder.object(raw, schema)
    object["apiVersion"] = .string(apiVersion)
    object["kind"] = .string(kind)
    return .object(object)
  }

  /// `runtime.TypeMeta` of the envelope.
  static let typeMetaSchema = ProtoMessage(
    "k8s.io.apimachinery.pkg.runtime.TypeMeta", [1: .string("apiVersion"), 2: .string("kind")])

  private static func next(_ reader: inout ProtobufReader) throws(APIError) -> (
    Int, ProtobufReader.Value
  )? {
    do {
      return try reader.next()
    } catch {
      throw .badRequest(error.message)
    }
  }
}
