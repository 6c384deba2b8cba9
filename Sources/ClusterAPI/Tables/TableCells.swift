import Engine

/// Reading wire objects into table cells the way Kubernetes' printers read its typed objects:
/// a missing field is its zero value (`""`, `0`), a missing time is `<unknown>`.
enum TableCells {
  static func text(_ value: JSONValue?) -> String { value?.stringValue ?? "" }

  static func number(_ value: JSONValue?, default fallback: Int = 0) -> Int {
    value?.intValue ?? fallback
  }

  /// kubectl's AGE of a timestamp: the human duration from it to `now`, `<unknown>` when it is
  /// missing or unreadable.
  static func since(_ timestamp: JSONValue?, now: Double) -> String {
    guard let text = timestamp?.stringValue, let time = RFC3339.parse(text) else {
      return "<unknown>"
    }
    return HumanDuration.string(seconds: now - time)
  }

  /// The AGE of an object (`metadata.creationTimestamp`).
  static func age(_ object: JSONValue, now: Double) -> String {
    since(object["metadata"]?["creationTimestamp"], now: now)
  }

  static func name(_ object: JSONValue) -> String { text(object["metadata"]?["name"]) }

  /// The names and images of a pod template's containers, comma-separated.
  static func containers(ofTemplate object: JSONValue) -> (names: String, images: String) {
    let containers = object["spec"]?["template"]?["spec"]?["containers"]?.arrayValue ?? []
    return (
      containers.map { text($0["name"]) }.joined(separator: ","),
      containers.map { text($0["image"]) }.joined(separator: ",")
    )
  }

  /// A label map as `a=1,b=2` (keys sorted), `<none>` when empty.
  static func labels(_ value: JSONValue?) -> String {
    let members = value?.objectValue ?? [:]
    guard !members.isEmpty else { return "<none>" }
    return members.keys.sorted(by: LabelSelectorParser.byteOrder)
      .map { $0 + "=" + text(members[$0]) }.joined(separator: ",")
  }

  /// A `spec.selector` as a Deployment row shows it: `app=web`, empty for none, `<invalid>`.
  static func deploymentSelector(_ value: JSONValue?) -> String {
    guard let query = try? LabelQuery(labelSelector: value) else { return "<invalid>" }
    return query.description
  }

  /// A `spec.selector` as a ReplicaSet row shows it: `app=web`, `<none>`, `<error>`.
  static func replicaSetSelector(_ value: JSONValue?) -> String {
    guard let query = try? LabelQuery(labelSelector: value) else { return "<error>" }
    let text = query.description
    return text.isEmpty ? "<none>" : text
  }
}
