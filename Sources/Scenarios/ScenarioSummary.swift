import Engine
import Manifests
import Simulator

/// The numbers `rollout simulate` closes with, from a scenario's samples and trace.
public struct ScenarioSummary: Sendable, Hashable {
  /// Virtual seconds from the update to the end.
  public var duration: Double
  /// Most pods at once, terminating ones included.
  public var peakPods: Int
  /// Fewest available pods.
  public var minAvailable: Int
  /// ∫ max(0, pods − replicas) dt: the cost of the extra pods, in pod-seconds.
  public var surgePodSeconds: Double
  /// Distinct instants at which the newest ReplicaSet was scaled up.
  public var waves: Int
  /// How the run ended (`complete`, `paused`, …), or why it has no outcome.
  public var result: String
  public var phase: RolloutState.Phase?
  public var revision: Int?

  public init(_ run: ScenarioRun) {
    duration = run.duration
    peakPods = run.samples.map(\.pods).max() ?? 0
    minAvailable = run.samples.map(\.available).min() ?? 0
    var surge = 0.0
    for (sample, next) in zip(run.samples, run.samples.dropFirst()) {
      surge += Double(max(0, sample.pods - sample.replicas)) * (next.time - sample.time)
    }
    if let last = run.samples.last {
      surge += Double(max(0, last.pods - last.replicas)) * max(0, run.end - last.time)
    }
    surgePodSeconds = surge
    let newest = run.samples.last?.replicaSets.max { $0.revision < $1.revision }?.name
    var instants = Set<Double>()
    for entry in run.trace {
      if case .event(.scaled(let time, _, let rs, _, let from, let to, _)) = entry.kind,
        rs == newest, to > from
      {
        instants.insert(time)
      }
    }
    waves = instants.count
    result =
      run.outcome?.result.rawValue
      ?? (run.failures.contains { $0.expectation.contains("terminates") } ? "livelock" : "failed")
    phase = run.outcome?.phase
    revision = run.outcome?.revision
  }
}
