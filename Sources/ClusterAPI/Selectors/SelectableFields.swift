import Engine

/// The fields a field selector may name for each kind, and their values in a wire object, as
/// the API server defines them (its field label conversions and each registry's selectable
/// field set). A field it accepts but the object lacks has the value `""`.
enum SelectableFields {
  /// The field the selector names, renamed where the API server renames it (a Pod's old
  /// `spec.host` is `spec.nodeName`).
  ///
  /// - Throws: the API server's message for a field the kind does not support: core kinds with
  ///   their own list and custom resources say `field label not supported: foo`, the others
  ///   `"foo" is not a known field selector: only "metadata.name", "metadata.namespace"`.
  static func canonical(_ field: String, kind: String) throws(SelectorFailure) -> String {
    switch kind {
    case "Pod":
      if field == "spec.host" { return "spec.nodeName" }
      return try listed(field, podFields)
    case "Event": return try listed(field, eventFields)
    case "Namespace": return try listed(field, ["metadata.name", "status.phase"])
    case "Service":
      return try listed(
        field, ["metadata.name", "metadata.namespace", "spec.clusterIP", "spec.type"])
    case "Rollout": return try listed(field, ["metadata.name", "metadata.namespace"])
    case "ReplicaSet":
      // Listed by Kubernetes' documentation and selectable in its registry; apps/v1 itself
      // answers with the generic message (kubernetes/kubernetes#135136).
      if field == "status.replicas" { return field }
      return try metadataOnly(field)
    default: return try metadataOnly(field)
    }
  }

  private static let podFields: Set<String> = [
    "metadata.name", "metadata.namespace", "spec.nodeName", "spec.restartPolicy",
    "spec.schedulerName", "spec.serviceAccountName", "spec.hostNetwork", "status.phase",
    "status.podIP", "status.podIPs", "status.nominatedNodeName",
  ]

  private static let eventFields: Set<String> = [
    "involvedObject.kind", "involvedObject.namespace", "involvedObject.name",
    "involvedObject.uid", "involvedObject.apiVersion", "involvedObject.resourceVersion",
    "involvedObject.fieldPath", "reason", "reportingComponent", "source", "type",
    "metadata.namespace", "metadata.name",
  ]

  private static func listed(_ field: String, _ fields: Set<String>) throws(SelectorFailure)
    -> String
  {
    guard fields.contains(field) else {
      throw SelectorFailure("field label not supported: \(field)")
    }
    return field
  }

  private static func metadataOnly(_ field: String) throws(SelectorFailure) -> String {
    guard field == "metadata.name" || field == "metadata.namespace" else {
      throw SelectorFailure(
        "\(FieldErrorText.quoted(field)) is not a known field selector: only \"metadata.name\", \"metadata.namespace\""
      )
    }
    return field
  }

  /// The value of a (canonical) field in a wire object, as text.
  static func value(of field: String, in object: JSONValue, kind: String) -> String {
    switch (kind, field) {
    case (_, "metadata.name"): return text(object["metadata"]?["name"])
    case (_, "metadata.namespace"): return text(object["metadata"]?["namespace"])
    case ("Pod", "spec.hostNetwork"):
      return object["spec"]?["hostNetwork"] == .bool(true) ? "true" : "false"
    case ("Pod", "status.podIP"):
      if let first = object["status"]?["podIPs"]?.arrayValue?.first { return text(first["ip"]) }
      return text(object["status"]?["podIP"])
    case ("Pod", "status.podIPs"):
      return ""
    case ("Event", "source"):
      let component = text(object["source"]?["component"])
      return component.isEmpty ? text(object["reportingComponent"]) : component
    case ("ReplicaSet", "status.replicas"):
      return String(object["status"]?["replicas"]?.intValue ?? 0)
    default:
      var value: JSONValue? = object
      for part in field.split(separator: ".") { value = value?[String(part)] }
      return text(value)
    }
  }

  private static func text(_ value: JSONValue?) -> String {
    switch value {
    case .string(let text): return text
    case .int(let number): return String(number)
    case .bool(let flag): return flag ? "true" : "false"
    default: return ""
    }
  }
}
