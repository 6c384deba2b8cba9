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
    case "Rollout", "AnalysisRun":
      return try listed(field, ["metadata.name", "metadata.namespace"])
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
        "\(GoText.quoted(field)) is not a known field selector: only \"metadata.name\", \"metadata.namespace\""
      )
    }
    return field
  }

  /// How to read a (canonical) field of `kind` from a wire object.
  static func reader(of field: String, kind: String) -> FieldReader {
    switch (kind, field) {
    case ("Pod", "spec.hostNetwork"): return .hostNetwork
    case ("Pod", "status.podIP"): return .podIP
    case ("Pod", "status.podIPs"): return .none
    case ("Event", "source"): return .eventSource
    case ("ReplicaSet", "status.replicas"): return .replicaCount
    default: return .path(field.split(separator: ".").map(String.init))
    }
  }
}

/// Reads one selectable field from a wire object as text, the way the API server's field set
/// holds it: a missing field is `""`, a Pod's `spec.hostNetwork` `"false"`, a ReplicaSet's
/// `status.replicas` `"0"`.
enum FieldReader: Sendable, Hashable {
  /// The member at these keys.
  case path([String])
  /// A field the API server accepts but does not fill in (a Pod's `status.podIPs`).
  case none
  case hostNetwork
  /// The first of `status.podIPs`, else `status.podIP`.
  case podIP
  /// `source.component`, else `reportingComponent`.
  case eventSource
  case replicaCount

  func read(_ object: JSONValue) -> String {
    switch self {
    case .path(let keys):
      var value: JSONValue? = object
      for key in keys { value = value?[key] }
      return Self.text(value)
    case .none:
      return ""
    case .hostNetwork:
      return object["spec"]?["hostNetwork"] == .bool(true) ? "true" : "false"
    case .podIP:
      if let first = object["status"]?["podIPs"]?.arrayValue?.first {
        return Self.text(first["ip"])
      }
      return Self.text(object["status"]?["podIP"])
    case .eventSource:
      let component = Self.text(object["source"]?["component"])
      return component.isEmpty ? Self.text(object["reportingComponent"]) : component
    case .replicaCount:
      return String(object["status"]?["replicas"]?.intValue ?? 0)
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
