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
    let state = RolloutState.read(from: stored)
    let counts = stored.status ?? DeploymentStatus()
    var status: [String: JSONValue] = [
      "phase": .string(state.phase.rawValue),
      "replicas": .int(counts.replicas ?? 0),
      "updatedReplicas": .int(counts.updatedReplicas ?? 0),
      "readyReplicas": .int(counts.readyReplicas ?? 0),
      "availableReplicas": .int(counts.availableReplicas ?? 0),
      "observedGeneration": .string(String(counts.observedGeneration ?? 0)),
      "abort": .bool(state.aborted),
    ]
    if let message = state.message ?? state.reason { status["message"] = .string(message) }
    if let newHash { status["currentPodHash"] = .string(newHash) }
    if let stable = state.stableReplicaSet {
      status["stableRS"] = .string(stable.split(separator: "-").last.map(String.init) ?? stable)
    }
    if let step = state.step {
      // Ours counts from 1 (step i/n); Argo's index is the 0-based step under way, and the
      // step count once every step is done.
      status["currentStepIndex"] = .int(state.finished ? step.count : max(0, step.index - 1))
    }
    if let pause = state.pause {
      status["pauseConditions"] = .array([
        .object(["reason": .string(pause.reason), "startTime": clock.timestamp(pause.since)])
      ])
    }
    status["selector"] = .string(LabelQuery.text(of: object["spec"]?["selector"]))
    if let conditions = deployment(stored)["status"]?["conditions"] {
      status["conditions"] = conditions
    }
    object["status"] = .object(status)
    return object
  }
}
