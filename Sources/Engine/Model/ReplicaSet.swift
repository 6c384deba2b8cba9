/// An `apps/v1` ReplicaSet: keeps `spec.replicas` pods of one template revision alive.
public struct ReplicaSet: Sendable, Hashable, Codable {
  public var apiVersion: String = "apps/v1"
  public var kind: String = "ReplicaSet"
  public var metadata: ObjectMeta
  public var spec: ReplicaSetSpec
  public var status: ReplicaSetStatus?

  public init(metadata: ObjectMeta, spec: ReplicaSetSpec, status: ReplicaSetStatus? = nil) {
    self.metadata = metadata
    self.spec = spec
    self.status = status
  }

  /// `spec.replicas`, defaulting to 0 for a ReplicaSet the engine has not sized yet.
  public var replicas: Int { spec.replicas ?? 0 }
  public var readyReplicas: Int { status?.readyReplicas ?? 0 }
  public var availableReplicas: Int { status?.availableReplicas ?? 0 }
  /// Pods that exist and are not terminating (`status.replicas`).
  public var currentReplicas: Int { status?.replicas ?? 0 }
  /// Pods shutting down after a scale-down.
  public var terminatingReplicas: Int { status?.terminatingReplicas ?? 0 }

  /// The `deployment.kubernetes.io/revision` annotation as a number (0 when absent or bad).
  public var revision: Int { Int(metadata.annotation(Annotations.revision) ?? "") ?? 0 }

  /// The `pod-template-hash` label.
  public var podTemplateHash: String? { metadata.labels?[Labels.podTemplateHash] }
}

public struct ReplicaSetSpec: Sendable, Hashable, Codable {
  public var replicas: Int?
  public var minReadySeconds: Int?
  public var selector: LabelSelector
  public var template: PodTemplateSpec

  public init(
    replicas: Int?, minReadySeconds: Int? = nil, selector: LabelSelector,
    template: PodTemplateSpec
  ) {
    self.replicas = replicas
    self.minReadySeconds = minReadySeconds
    self.selector = selector
    self.template = template
  }
}

/// What the cluster reports about a ReplicaSet's pods.
public struct ReplicaSetStatus: Sendable, Hashable, Codable {
  public var replicas: Int?
  public var readyReplicas: Int?
  public var availableReplicas: Int?
  public var terminatingReplicas: Int?
  public var observedGeneration: Int?

  public init(
    replicas: Int = 0, readyReplicas: Int = 0, availableReplicas: Int = 0,
    terminatingReplicas: Int = 0
  ) {
    self.replicas = replicas
    self.readyReplicas = readyReplicas
    self.availableReplicas = availableReplicas
    self.terminatingReplicas = terminatingReplicas
  }
}
