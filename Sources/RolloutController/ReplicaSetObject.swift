import Engine
import Foundation

/// ReplicaSets between the API server's JSON and the engine's `ReplicaSet`.
enum ReplicaSetObject {
  static func decode(_ object: JSONValue) -> ReplicaSet? {
    let meta = object["metadata"]
    guard let name = meta?["name"]?.stringValue,
      let spec: ReplicaSetSpec = decoded(object["spec"]),
      spec.selector.matchLabels != nil || spec.selector.matchExpressions != nil
    else { return nil }
    var metadata = ObjectMeta(
      name: name, namespace: meta?["namespace"]?.stringValue,
      labels: meta?["labels"]?.stringMapValue, annotations: meta?["annotations"]?.stringMapValue)
    metadata.uid = meta?["uid"]?.stringValue
    metadata.generation = meta?["generation"]?.intValue
    metadata.creationTimestamp = (meta?["creationTimestamp"]?.stringValue).flatMap(RFC3339.parse)
    metadata.deletionTimestamp = (meta?["deletionTimestamp"]?.stringValue).flatMap(RFC3339.parse)
    metadata.ownerReferences = decoded(meta?["ownerReferences"])
    let status = decoded(object["status"]) as ReplicaSetStatus?
    return ReplicaSet(metadata: metadata, spec: spec, status: status)
  }

  /// A new ReplicaSet as the API server takes it.
  static func encode(_ replicaSet: ReplicaSet) -> JSONValue {
    var object: JSONValue = [
      "apiVersion": "apps/v1", "kind": "ReplicaSet",
      "spec": JSONValue.encoded(replicaSet.spec),
    ]
    object["metadata"] = metadata(replicaSet.metadata, onto: [:])
    return object
  }

  /// `cached` with what the engine changed: replicas, labels, annotations, ownerReferences,
  /// minReadySeconds. The resourceVersion stays that of `cached`: the write's precondition.
  static func update(_ cached: JSONValue, to replicaSet: ReplicaSet) -> JSONValue {
    var object = cached
    object["spec"]?["replicas"] = .int(replicaSet.replicas)
    object["spec"]?["minReadySeconds"] = replicaSet.spec.minReadySeconds.map(JSONValue.int)
    object["metadata"] = metadata(replicaSet.metadata, onto: cached["metadata"] ?? [:])
    return object
  }

  private static func metadata(_ meta: ObjectMeta, onto base: JSONValue) -> JSONValue {
    var wire = base
    wire["name"] = .string(meta.name)
    wire["namespace"] = meta.namespace.map(JSONValue.string)
    wire["labels"] = meta.labels.map { .object($0.mapValues(JSONValue.string)) }
    wire["annotations"] = meta.annotations.map { .object($0.mapValues(JSONValue.string)) }
    wire["ownerReferences"] = meta.ownerReferences.map { references in
      .array(
        references.map { reference in
          var wire = JSONValue.encoded(reference)
          wire["blockOwnerDeletion"] = .bool(true)
          return wire
        })
    }
    return wire
  }

  private static func decoded<T: Decodable>(_ value: JSONValue?) -> T? {
    guard let value, value != .null, let text = try? value.exactText() else { return nil }
    return try? JSONDecoder().decode(T.self, from: Data(text.utf8))
  }
}
