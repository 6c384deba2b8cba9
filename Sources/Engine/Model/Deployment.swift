/// An `apps/v1` Deployment: the desired pod template and how to roll it out.
public struct Deployment: Sendable, Hashable, Codable {
  public var apiVersion: String
  public var kind: String
  public var metadata: ObjectMeta
  public var spec: DeploymentSpec
  public var status: DeploymentStatus?

  public init(
    apiVersion: String = "apps/v1", kind: String = "Deployment", metadata: ObjectMeta,
    spec: DeploymentSpec, status: DeploymentStatus? = nil
  ) {
    self.apiVersion = apiVersion
    self.kind = kind
    self.metadata = metadata
    self.spec = spec
    self.status = status
  }

  /// `spec.replicas` with Kubernetes' default of 1.
  public var replicas: Int { spec.replicas ?? 1 }
}

/// `apps/v1` DeploymentSpec. Optional fields stay optional so a manifest round-trips; the
/// `effective…` accessors apply Kubernetes' defaults.
public struct DeploymentSpec: Sendable, Hashable, Codable {
  public var replicas: Int?
  public var selector: LabelSelector
  public var template: PodTemplateSpec
  public var strategy: DeploymentStrategy?
  public var minReadySeconds: Int?
  public var revisionHistoryLimit: Int?
  public var progressDeadlineSeconds: Int?
  public var paused: Bool?

  public init(
    replicas: Int? = nil, selector: LabelSelector, template: PodTemplateSpec,
    strategy: DeploymentStrategy? = nil, minReadySeconds: Int? = nil,
    revisionHistoryLimit: Int? = nil, progressDeadlineSeconds: Int? = nil, paused: Bool? = nil
  ) {
    self.replicas = replicas
    self.selector = selector
    self.template = template
    self.strategy = strategy
    self.minReadySeconds = minReadySeconds
    self.revisionHistoryLimit = revisionHistoryLimit
    self.progressDeadlineSeconds = progressDeadlineSeconds
    self.paused = paused
  }

  /// Kubernetes defaults `revisionHistoryLimit` to 10.
  public var effectiveRevisionHistoryLimit: Int { revisionHistoryLimit ?? 10 }
  /// Kubernetes defaults `progressDeadlineSeconds` to 600.
  public var effectiveProgressDeadlineSeconds: Int { progressDeadlineSeconds ?? 600 }
  public var effectiveMinReadySeconds: Int { minReadySeconds ?? 0 }
  public var isPaused: Bool { paused ?? false }
}

/// `apps/v1` DeploymentStrategy: `RollingUpdate` (the default) or `Recreate`.
public struct DeploymentStrategy: Sendable, Hashable, Codable {
  public var type: String?
  public var rollingUpdate: RollingUpdateDeployment?

  public init(type: String? = nil, rollingUpdate: RollingUpdateDeployment? = nil) {
    self.type = type
    self.rollingUpdate = rollingUpdate
  }

  public static let rollingUpdateType = "RollingUpdate"
  public static let recreateType = "Recreate"
}

/// The two fenceposts of a rolling update, each a count or a percentage of `replicas`.
public struct RollingUpdateDeployment: Sendable, Hashable, Codable {
  public var maxSurge: IntOrString?
  public var maxUnavailable: IntOrString?

  public init(maxSurge: IntOrString? = nil, maxUnavailable: IntOrString? = nil) {
    self.maxSurge = maxSurge
    self.maxUnavailable = maxUnavailable
  }
}

/// `namespace/name` of an object.
public struct ObjectKey: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
  public var namespace: String
  public var name: String

  public init(_ namespace: String, _ name: String) {
    self.namespace = namespace
    self.name = name
  }

  public var description: String { "\(namespace)/\(name)" }

  public static func < (lhs: ObjectKey, rhs: ObjectKey) -> Bool {
    (lhs.namespace, lhs.name) < (rhs.namespace, rhs.name)
  }
}
