import Engine

extension DeploymentTree {
  /// What `rollout get` shows, as one JSON object (`--output json` and `jsonl`).
  var json: JSONValue {
    let state = RolloutState.read(from: deployment)
    let status = deployment.status ?? DeploymentStatus()
    var object: [String: JSONValue] = [
      "type": "deployment", "name": .string(deployment.metadata.name),
      "namespace": .string(deployment.metadata.effectiveNamespace),
      "kind": .string(deployment.kind), "phase": .string(state.phase.rawValue),
      "reason": state.reason.map(JSONValue.string) ?? .null,
      "message": state.message.map(JSONValue.string) ?? .null,
      "strategy": .string(strategy),
      "revision": deployment.metadata.annotation(Annotations.revision).map(JSONValue.string)
        ?? .null,
      "replicas": .object([
        "desired": .int(deployment.replicas), "current": .int(status.replicas ?? 0),
        "updated": .int(status.updatedReplicas ?? 0), "ready": .int(status.readyReplicas ?? 0),
        "available": .int(status.availableReplicas ?? 0),
      ]),
    ]
    object["step"] = state.step.map {
      .object(["index": .int($0.index), "count": .int($0.count)])
    }
    object["setWeight"] = state.desiredWeight.map(JSONValue.int)
    object["actualWeight"] = state.actualWeight.map(JSONValue.int)
    object["replicaSets"] = .array(
      replicaSets.map { rs in
        .object([
          "name": .string(rs.metadata.name), "revision": .int(rs.revision),
          "replicas": .int(rs.replicas), "ready": .int(rs.readyReplicas),
          "available": .int(rs.availableReplicas),
          "images": .array(rs.spec.template.images.map(JSONValue.string)),
          "roles": .array(roles(rs).map(JSONValue.string)),
          "pods": .array(
            pods(of: rs).map { pod in
              .object([
                "name": .string(pod.metadata.name),
                "status": .string(
                  pod.isTerminating ? "Terminating" : (pod.status.ready ? "Running" : "Pending")),
                "ready": .bool(pod.status.ready), "restarts": .int(pod.status.restartCount),
              ])
            }),
        ])
      })
    return .object(object)
  }
}
