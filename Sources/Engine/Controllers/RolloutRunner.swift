import Foundation

/// Drives one Deployment's rollout on a cluster: controllers to a fixpoint after every change,
/// then the clock on to the next event, until the rollout completes, pauses, or fails.
///
/// On the simulated cluster waiting costs no wall time: a rollout with a 10-minute pause
/// finishes in milliseconds.
public final class RolloutRunner {
  public let controller: DeploymentController
  public var cluster: any ClusterBackend { controller.cluster }
  /// A pass budget per instant: a strategy that keeps changing its mind without the clock moving
  /// is a livelock. The rollouts still changing when the budget runs out are marked Degraded
  /// (`Livelock`, naming the strategy and its last two decisions) and are not stepped again
  /// until retried or re-applied.
  public var maxPassesPerInstant = 1_000
  /// Called after every instant has settled (the place to persist and to redraw).
  public var afterInstant: (RolloutRunner) -> Void = { _ in }
  /// Virtual seconds per wall second, when the run is paced by the wall clock (an analysis
  /// asking a real metrics server, or `--speed`); nil runs as fast as it can.
  public var speed: Double?
  private var paceOrigin: (wall: ContinuousClock.Instant, virtual: Double)?

  public init(controller: DeploymentController) {
    self.controller = controller
  }

  /// How a run ended.
  public struct Outcome: Sendable, Hashable {
    public enum Result: String, Sendable, Hashable {
      /// The new revision is fully rolled out.
      case complete
      /// Waiting for an operator (a strategy pause without a duration, or `spec.paused`).
      case paused
      /// The strategy failed or its decision was refused.
      case degraded
      /// No progress within `progressDeadlineSeconds`.
      case progressDeadlineExceeded
      /// Nothing will happen any more and the rollout is not complete.
      case stalled
      /// An operator aborted the rollout and the strategy has taken it back to stable.
      case aborted
      /// The Deployment does not exist.
      case notFound
    }

    public var result: Result
    public var phase: RolloutState.Phase
    public var reason: String?
    public var message: String?
    public var revision: Int
    /// Cluster time the rollout of `revision` began: its first step, in this run or an
    /// earlier one (a `promote` after a pause), else when this run began.
    public var started: Double
    /// Cluster time this run ended.
    public var finished: Double
    /// Cluster time `revision` was first fully rolled out, when it has been.
    public var completed: Double?
    public var metrics: RolloutMetrics
    /// Why the rollout was aborted, when not by an operator (a failed analysis, the strategy).
    public var abortedBecause: String?

    /// Virtual (cluster) seconds the rollout has taken: from its start to its completion, or
    /// to the end of this run.
    public var duration: Double { (completed ?? finished) - started }
  }

  /// Runs until the rollout of `key` completes, pauses for an operator, or fails.
  public func run(_ key: ObjectKey) throws -> Outcome {
    try run([key])[0]
  }

  /// Runs the rollouts of `keys` side by side on the one cluster until each has completed,
  /// paused for an operator, or failed. Returns their outcomes in the order of `keys`.
  public func run(_ keys: [ObjectKey]) throws -> [Outcome] {
    let started = cluster.now
    var metrics = [ObjectKey: RolloutMetrics]()
    for key in keys { metrics[key, default: RolloutMetrics()].sample(cluster: cluster, key: key) }
    var finished = [ObjectKey: Outcome]()
    while true {
      let wakeAt = try settleInstant(keys.filter { finished[$0] == nil }) { key in
        metrics[key, default: RolloutMetrics()].sample(cluster: cluster, key: key)
      }
      afterInstant(self)
      for key in keys where finished[key] == nil {
        let deployment = cluster.get(Deployment.self, key)
        let state = deployment.map(controller.decoded.state(of:)) ?? RolloutState()
        let result =
          deployment == nil ? .notFound : finalResult(state: state, deployment: deployment!)
        if let result {
          finished[key] = outcome(result, deployment, started: started, metrics: metrics[key])
        }
      }
      if finished.count == keys.count { return keys.map { finished[$0]! } }
      // A wake-up at or before now would not move the clock: look again just after now.
      let deadline = wakeAt.map { max($0, cluster.now.nextUp) }
      let wait = cluster.waitForChange(until: deadline)
      pace()
      if case .idle = wait {
        for key in keys where finished[key] == nil {
          let deployment = cluster.get(Deployment.self, key)
          let aborted = deployment.map { controller.decoded.state(of: $0).aborted } ?? false
          finished[key] = outcome(
            aborted ? .aborted : .stalled, deployment, started: started, metrics: metrics[key])
        }
        return keys.map { finished[$0]! }
      }
    }
  }

