import Engine

/// Kubernetes' wire form of the engine's `ObjectMeta`: resourceVersion as a string, times as
/// RFC 3339 on the served clock (`epoch` plus the cluster's virtual seconds).
struct WireClock: Sendable {
  /// Unix seconds at cluster time 0.
  var epoch: Double

  func timestamp(_ clusterTime: Double) -> JSONValue {
    .string(RFC3339.format(epoch + clusterTime))
  }
}

extension ObjectMeta {
  /// The wire form: name, namespace (for namespaced kinds), uid, resourceVersion, generation,
  /// creation and deletion timestamps, labels, annotations and ownerReferences.
  func wire(_ clock: WireClock, namespaced: Bool = true) -> JSONValue {
    var members: [String: JSONValue] = ["name": .string(name)]
    if namespaced { members["namespace"] = .string(effectiveNamespace) }
    if let uid { members["uid"] = .string(uid) }
    if let resourceVersion { members["resourceVersion"] = .string(String(resourceVersion)) }
    if let generation { members["generation"] = .int(generation) }
    if let creationTimestamp { members["creationTimestamp"] = clock.timestamp(creationTimestamp) }
    if let deletionTimestamp {
      members["deletionTimestamp"] = clock.timestamp(deletionTimestamp)
      members["deletionGracePeriodSeconds"] = .int(30)
    }
    if let labels, !labels.isEmpty { members["labels"] = .stringMap(labels) }
    if let annotations, !annotations.isEmpty { members["annotations"] = .stringMap(annotations) }
    if let ownerReferences, !ownerReferences.isEmpty {
      members["ownerReferences"] = .array(
        ownerReferences.map { reference in
          var owner: [String: JSONValue] = [
            "apiVersion": .string(reference.apiVersion), "kind": .string(reference.kind),
            "name": .string(reference.name), "uid": .string(reference.uid ?? ""),
          ]
          if let controller = reference.controller { owner["controller"] = .bool(controller) }
          owner["blockOwnerDeletion"] = .bool(true)
          return .object(owner)
        })
    }
    return .object(members)
  }
}

extension JSONValue {
  /// The value at a dotted path of object members (`metadata.name`), or nil.
  func at(_ path: String...) -> JSONValue? {
    var current: JSONValue? = self
    for key in path { current = current?[key] }
    return current
  }
}
