import Engine
import Manifests
import Simulator

/// What a scenario did: the trace of events and actions, the sampled cluster state, how it
/// ended, and every invariant or expectation that did not hold.
///
/// Times are cluster seconds; `start` is when the update was applied, so `time - start` is the
/// virtual time people read.
public struct ScenarioRun: Sendable {
  public var start: Double
  public var end: Double
  /// How the last run of the controllers ended; nil when it did not (setup failed, livelock).
  public var outcome: RolloutRunner.Outcome?
  public var trace: [TraceEntry]
  public var samples: [ScenarioSample]
  /// The Deployment just before the update, when there was one.
  public var baseline: ScenarioSample?
  public var failures: [CaseFailure]
  /// The Deployment at the end.
  public var deployment: Deployment?
  /// The promise the invariants held the strategy to.
  public var promise: PodPromise

  /// The virtual seconds the scenario ran after the update.
  public var duration: Double { end - start }
}

/// One line of a scenario's trace.
public struct TraceEntry: Sendable, Hashable {
  public enum Kind: Sendable, Hashable {
    /// Something the controller did.
    case event(RolloutEvent)
    /// A scheduled operator action was applied.
    case action(OperatorAction)
    /// A scheduled operator action was refused, with the message.
    case refused(OperatorAction, String)
    /// A note from the runner (the update was applied, the run stopped).
    case note(String)
  }

  public var time: Double
  public var kind: Kind

  public init(time: Double, kind: Kind) {
    self.time = time
    self.kind = kind
  }
}

/// An invariant or expectation that did not hold.
public struct CaseFailure: Sendable, Hashable, CustomStringConvertible {
  /// What was expected, as the test file (or the invariant) says it: `peakPodsAtMost: 13`.
  public var expectation: String
  /// What happened instead.
  public var message: String
  /// Cluster time the failure shows at, if it has one: the trace excerpt is taken around it.
  public var time: Double?

  public init(expectation: String, message: String, time: Double? = nil) {
    self.expectation = expectation
    self.message = message
    self.time = time
  }

  public var description: String { "\(expectation): \(message)" }
}

/// The cluster as it stood at one moment, as far as one Deployment goes.
public struct ScenarioSample: Sendable, Hashable {
  public var time: Double
  /// Sampled after an instant settled (a timeline row), not mid-instant.
  public var settled: Bool
  public var replicas: Int
  public var fenceposts: Fenceposts
  /// The Deployment's ReplicaSets, oldest revision first.
  public var replicaSets: [ReplicaSetSample]
  public var phase: RolloutState.Phase
  public var reason: String?
  public var weight: Int?
  public var step: StepProgress?
  /// `spec.paused`, or a strategy pause in force.
  public var paused: Bool
  /// Available pods behind the blue-green active Service, when there is one.
  public var activeAvailable: Int?
  /// A fault rule matches an image of the Deployment's template: the new version is not healthy.
  public var newVersionFaulty: Bool

  /// Every pod, terminating ones included.
  public var pods: Int { replicaSets.reduce(0) { $0 + $1.current + $1.terminating } }
  /// Pods that are not terminating (what `maxSurge` bounds).
  public var runningPods: Int { replicaSets.reduce(0) { $0 + $1.current } }
  public var available: Int { replicaSets.reduce(0) { $0 + $1.available } }
}

/// One ReplicaSet at one moment.
public struct ReplicaSetSample: Sendable, Hashable {
  public var name: String
  public var revision: Int
  /// `spec.replicas`.
  public var desired: Int
  /// Pods that exist and are not terminating.
  public var current: Int
  public var terminating: Int
  public var ready: Int
  public var available: Int
  public var images: [String]
}
