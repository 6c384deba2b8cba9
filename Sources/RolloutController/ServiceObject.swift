import Engine

/// Services between the API server's JSON and the engine's `Service` (its selector is all the
/// engine reads and writes).
enum ServiceObject {
  static func decode(_ object: JSONValue) -> Service? {
    guard let name = object["metadata"]?["name"]?.stringValue else { return nil }
    var metadata = ObjectMeta(
      name: name, namespace: object["metadata"]?["namespace"]?.stringValue,
      labels: object["metadata"]?["labels"]?.stringMapValue)
    metadata.uid = object["metadata"]?["uid"]?.stringValue
    return Service(
      metadata: metadata,
      spec: ServiceSpec(
        selector: object["spec"]?["selector"]?.stringMapValue, ports: object["spec"]?["ports"],
        type: object["spec"]?["type"]?.stringValue))
  }

  /// The merge patch from `original`'s selector to `current`'s (a removed key is a null).
  static func selectorPatch(from original: Service, to current: Service) -> JSONValue {
    let before = original.spec.selector ?? [:]
    let after = current.spec.selector ?? [:]
    var selector: [String: JSONValue] = [:]
    for key in Set(before.keys).union(after.keys) where before[key] != after[key] {
      selector[key] = after[key].map(JSONValue.string) ?? .null
    }
    return ["spec": ["selector": .object(selector)]]
  }
}
