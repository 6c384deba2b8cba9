/// Where an analysis run, a metric or a measurement stands, in Argo Rollouts' words.
public enum AnalysisPhase: String, Sendable, Hashable, Codable, CaseIterable {
  case pending = "Pending"
  case running = "Running"
  case successful = "Successful"
  case failed = "Failed"
  case error = "Error"
  case inconclusive = "Inconclusive"

  /// The run, metric or measurement is over.
  public var isCompleted: Bool {
    switch self {
    case .pending, .running: false
    case .successful, .failed, .error, .inconclusive: true
    }
  }

  /// How bad a completed phase is, for the run's phase (the worst of its metrics').
  var severity: Int {
    switch self {
    case .pending, .running, .successful: 0
    case .inconclusive: 1
    case .error: 2
    case .failed: 3
    }
  }
}

/// One analysis run: the metrics of its templates (arguments substituted), measured against
/// the ReplicaSet it analyses, and what came of each measurement. It lives in the rollout's
/// state, so it travels with the object like the rest of it.
public struct AnalysisRun: Sendable, Hashable, Codable {
  /// `<deployment>-<pod-template-hash>-<revision>-<label>`, as Argo names runs.
  public var name: String
  /// The strategy's name for the run (`step-3`, `background`, `pre-promotion`).
  public var label: String
  /// The revision whose rollout started it.
  public var revision: Int
  /// The ReplicaSet it analyses (its images answer the simulated provider).
  public var subject: String
  public var templates: [String]
  public var metrics: [AnalysisMetric]
  /// Whether the engine acts on the outcome (a failed run aborts, an inconclusive one pauses);
  /// false leaves the judgement to the strategy.
  public var enforced: Bool
  /// The rollout waits for the run: no progress deadline runs while it does (nil: false).
  public var awaited: Bool?
  public var phase: AnalysisPhase
  public var message: String?
  public var startedAt: Double
  public var finishedAt: Double?
  /// Stopped before its metrics completed (promoted past, or stopped by the strategy).
  public var terminated: Bool
  public var results: [MetricResult]

  public init(
    name: String, label: String, revision: Int, subject: String, templates: [String],
    metrics: [AnalysisMetric], enforced: Bool = true, startedAt: Double
  ) {
    self.name = name
    self.label = label
    self.revision = revision
    self.subject = subject
    self.templates = templates
    self.metrics = metrics
    self.enforced = enforced
    self.phase = .running
    self.message = nil
    self.startedAt = startedAt
    self.finishedAt = nil
    self.terminated = false
    self.results = metrics.map { MetricResult(name: $0.name) }
  }

  /// The result of metric `name`.
  public func result(_ name: String) -> MetricResult? { results.first { $0.name == name } }
}

/// What a metric's measurements came to.
public struct MetricResult: Sendable, Hashable, Codable {
  public var name: String
  public var phase: AnalysisPhase
  /// Measurements that were not errors.
  public var count: Int
  public var successful: Int
  public var failed: Int
  public var inconclusive: Int
  public var error: Int
  public var consecutiveError: Int
  /// The last measurements, oldest first (at most `MetricResult.retained`).
  public var measurements: [Measurement]
  /// Why the metric completed as it did.
  public var message: String?

  /// Measurements kept per metric, as Argo's default `measurementRetention`.
  public static let retained = 10

  public init(name: String) {
    self.name = name
    phase = .pending
    count = 0
    successful = 0
    failed = 0
    inconclusive = 0
    error = 0
    consecutiveError = 0
    measurements = []
    message = nil
  }
}

/// One measurement: the provider's answer and the phase the conditions gave it.
public struct Measurement: Sendable, Hashable, Codable {
  public var phase: AnalysisPhase
  /// The provider's answer as text (`0.05`, `[0.05,0.02]`); nil for an error.
  public var value: String?
  /// Cluster time it was taken.
  public var at: Double
  /// The provider's error, or the condition's.
  public var message: String?

  public init(phase: AnalysisPhase, value: String?, at: Double, message: String? = nil) {
    self.phase = phase
    self.value = value
    self.at = at
    self.message = message
  }
}
