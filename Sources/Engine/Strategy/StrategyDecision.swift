/// What a strategy decided at one step. Applied whole or not at all.
public struct StrategyDecision: Sendable, Hashable, Codable {
  /// ReplicaSet sizes, in the order the strategy asked for them. The same ReplicaSet may appear
  /// more than once (Kubernetes first removes unhealthy pods, then scales down further).
  public var scale: [ScaleOperation]
  /// Stop here until promoted, or until `seconds` have passed.
  public var pause: PauseRequest?
  /// What the strategy is doing, for status and the timeline.
  public var message: String?
  /// The strategy considers the rollout done.
  public var complete: Bool
  /// Call the strategy again after this many seconds even if nothing changes.
  public var requeueAfter: Double?
  /// What to hand back in the next snapshot's `state`.
  public var state: JSONValue?
  /// Services to point at a ReplicaSet (or at every version), applied with the scales.
  public var services: [ServicePointer]
  /// The share of traffic the new version should get, in percent (shown beside the actual
  /// share in status).
  public var weight: Int?
  /// Where the strategy is in its plan (`step 3/8`).
  public var step: StepProgress?
  /// Analysis runs to start (each unless one of its label exists for this revision).
  public var analyses: [AnalysisRequest]?
  /// Labels of analysis runs to stop (promoted past, or judged by the strategy).
  public var stopAnalyses: [String]?
  /// Abort the rollout back to stable, with this message (the strategy's own judgement).
  public var abort: String?

  public init(
    scale: [ScaleOperation] = [], pause: PauseRequest? = nil, message: String? = nil,
    complete: Bool = false, requeueAfter: Double? = nil, state: JSONValue? = nil,
    services: [ServicePointer] = [], weight: Int? = nil, step: StepProgress? = nil,
    analyses: [AnalysisRequest]? = nil, stopAnalyses: [String]? = nil, abort: String? = nil
  ) {
    self.scale = scale
    self.pause = pause
    self.message = message
    self.complete = complete
    self.requeueAfter = requeueAfter
    self.state = state
    self.services = services
    self.weight = weight
    self.step = step
    self.analyses = analyses
    self.stopAnalyses = stopAnalyses
    self.abort = abort
  }
}

/// Set ReplicaSet `replicaSet` to `replicas` pods.
public struct ScaleOperation: Sendable, Hashable, Codable {
  public var replicaSet: String
  public var replicas: Int
  /// Where the strategy asked for it (`canary.lua:42`), for error messages.
  public var origin: String?

  public init(replicaSet: String, replicas: Int, origin: String? = nil) {
    self.replicaSet = replicaSet
    self.replicas = replicas
    self.origin = origin
  }
}

/// A pause the strategy asks for.
public struct PauseRequest: Sendable, Hashable, Codable {
  /// Shown in status (`CanaryPauseStep`, `PausedAtPercentage`).
  public var reason: String
  /// Resume by itself after this many seconds; nil waits for `rollout promote`.
  public var seconds: Double?

  public init(reason: String, seconds: Double? = nil) {
    self.reason = reason
    self.seconds = seconds
  }
}

/// Point Service `service` at ReplicaSet `replicaSet` (pin its `pod-template-hash`), or at every
/// version when `replicaSet` is nil.
public struct ServicePointer: Sendable, Hashable, Codable {
  public var service: String
  public var replicaSet: String?
  /// Where the strategy asked for it (`blue-green.lua:42`), for error messages.
  public var origin: String?

  public init(service: String, replicaSet: String?, origin: String? = nil) {
    self.service = service
    self.replicaSet = replicaSet
    self.origin = origin
  }
}

/// Step `index` of `count` in a strategy's plan (1-based; 0 before the first step).
public struct StepProgress: Sendable, Hashable, Codable {
  public var index: Int
  public var count: Int

  public init(index: Int, count: Int) {
    self.index = index
    self.count = count
  }
}
