import Engine
import Manifests
import Simulator

/// A rollout to simulate: a starting manifest rolled out first, then an update, simulation
/// settings, operator actions at virtual times, and what must hold.
///
/// Times (`ScheduledAction.at`, `completeWithin`, the trace) are virtual seconds since the update
/// was applied; without an update, since the manifest was first applied.
public struct Scenario: Sendable {
  /// The Deployment rolled out first (to completion) before the update.
  public var deployment: Deployment
  /// Services applied with it (blue-green's active and preview Services).
  public var services: [Service]
  /// The new version; nil simulates the first rollout of `deployment` itself.
  public var update: ScenarioUpdate?
  /// Strategy parameters (the `rollout.dev/strategy-params` annotation), if given.
  public var params: JSONValue?
  public var settings: SimulationSettings
  public var actions: [ScheduledAction]
  public var expect: ScenarioExpectation
  /// What the strategy promises about pods; nil: the stock promise for the strategy's name.
  public var promise: PodPromise?
  /// Virtual seconds after which a rollout that neither finished nor paused is reported.
  public var horizon: Double

  public init(
    deployment: Deployment, services: [Service] = [], update: ScenarioUpdate? = nil,
    params: JSONValue? = nil, settings: SimulationSettings = SimulationSettings(),
    actions: [ScheduledAction] = [], expect: ScenarioExpectation = ScenarioExpectation(),
    promise: PodPromise? = nil, horizon: Double = 24 * 3600
  ) {
    self.deployment = deployment
    self.services = services
    self.update = update
    self.params = params
    self.settings = settings
    self.actions = actions
    self.expect = expect
    self.promise = promise
    self.horizon = horizon
  }
}

/// The new version of a scenario.
public enum ScenarioUpdate: Sendable, Hashable {
  /// New images by container name over the starting manifest, and `replicas` when it
  /// changes with them.
  case images([String: String], replicas: Int? = nil)
  /// A whole new Deployment (applied as `rollout apply` does).
  case manifest(Deployment)
}

/// An operator action at a virtual time.
public struct ScheduledAction: Sendable, Hashable {
  /// Virtual seconds since the update.
  public var at: Double
  public var action: OperatorAction

  public init(at: Double, action: OperatorAction) {
    self.at = at
    self.action = action
  }
}

/// How a scenario must go; nil fields are not checked.
public struct ScenarioExpectation: Sendable, Hashable {
  /// `Healthy`, `Progressing`, `Paused` or `Degraded` at the end.
  public var phase: RolloutState.Phase?
  /// The reason at the end; `.some(nil)` requires none.
  public var reason: String??
  /// A substring of the status message at the end.
  public var message: String?
  /// How the run ended: `complete`, `paused`, `degraded`, `aborted`, …
  public var result: RolloutRunner.Outcome.Result?
  /// The Deployment's revision at the end.
  public var revision: Int?
  /// The images running at the end (of every ReplicaSet with pods wanted), sorted.
  public var images: [String]?
  /// The reasons of the pauses the rollout hit, in order.
  public var pauses: [String]?
  /// The newest revision completes within this many virtual seconds of the update.
  public var completeWithin: Double?
  /// No more pods than this at any time (terminating ones included).
  public var peakPodsAtMost: Int?
  /// Never fewer available pods than this.
  public var availableNeverBelow: Int?
  /// The phase each analysis run (by label) ended in.
  public var analysis: [String: AnalysisPhase]?

  public init() {}
}

/// What a strategy promises about pods while it rolls out: checked on every scenario as an
/// invariant.
public enum PodPromise: Sendable, Hashable {
  /// `replicas + maxSurge` pods at most, `replicas - maxUnavailable` available at least:
  /// rolling, pause-at-percentage, canary, and any strategy that says nothing else.
  case surge
  /// `replicas` pods at most (old and new never run together); no availability promise.
  case recreate
  /// Two full versions at most (`2 × replicas`), and `replicas` available behind the active
  /// Service at all times.
  case blueGreen(activeService: String?)
  /// Explicit bounds from the scenario (`promise: {maxPods: 20, minAvailable: 8}`); nil is
  /// not checked.
  case explicit(maxPods: Int?, minAvailable: Int?)

  /// The promise of a stock strategy, by name; `.surge` for any other.
  public static func stock(strategy name: String, params: JSONValue?) -> PodPromise {
    switch name {
    case "recreate": return .recreate
    case "blue-green": return .blueGreen(activeService: params?["activeService"]?.stringValue)
    default: return .surge
    }
  }
}
