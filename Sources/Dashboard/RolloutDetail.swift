import Engine

/// A rollout's page, as the API sends it: the summary, the ReplicaSet/pod tree of `rollout get`,
/// conditions, revision history, the decision log, analysis runs and the actions that apply.
public struct RolloutDetail: Sendable, Hashable, Codable {
  public var summary: RolloutSummary
  /// Newest revision first.
  public var replicaSets: [ReplicaSetNode]
  public var conditions: [Condition]
  /// Oldest revision first.
  public var history: [Revision]
  /// The last `RolloutDetail.decisionLimit` decisions, oldest first.
  public var decisions: [DecisionRow]
  /// How many decisions the log holds for the rollout.
  public var decisionsTotal: Int
  public var analysisRuns: [AnalysisRunView]
  public var actions: [ActionView]

  /// The most decisions a page carries (a long rollout makes thousands).
  public static let decisionLimit = 500

  /// A ReplicaSet with its pods.
  public struct ReplicaSetNode: Sendable, Hashable, Codable {
    public var name: String
    public var revision: Int
    /// `stable`, `canary`, `preview`, `active`, `service:NAME`.
    public var roles: [String]
    public var status: String
    public var replicas: Int
    public var ready: Int
    public var available: Int
    public var images: [String]
    public var pods: [PodNode]
  }

  /// A pod of a ReplicaSet.
  public struct PodNode: Sendable, Hashable, Codable {
    public var name: String
    /// `Running`, `Pending`, `Terminating`, `Failed`.
    public var status: String
    public var ready: Bool
    public var restarts: Int
    public var age: Double
  }

  /// One of the Deployment's status conditions.
  public struct Condition: Sendable, Hashable, Codable {
    public var type: String
    public var status: String
    public var reason: String?
    public var message: String?
    /// Cluster time of the last update, seconds.
    public var lastUpdate: Double?
  }

  /// One revision of the history (what `rollout history` lists and `undo` goes back to).
  public struct Revision: Sendable, Hashable, Codable {
    public var revision: Int
    public var replicaSet: String
    public var images: [String]
    public var changeCause: String?
    public var current: Bool
  }

  /// An analysis run with its metrics' measurements.
  public struct AnalysisRunView: Sendable, Hashable, Codable {
    public var name: String
    public var label: String
    public var phase: String
    public var message: String?
    public var metrics: [Metric]

    public struct Metric: Sendable, Hashable, Codable {
      public var name: String
      public var phase: String
      public var count: Int
      public var measurements: [Measurement]
    }

    public struct Measurement: Sendable, Hashable, Codable {
      public var value: String?
      public var phase: String
      /// Cluster time the measurement was taken, seconds.
      public var at: Double
    }

    init(_ run: AnalysisRun) {
      name = run.name
      label = run.label
      phase = run.phase.rawValue
      message = run.message
      metrics = run.results.map { result in
        Metric(
          name: result.name, phase: result.phase.rawValue, count: result.measurements.count,
          measurements: result.measurements.map {
            Measurement(value: $0.value, phase: $0.phase.rawValue, at: $0.at)
          })
      }
    }
  }

  /// An action button: whether the rollout's state allows it now.
  public struct ActionView: Sendable, Hashable, Codable {
    public var verb: String
    public var label: String
    public var allowed: Bool
  }
}
