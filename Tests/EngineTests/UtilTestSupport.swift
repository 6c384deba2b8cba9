import Engine

/// Builders shared by the Util tests, shaped like the helpers of Kubernetes' own tests
/// (`newDeployment`, `rs`, `newRSWithAvailable`).
enum UtilFixtures {
  /// upstream `newDeployment`: RollingUpdate with both fenceposts 0 unless given.
  static func deployment(
    _ name: String = "foo", replicas: Int, maxSurge: IntOrString? = .int(0),
    maxUnavailable: IntOrString? = .int(0), type: String = DeploymentStrategy.rollingUpdateType,
    progressDeadlineSeconds: Int? = nil, paused: Bool? = nil, status: DeploymentStatus? = nil
  ) -> Deployment {
    let labels = ["foo": "bar"]
    let rolling =
      type == DeploymentStrategy.rollingUpdateType
      ? RollingUpdateDeployment(maxSurge: maxSurge, maxUnavailable: maxUnavailable) : nil
    return Deployment(
      metadata: ObjectMeta(name: name, namespace: "default"),
      spec: DeploymentSpec(
        replicas: replicas, selector: LabelSelector(matchLabels: labels),
        template: template(image: "foo/bar", labels: labels),
        strategy: DeploymentStrategy(type: type, rollingUpdate: rolling),
        progressDeadlineSeconds: progressDeadlineSeconds, paused: paused),
      status: status)
  }

  /// upstream `rs`/`newRSWithAvailable`: a ReplicaSet of `replicas` created at `created`.
  static func replicaSet(
    _ name: String, replicas: Int, created: Double = 0, current: Int = 0, ready: Int = 0,
    available: Int = 0, annotations: [String: String]? = nil
  ) -> ReplicaSet {
    var metadata = ObjectMeta(name: name, namespace: "default", annotations: annotations)
    metadata.creationTimestamp = created
    return ReplicaSet(
      metadata: metadata,
      spec: ReplicaSetSpec(
        replicas: replicas, selector: LabelSelector(matchLabels: ["foo": "bar"]),
        template: template(image: "foo/bar", labels: ["foo": "bar"])),
      status: ReplicaSetStatus(
        replicas: current, readyReplicas: ready, availableReplicas: available))
  }

  /// A one-container template.
  static func template(
    image: String, labels: [String: String] = ["app": "web"],
    annotations: [String: String]? = nil
  ) -> PodTemplateSpec {
    PodTemplateSpec(
      metadata: .init(labels: labels, annotations: annotations),
      spec: .object([
        "containers": .array([.object(["name": .string("app"), "image": .string(image)])])
      ]))
  }

  /// upstream `newDeploymentStatus` plus ready pods.
  static func status(replicas: Int, updated: Int, ready: Int = 0, available: Int)
    -> DeploymentStatus
  {
    var status = DeploymentStatus()
    status.replicas = replicas
    status.updatedReplicas = updated
    status.readyReplicas = ready
    status.availableReplicas = available
    return status
  }

  /// A condition with both times set to `time`.
  static func condition(
    _ type: DeploymentCondition.ConditionType, _ status: String, _ reason: String,
    time: Double = 0
  ) -> DeploymentCondition {
    DeploymentCondition(type: type, status: status, reason: reason, message: nil, time: time)
  }
}
