import Engine

/// `v1 Event`s for what the controllers do, so `kubectl describe deployment` and
/// `kubectl get events` show them (`ScalingReplicaSet` as Kubernetes' controller writes it).
extension ServedState {
  /// Events older than this (cluster seconds) are dropped, as the API server's event TTL does.
  static let eventTTL = 3600.0

  func record(_ event: RolloutEvent) {
    guard let (reason, type, message) = event.kubernetesEvent else { return }
    let deploymentKey = event.deployment
    let owner = cluster.get(Deployment.self, deploymentKey)
    let kind = owner?.kind == "Rollout" ? "Rollout" : "Deployment"
    let apiVersion = kind == "Rollout" ? "argoproj.io/v1alpha1" : "apps/v1"
    let time = encoding.clock.timestamp(event.time)
    let version = cluster.currentResourceVersion + 1
    let name = "\(deploymentKey.name).\(String(version, radix: 16))"
    var involved: [String: JSONValue] = [
      "kind": .string(kind), "namespace": .string(deploymentKey.namespace),
      "name": .string(deploymentKey.name), "apiVersion": .string(apiVersion),
    ]
    if let uid = owner?.metadata.uid { involved["uid"] = .string(uid) }
    putStored(
      events, ObjectKey(deploymentKey.namespace, name),
      .object([
        "apiVersion": "v1", "kind": "Event",
        "metadata": .object([
          "name": .string(name), "namespace": .string(deploymentKey.namespace),
          "uid": .string("ev-\(version)"), "creationTimestamp": time,
        ]),
        "involvedObject": .object(involved), "reason": .string(reason),
        "message": .string(message), "type": .string(type), "count": 1,
        "firstTimestamp": time, "lastTimestamp": time,
        "source": .object(["component": "deployment-controller"]),
        "reportingComponent": "deployment-controller", "reportingInstance": "rollout-serve",
      ]))
    eventTimes.append((event.time, ObjectKey(deploymentKey.namespace, name)))
    expireEvents()
  }

  /// Drops the Events older than the TTL, oldest first (they were recorded in time order).
  private func expireEvents() {
    while let (time, key) = eventTimes.first, time < cluster.now - Self.eventTTL {
      eventTimes.removeFirst()
      removeStored(events, key)
    }
  }
}
