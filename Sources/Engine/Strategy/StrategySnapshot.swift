/// What a strategy sees at one step: counts, never pod lists, so a step costs the same for
/// 10 replicas as for 100,000.
public struct StrategySnapshot: Sendable, Hashable, Codable {
  public var deployment: DeploymentView
  /// The ReplicaSet of the current pod template.
  public var newReplicaSet: ReplicaSetView
  /// Every other ReplicaSet of the deployment, oldest first (by creation time, then name), as
  /// Kubernetes orders them for scale-down.
  public var oldReplicaSets: [ReplicaSetView]
  /// `maxSurge` and `maxUnavailable` resolved against `deployment.replicas`.
  public var fenceposts: Fenceposts
  /// Cluster time, seconds.
  public var now: Double
  /// What the strategy persisted at its last step (an empty object at the first).
  public var state: JSONValue
  /// The strategy's parameters (manifest annotation and `--param`).
  public var params: JSONValue
  /// The ReplicaSet that was last fully rolled out, if any: what a canary or blue-green
  /// rollout goes back to on abort. It is the new ReplicaSet itself after a rollback to it.
  public var stableReplicaSet: String?
  /// The Services in the Deployment's namespace, by name.
  public var services: [ServiceView]
  /// What operators asked for since the rollout started.
  public var operatorIntents: OperatorIntents
  /// The analysis runs the strategy started for this revision, with their measurements; nil
  /// when there are none.
  public var analysisRuns: [AnalysisRun]?

  public init(
    deployment: DeploymentView, newReplicaSet: ReplicaSetView, oldReplicaSets: [ReplicaSetView],
    fenceposts: Fenceposts, now: Double, state: JSONValue = .object([:]),
    params: JSONValue = .object([:]), stableReplicaSet: String? = nil,
    services: [ServiceView] = [], operatorIntents: OperatorIntents = OperatorIntents(),
    analysisRuns: [AnalysisRun]? = nil
  ) {
    self.deployment = deployment
    self.newReplicaSet = newReplicaSet
    self.oldReplicaSets = oldReplicaSets
    self.fenceposts = fenceposts
    self.now = now
    self.state = state
    self.params = params
    self.stableReplicaSet = stableReplicaSet
    self.services = services
    self.operatorIntents = operatorIntents
    self.analysisRuns = analysisRuns
  }

  /// Every ReplicaSet, new first.
  public var allReplicaSets: [ReplicaSetView] { [newReplicaSet] + oldReplicaSets }
}

/// The Deployment, as a strategy sees it.
public struct DeploymentView: Sendable, Hashable, Codable {
  public var name: String
  public var namespace: String
  public var replicas: Int
  public var generation: Int
  public var paused: Bool
  public var minReadySeconds: Int
  public var progressDeadlineSeconds: Int
  /// `spec.strategy.type` as written (`RollingUpdate` when absent).
  public var strategyType: String
  public var labels: [String: String]
  public var annotations: [String: String]

  public init(
    name: String, namespace: String = "default", replicas: Int, generation: Int = 1,
    paused: Bool = false, minReadySeconds: Int = 0, progressDeadlineSeconds: Int = 600,
    strategyType: String = DeploymentStrategy.rollingUpdateType, labels: [String: String] = [:],
    annotations: [String: String] = [:]
  ) {
    self.name = name
    self.namespace = namespace
    self.replicas = replicas
    self.generation = generation
    self.paused = paused
    self.minReadySeconds = minReadySeconds
    self.progressDeadlineSeconds = progressDeadlineSeconds
    self.strategyType = strategyType
    self.labels = labels
    self.annotations = annotations
  }
}

/// A ReplicaSet, as a strategy sees it: its size and how many of its pods are up.
public struct ReplicaSetView: Sendable, Hashable, Codable {
  public var name: String
  public var revision: Int
  /// `spec.replicas`: the size the engine asked for.
  public var replicas: Int
  /// Pods that exist and are not terminating.
  public var currentReplicas: Int
  public var readyReplicas: Int
  public var availableReplicas: Int
  /// Pods shutting down.
  public var terminatingReplicas: Int
  public var images: [String]
  public var createdAt: Double

  public init(
    name: String, revision: Int, replicas: Int, currentReplicas: Int? = nil,
    readyReplicas: Int = 0, availableReplicas: Int = 0, terminatingReplicas: Int = 0,
    images: [String] = [], createdAt: Double = 0
  ) {
    self.name = name
    self.revision = revision
    self.replicas = replicas
    self.currentReplicas = currentReplicas ?? replicas
    self.readyReplicas = readyReplicas
    self.availableReplicas = availableReplicas
    self.terminatingReplicas = terminatingReplicas
    self.images = images
    self.createdAt = createdAt
  }
}

/// A Service, as a strategy sees it: its selector, and the ReplicaSet it is pinned to (by
/// `pod-template-hash`), if any.
public struct ServiceView: Sendable, Hashable, Codable {
  public var name: String
  public var selector: [String: String]
  /// The ReplicaSet whose `pod-template-hash` the selector pins; nil when it selects every
  /// version.
  public var replicaSet: String?

  public init(name: String, selector: [String: String], replicaSet: String? = nil) {
    self.name = name
    self.selector = selector
    self.replicaSet = replicaSet
  }
}

/// What operators asked of a rollout (`rollout promote`, `promote --full`, `abort`).
public struct OperatorIntents: Sendable, Hashable, Codable {
  /// An operator promoted the rollout past a pause since the last step (seen by one step).
  public var promoted: Bool
  /// Skip the remaining steps: go straight to the new version (until the rollout completes).
  public var promoteFull: Bool
  /// Go back to the stable version (until `rollout retry`).
  public var aborted: Bool

  public init(promoted: Bool = false, promoteFull: Bool = false, aborted: Bool = false) {
    self.promoted = promoted
    self.promoteFull = promoteFull
    self.aborted = aborted
  }
}

extension Deployment {
  /// The Deployment as a strategy sees it (without the engine's own state and the analysis
  /// templates).
  public var view: DeploymentView {
    let meta = metadata
    return DeploymentView(
      name: meta.name, namespace: meta.effectiveNamespace, replicas: replicas,
      generation: meta.generation ?? 1, paused: spec.isPaused,
      minReadySeconds: spec.effectiveMinReadySeconds,
      progressDeadlineSeconds: spec.effectiveProgressDeadlineSeconds,
      strategyType: spec.strategy?.type ?? DeploymentStrategy.rollingUpdateType,
      labels: meta.labels ?? [:],
      annotations: (meta.annotations ?? [:]).filter {
        $0.key != RolloutState.annotation && $0.key != Annotations.analysisTemplates
      })
  }
}
