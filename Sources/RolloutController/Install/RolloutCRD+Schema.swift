import Engine

extension RolloutCRD {
  /// The Rollout's OpenAPI v3 schema. Structural, as `apiextensions.k8s.io/v1` requires: every
  /// node has a `type`, and unknown fields are pruned except where a subtree is free-form by
  /// nature (`x-kubernetes-preserve-unknown-fields`): the pod template (a whole PodSpec), the
  /// canary and blue-green strategy details (Argo's many options, read by the strategies), and
  /// status fields beyond the ones the controller writes.
  public static let schema: JSONValue = Schema.object(
    [
      "apiVersion": Schema.string(),
      "kind": Schema.string(),
      "metadata": ["type": "object"],
      "spec": spec,
      "status": status,
    ], required: ["spec"])

  /// `.spec`: Argo Rollouts' fields, so that no field of an Argo manifest is pruned.
  static let spec: JSONValue = Schema.object([
    "replicas": Schema.int32("Pods wanted (default 1)."),
    "selector": labelSelector,
    "template": Schema.freeForm("The pod template, as a Deployment's."),
    "workloadRef": Schema.object(
      [
        "apiVersion": Schema.string(), "kind": Schema.string(), "name": Schema.string(),
      ], description: "A Deployment whose pod template is used in place of `template`."),
    "strategy": Schema.object(
      [
        "canary": Schema.freeForm("Canary steps and options."),
        "blueGreen": Schema.freeForm("Blue-green services and options."),
      ], description: "How a new revision is rolled out."),
    "minReadySeconds": Schema.int32("Seconds a pod must be ready to count as available."),
    "revisionHistoryLimit": Schema.int32("Old ReplicaSets kept for rollback (default 10)."),
    "progressDeadlineSeconds": Schema.int32("Seconds without progress before it is failed."),
    "progressDeadlineAbort": Schema.boolean("Abort, not only fail, at the progress deadline."),
    "paused": Schema.boolean("Paused by the user: no step is taken."),
    "restartAt": Schema.string("Restart every pod created before this time.", format: "date-time"),
    "analysis": Schema.object([
      "successfulRunHistoryLimit": Schema.int32(),
      "unsuccessfulRunHistoryLimit": Schema.int32(),
    ]),
  ])

  /// A `metav1.LabelSelector`.
  static let labelSelector: JSONValue = Schema.object(
    [
      "matchLabels": ["type": "object", "additionalProperties": Schema.string()],
      "matchExpressions": Schema.array(
        of: Schema.object(
          [
            "key": Schema.string(), "operator": Schema.string(),
            "values": Schema.array(of: Schema.string()),
          ], required: ["key", "operator"])),
    ], description: "Selects the Rollout's pods; must match the template's labels.")

  /// `.status`: what the controller writes; other members (Argo's traffic and analysis
  /// status) are kept as written.
  static let status: JSONValue = {
    var status = Schema.object([
      "phase": Schema.string("Progressing, Paused, Healthy or Degraded."),
      "message": Schema.string(),
      "currentStepIndex": Schema.int32("The canary step in progress."),
      "stableRS": Schema.string("Pod-template hash of the stable ReplicaSet."),
      "currentPodHash": Schema.string("Pod-template hash of the current revision."),
      "pauseConditions": Schema.array(
        of: Schema.object(
          [
            "reason": Schema.string(), "startTime": Schema.string(format: "date-time"),
          ], required: ["reason", "startTime"])),
      "abort": Schema.boolean("The update was aborted; back on the stable revision."),
      "conditions": Schema.array(of: condition),
      "observedGeneration": Schema.string("The generation last acted on (a string, as Argo's)."),
      "replicas": Schema.int32(),
      "updatedReplicas": Schema.int32(),
      "readyReplicas": Schema.int32(),
      "availableReplicas": Schema.int32(),
      "HPAReplicas": Schema.int32(),
      "selector": Schema.string("The label selector as text, for the scale subresource."),
      "collisionCount": Schema.int32("Pod-template hash collisions met so far."),
    ])
    status["x-kubernetes-preserve-unknown-fields"] = true
    return status
  }()

  /// One of `.status.conditions`: Progressing, Available, Paused, ...
  static let condition: JSONValue = Schema.object(
    [
      "type": Schema.string(), "status": Schema.string(), "reason": Schema.string(),
      "message": Schema.string(),
      "lastUpdateTime": Schema.string(format: "date-time"),
      "lastTransitionTime": Schema.string(format: "date-time"),
    ], required: ["type", "status"])

  /// Builders of schema nodes, each with its `type`.
  enum Schema {
    static func string(_ description: String? = nil, format: String? = nil) -> JSONValue {
      node("string", description, format: format)
    }

    static func int32(_ description: String? = nil) -> JSONValue {
      node("integer", description, format: "int32")
    }

    static func boolean(_ description: String? = nil) -> JSONValue {
      node("boolean", description)
    }

    static func array(of items: JSONValue) -> JSONValue {
      ["type": "array", "items": items]
    }

    static func object(
      _ properties: [String: JSONValue], required: [String] = [], description: String? = nil
    ) -> JSONValue {
      var node = node("object", description)
      node["properties"] = .object(properties)
      if !required.isEmpty { node["required"] = .array(required.sorted().map(JSONValue.string)) }
      return node
    }

    /// An object kept as written: the API server neither prunes nor checks inside it.
    static func freeForm(_ description: String) -> JSONValue {
      var node = node("object", description)
      node["x-kubernetes-preserve-unknown-fields"] = true
      return node
    }

    private static func node(
      _ type: String, _ description: String?, format: String? = nil
    ) -> JSONValue {
      var node: JSONValue = ["type": .string(type)]
      if let description { node["description"] = .string(description) }
      if let format { node["format"] = .string(format) }
      return node
    }
  }
}
