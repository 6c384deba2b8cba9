/// A Rollout's status in the fields Argo Rollouts writes (`phase`, `message`, `currentPodHash`,
/// `stableRS`, `currentStepIndex`, `pauseConditions`, `abort`, `conditions`,
/// `observedGeneration` as a string, replica counts, `selector`), made from the engine's
/// Deployment and its rollout state. The one mapping a served cluster and `rollout controller`
/// both write, so Argo's users' scripts and dashboards read either alike.
extension Deployment {
  /// - Parameters:
  ///   - newHash: the pod-template hash of the current revision's ReplicaSet, when there is one.
  ///   - selector: the label selector as text (the scale subresource's `labelSelectorPath`).
  ///   - timestamp: a cluster time as the wire's RFC 3339 text.
  public func argoRolloutStatus(
    newHash: String?, selector: String, timestamp: (Double) -> JSONValue
  ) -> JSONValue {
    let state = RolloutState.read(from: self)
    let counts = status ?? DeploymentStatus()
    var fields: [String: JSONValue] = [
      "phase": .string(state.phase.rawValue),
      "replicas": .int(counts.replicas ?? 0),
      "updatedReplicas": .int(counts.updatedReplicas ?? 0),
      "readyReplicas": .int(counts.readyReplicas ?? 0),
      "availableReplicas": .int(counts.availableReplicas ?? 0),
      "observedGeneration": .string(String(counts.observedGeneration ?? 0)),
      "abort": .bool(state.aborted),
      "selector": .string(selector),
    ]
    if let message = state.message ?? state.reason { fields["message"] = .string(message) }
    if let newHash { fields["currentPodHash"] = .string(newHash) }
    if let stable = state.stableReplicaSet {
      fields["stableRS"] = .string(stable.split(separator: "-").last.map(String.init) ?? stable)
    }
    if let step = state.step {
      // Ours counts from 1 (step i/n); Argo's index is the 0-based step under way, and the
      // step count once every step is done.
      fields["currentStepIndex"] = .int(state.finished ? step.count : max(0, step.index - 1))
    }
    if let pause = state.pause {
      fields["pauseConditions"] = .array([
        .object(["reason": .string(pause.reason), "startTime": timestamp(pause.since)])
      ])
    }
    if let conditions = counts.conditions {
      fields["conditions"] = .array(conditions.map { $0.wire(timestamp: timestamp) })
    }
    if let collisions = counts.collisionCount { fields["collisionCount"] = .int(collisions) }
    return .object(fields)
  }
}

extension DeploymentCondition {
  /// The condition as the API writes it, times as `timestamp` renders them.
  public func wire(timestamp: (Double) -> JSONValue) -> JSONValue {
    var wire: [String: JSONValue] = ["type": .string(type.rawValue), "status": .string(status)]
    if let reason { wire["reason"] = .string(reason) }
    if let message { wire["message"] = .string(message) }
    if let lastUpdateTime { wire["lastUpdateTime"] = timestamp(lastUpdateTime) }
    if let lastTransitionTime { wire["lastTransitionTime"] = timestamp(lastTransitionTime) }
    return .object(wire)
  }
}