  /// Syncs the rollouts of `keys` until none changes and the cluster has nothing left at this
  /// instant, calling `sampled` after each sync. Returns the earliest wake-up a rollout asked
  /// for. A strategy that keeps changing without the clock moving is marked `Livelock`.
  ///
  /// The step of an open-ended drive (a served cluster, whose clock is paced from outside).
  public func settleInstant(_ keys: [ObjectKey], sampled: (ObjectKey) -> Void = { _ in }) throws
    -> Double?
  {
    while true {
      var wakeAt: Double?
      var passes = 0
      var livelocked: Set<ObjectKey> = []
      while true {
        var changing: [ObjectKey] = []
        var awaitsReplicaSets = false
        for key in keys {
          let result = try controller.sync(key)
          sampled(key)
          if result.changed { changing.append(key) }
          awaitsReplicaSets = awaitsReplicaSets || result.awaitsReplicaSets
          if let time = result.wakeAt { wakeAt = min(wakeAt ?? time, time) }
        }
        passes += 1
        if changing.isEmpty { break }
        if passes >= maxPassesPerInstant {
          // Marked once; one that keeps changing after that is the engine's own fault.
          guard livelocked.isDisjoint(with: changing) else {
            throw RunnerError.livelock(keys: changing, passes: passes, time: cluster.now)
          }
          for key in changing { try controller.markLivelocked(key, passes: passes) }
          livelocked.formUnion(changing)
          passes = 0
          continue
        }
        // A scaling event resized ReplicaSets: their pods follow at this instant before the
        // next pass (the clock does not move).
        if awaitsReplicaSets { _ = cluster.waitForChange(until: cluster.now) }
      }
      // The cluster finishes this instant first (the ReplicaSet controller creates and deletes
      // pods at once, paused rollout or not), so outcomes and saves see what Kubernetes shows.
      if case .changed = cluster.waitForChange(until: cluster.now) { continue }
      return wakeAt
    }
  }

  /// Sleeps until the wall clock catches up with the cluster's, at `speed`.
  private func pace() {
    guard let speed, speed > 0 else { return }
    let origin = paceOrigin ?? (ContinuousClock.now, cluster.now)
    paceOrigin = origin
    let due =
      origin.wall + .milliseconds(Int64(((cluster.now - origin.virtual) / speed * 1000).rounded()))
    let remaining = ContinuousClock.now.duration(to: due)
    if remaining > .zero {
      let seconds =
        Double(remaining.components.seconds) + Double(remaining.components.attoseconds) / 1e18
      Thread.sleep(forTimeInterval: seconds)
    }
  }

  private func finalResult(state: RolloutState, deployment: Deployment) -> Outcome.Result? {
    switch state.phase {
    case .healthy: return .complete
    case .degraded:
      if state.aborted { return state.finished ? .aborted : nil }
      return state.blocksSteps ? .degraded : .progressDeadlineExceeded
    case .paused:
      if deployment.spec.isPaused { return .paused }
      if let pause = state.pause, pause.until == nil { return .paused }
      return nil
    case .progressing: return nil
    }
  }

  private func outcome(
    _ result: Outcome.Result, _ deployment: Deployment?, started: Double,
    metrics: RolloutMetrics?
  ) -> Outcome {
    let state = deployment.map(controller.decoded.state(of:)) ?? RolloutState()
    return Outcome(
      result: result, phase: state.phase, reason: state.reason, message: state.message,
      revision: Int(deployment?.metadata.annotation(Annotations.revision) ?? "") ?? 0,
      started: state.startedAt ?? started, finished: cluster.now,
      completed: state.phase == .healthy ? state.completedAt : nil,
      metrics: metrics ?? RolloutMetrics(),
      abortedBecause: state.aborted ? state.abortedBecause : nil)
  }
}

/// Why a run stopped without an outcome.
public enum RunnerError: Error, Sendable, CustomStringConvertible {
  /// The controllers kept writing for `passes` passes without the clock moving, even after the
  /// rollouts were marked `Livelock` (no strategy is asked any more: an engine fault).
  case livelock(keys: [ObjectKey], passes: Int, time: Double)

  public var description: String {
    switch self {
    case .livelock(let keys, let passes, let time):
      let names = keys.map(\.description).joined(separator: ", ")
      return
        "\(names): the strategy kept changing its decision for \(passes) passes at t=\(formatDuration(time)) without the clock moving (livelock)"
    }
  }
}

/// What a run measured, sampled after every pass and every cluster change.
public struct RolloutMetrics: Sendable, Hashable {
  /// Most pods that existed at once, terminating ones included.
  public var peakPods = 0
  /// Fewest available pods seen.
  public var minAvailable: Int?
  /// Pods when the run began: 0 for a first rollout, when nothing was there to keep available.
  public var startingPods: Int?
  /// Available pods at the last sample.
  public var available = 0

  public init() {}

  mutating func sample(cluster: any ClusterBackend, key: ObjectKey) {
    var pods = 0
    var available = 0
    guard let deployment = cluster.get(Deployment.self, key) else { return }
    for rs in cluster.replicaSets(controlledBy: deployment) {
      pods += rs.currentReplicas + rs.terminatingReplicas
      available += rs.availableReplicas
    }
    peakPods = max(peakPods, pods)
    minAvailable = min(minAvailable ?? available, available)
    if startingPods == nil { startingPods = pods }
    self.available = available
  }
}
