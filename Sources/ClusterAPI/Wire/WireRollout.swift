import Engine

extension WireEncoding {
  /// An Argo `Rollout` as served: the spec as it was written, metadata from the cluster, and
  /// the status in the fields Argo Rollouts writes (`phase`, `message`, `currentPodHash`,
  /// `stableRS`, `currentStepIndex`, `pauseConditions`, `abort`, replica counts).
  func rollout(_ stored: Deployment, source: JSONValue?, newHash: String?) -> JSONValue {
    var object = deployment(stored)
    if let spec = source?["spec"] { object["spec"] = spec }
    object["apiVersion"] = "argoproj.io/v1alpha1"
    object["kind"] = "Rollout"
    object["metadata"] = stored.metadata.wire(clock)
    if object["spec"] == nil { object["spec"] = .object([:]) }
    if object["spec"]?["replicas"] == nil { object["spec"]?["replicas"] = .int(stored.replicas) }
    object["status"] = stored.argoRolloutStatus(
      newHash: newHash, selector: LabelQuery.text(of: object["spec"]?["selector"]),
      timestamp: clock.timestamp)
    return object
  }
}
