import Engine

/// Pods from the API server's JSON, as far as the dashboard's tree shows them: owner, images,
/// phase, readiness and restarts.
enum PodObject {
  static func decode(_ object: JSONValue) -> Pod? {
    let meta = object["metadata"]
    guard let name = meta?["name"]?.stringValue else { return nil }
    var metadata = ObjectMeta(
      name: name, namespace: meta?["namespace"]?.stringValue,
      labels: meta?["labels"]?.stringMapValue)
    metadata.uid = meta?["uid"]?.stringValue
    metadata.creationTimestamp = (meta?["creationTimestamp"]?.stringValue).flatMap(RFC3339.parse)
    metadata.deletionTimestamp = (meta?["deletionTimestamp"]?.stringValue).flatMap(RFC3339.parse)
    metadata.ownerReferences = (meta?["ownerReferences"]?.arrayValue ?? []).compactMap { owner in
      guard let kind = owner["kind"]?.stringValue, let ownerName = owner["name"]?.stringValue
      else { return nil }
      return OwnerReference(
        apiVersion: owner["apiVersion"]?.stringValue ?? "", kind: kind, name: ownerName,
        uid: owner["uid"]?.stringValue, controller: owner["controller"] == .bool(true))
    }
    let images = (object["spec"]?["containers"]?.arrayValue ?? []).compactMap {
      $0["image"]?.stringValue
    }
    let status = object["status"]
    let ready = (status?["conditions"]?.arrayValue ?? []).first {
      $0["type"]?.stringValue == "Ready"
    }
    var podStatus = PodStatus(
      phase: (status?["phase"]?.stringValue).flatMap(PodStatus.Phase.init(rawValue:)) ?? .pending,
      ready: ready?["status"]?.stringValue == "True",
      readySince: (ready?["lastTransitionTime"]?.stringValue).flatMap(RFC3339.parse))
    podStatus.restartCount = (status?["containerStatuses"]?.arrayValue ?? []).reduce(0) {
      $0 + ($1["restartCount"]?.intValue ?? 0)
    }
    return Pod(metadata: metadata, spec: PodSpecSummary(images: images), status: podStatus)
  }
}
