/// `apps/v1` DeploymentStatus, computed by the Deployment controller as Kubernetes does.
public struct DeploymentStatus: Sendable, Hashable, Codable {
  public var observedGeneration: Int?
  public var replicas: Int?
  public var updatedReplicas: Int?
  public var readyReplicas: Int?
  public var availableReplicas: Int?
  public var unavailableReplicas: Int?
  public var conditions: [DeploymentCondition]?
  public var collisionCount: Int?

  public init() {}

  /// The condition of `type`, or nil.
  public func condition(_ type: DeploymentCondition.ConditionType) -> DeploymentCondition? {
    conditions?.first { $0.type == type }
  }
}

/// A Deployment condition (`Progressing`, `Available`) with Kubernetes' reasons.
public struct DeploymentCondition: Sendable, Hashable, Codable {
  public var type: ConditionType
  public var status: String
  public var reason: String?
  public var message: String?
  public var lastUpdateTime: Double?
  public var lastTransitionTime: Double?

  public init(
    type: ConditionType, status: String, reason: String?, message: String?, time: Double
  ) {
    self.type = type
    self.status = status
    self.reason = reason
    self.message = message
    self.lastUpdateTime = time
    self.lastTransitionTime = time
  }

  /// The condition types a Deployment reports.
  public enum ConditionType: String, Sendable, Hashable, Codable {
    case progressing = "Progressing"
    case available = "Available"
    case replicaFailure = "ReplicaFailure"
  }

  /// Kubernetes' condition reasons (`pkg/controller/deployment/util`).
  public enum Reason {
    /// A new ReplicaSet was created for the current template.
    public static let newReplicaSetCreated = "NewReplicaSetCreated"
    /// An existing ReplicaSet was adopted as the new one (an undo, or a template that came back).
    public static let foundNewReplicaSet = "FoundNewReplicaSet"
    /// A ReplicaSet was scaled as part of the rollout: progress was made.
    public static let replicaSetUpdated = "ReplicaSetUpdated"
    /// The new ReplicaSet is fully available: the rollout is complete.
    public static let newReplicaSetAvailable = "NewReplicaSetAvailable"
    /// No progress for `progressDeadlineSeconds`.
    public static let progressDeadlineExceeded = "ProgressDeadlineExceeded"
    /// The Deployment was paused.
    public static let deploymentPaused = "DeploymentPaused"
    /// The Deployment was resumed.
    public static let deploymentResumed = "DeploymentResumed"
    /// At least `replicas - maxUnavailable` pods are available.
    public static let minimumReplicasAvailable = "MinimumReplicasAvailable"
    /// Fewer than `replicas - maxUnavailable` pods are available.
    public static let minimumReplicasUnavailable = "MinimumReplicasUnavailable"
    /// The strategy paused the rollout (Argo Rollouts' reason): no progress deadline runs.
    public static let rolloutPaused = "RolloutPaused"
    /// A strategy pause ended: the progress deadline counts again from here.
    public static let rolloutResumed = "RolloutResumed"
    /// The strategy's decision was refused (rollout-specific): the rollout is degraded.
    public static let strategyFailed = "StrategyFailed"
  }
}
