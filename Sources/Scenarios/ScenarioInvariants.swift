import Engine
import Manifests
import Simulator

/// What every scenario is checked for without being asked:
/// - total pods never exceed what the strategy promised (`PodPromise`: `replicas + maxSurge` for
///   the surge strategies, `replicas` for recreate, `2 × replicas` for blue-green);
/// - available pods never fall below `replicas - maxUnavailable` (blue-green: `replicas` behind
///   the active Service) while the new version is healthy;
/// - every decision is valid: no step failed or was refused, unless the case expects `Degraded`;
/// - the rollout terminates or pauses (checked by the runner: livelock, horizon).
///
/// Each invariant reports its first breach only.
public enum ScenarioInvariants {
  public static func check(_ run: ScenarioRun, expectsDegraded: Bool) -> [CaseFailure] {
    var failures: [CaseFailure] = []
    if let breach = podBreach(run) { failures.append(breach) }
    if let breach = availabilityBreach(run) { failures.append(breach) }
    if !expectsDegraded, let breach = decisionBreach(run) { failures.append(breach) }
    return failures
  }

  /// The most pods `sample` may have: the larger of this sample's bound and the previous one's,
  /// each from its own `replicas` and fenceposts, so a scale-down is not a breach at the
  /// instant it is asked for, before the ReplicaSets have deleted the pods above it. Example:
  /// 10 replicas at 25% (bound 13) scaled to 4 (bound 5) mid-rollout with 13 pods: 13 pass
  /// once, the next sample must hold 5.
  static func maxPods(_ promise: PodPromise, _ sample: ScenarioSample, previous: ScenarioSample?)
    -> Int?
  {
    func bound(_ sample: ScenarioSample) -> Int? {
      switch promise {
      case .surge: return sample.replicas + sample.fenceposts.maxSurge
      case .recreate: return sample.replicas
      case .blueGreen: return 2 * sample.replicas
      case .explicit(let maxPods, _): return maxPods
      }
    }
    guard let limit = bound(sample) else { return nil }
    return max(limit, previous.flatMap(bound) ?? limit)
  }

  private static func podBreach(_ run: ScenarioRun) -> CaseFailure? {
    var previous = run.baseline
    for sample in run.samples {
      defer { previous = sample }
      guard let limit = maxPods(run.promise, sample, previous: previous),
        sample.runningPods > limit
      else { continue }
      return CaseFailure(
        expectation: "invariant: pods never exceed \(promiseText(run.promise, maxPods: limit))",
        message:
          "\(sample.runningPods) pods at t=\(formatDuration(sample.time - run.start)) (\(counts(sample)))",
        time: sample.time)
    }
    return nil
  }

  /// Availability is promised once the Deployment has been fully available, from the size it
  /// last had then: after a scale-up the bar rises only when the new pods are up.
  private static func availabilityBreach(_ run: ScenarioRun) -> CaseFailure? {
    var steady: Int?
    for sample in run.samples {
      let isSteady = sample.available >= sample.replicas
      if isSteady { steady = sample.replicas }
      guard let size = steady.map({ min($0, sample.replicas) }), !sample.newVersionFaulty
      else { continue }
      let floor: Int
      let available: Int
      let what: String
      switch run.promise {
      case .surge:
        floor = size - min(sample.fenceposts.maxUnavailable, size)
        available = sample.available
        what = "replicas - maxUnavailable = \(floor)"
      case .recreate: continue
      case .blueGreen:
        floor = size
        available = sample.activeAvailable ?? sample.available
        what = "replicas = \(floor) behind the active Service"
      case .explicit(_, let minimum):
        guard let minimum else { continue }
        (floor, available, what) = (
          minimum, sample.available, "\(minimum) (the scenario's promise)"
        )
      }
      if available < floor {
        return CaseFailure(
          expectation: "invariant: available pods never below \(what)",
          message:
            "\(available) available at t=\(formatDuration(sample.time - run.start)) (\(counts(sample)))",
          time: sample.time)
      }
    }
    return nil
  }

  private static func decisionBreach(_ run: ScenarioRun) -> CaseFailure? {
    for entry in run.trace {
      // A livelock is the termination invariant's (`ScenarioRunner`); an abort (a failed
      // analysis, or the strategy's judgement) takes the rollout back to stable, validly.
      guard case .event(.degraded(let time, _, let reason, let message)) = entry.kind,
        reason != RolloutState.Reason.livelock, reason != RolloutState.Reason.aborted
      else { continue }
      return CaseFailure(
        expectation: "invariant: every decision is valid",
        message: "\(reason) at t=\(formatDuration(time - run.start)): \(message)", time: time)
    }
    return nil
  }

  private static func promiseText(_ promise: PodPromise, maxPods: Int) -> String {
    switch promise {
    case .surge: return "replicas + maxSurge = \(maxPods)"
    case .recreate: return "replicas = \(maxPods) (recreate)"
    case .blueGreen: return "2 × replicas = \(maxPods) (blue-green)"
    case .explicit: return "\(maxPods) (the scenario's promise)"
    }
  }

  /// `web-1 8 pods/8 available, web-2 5 pods/2 available`.
  static func counts(_ sample: ScenarioSample) -> String {
    sample.replicaSets.filter { $0.current + $0.terminating + $0.desired > 0 }.map {
      "\($0.name) \($0.current + $0.terminating) pods/\($0.available) available"
    }.joined(separator: ", ")
  }
}
