import Engine
import Foundation
import RolloutAPI

/// Prints what a run does: plain lines, JSON lines, or a live table on a terminal.
protocol Reporter: RolloutObserver {
  /// The run ended.
  func finished(_ outcomes: [RolloutRunner.Outcome], keys: [ObjectKey], wallSeconds: Double)
}

enum Reporters {
  /// The reporter `--output` asks for; on a terminal, text output is live.
  static func make(_ format: OutputOptions.Format) -> any Reporter {
    switch format {
    case .jsonl: return JSONLReporter()
    case .json: return JSONLReporter(document: true)
    case .text: return isatty(STDOUT_FILENO) != 0 ? LiveReporter() : PlainReporter()
    }
  }
}

/// Writes `text` to standard output now (no buffering surprises when piped).
func emit(_ text: String) {
  FileHandle.standardOutput.write(Data(text.utf8))
}

extension RolloutEvent {
  /// One human line, without the time.
  var line: String {
    switch self {
    case .replicaSetCreated(_, let deployment, let rs, let revision):
      return "\(deployment.name): created ReplicaSet \(rs) (revision \(revision))"
    case .replicaSetAdopted(_, let deployment, let rs, let revision):
      return "\(deployment.name): ReplicaSet \(rs) is new again as revision \(revision)"
    case .scaled(_, let deployment, let rs, let revision, let from, let to, let cause):
      let why = cause == .proportional ? " (proportional)" : ""
      return "\(deployment.name): scaled \(rs) (revision \(revision)) \(from) -> \(to)\(why)"
    case .step(_, let deployment, let message):
      return "\(deployment.name): \(message)"
    case .paused(_, let deployment, let reason, let until):
      let end = until.map { " until \(clock($0))" } ?? " until promoted"
      return "\(deployment.name): paused (\(reason))\(end)"
    case .resumed(_, let deployment, let reason):
      return "\(deployment.name): resumed after \(reason)"
    case .degraded(_, let deployment, let reason, let message):
      return "\(deployment.name): degraded (\(reason)): \(message)"
    case .progressDeadlineExceeded(_, let deployment, let message):
      return "\(deployment.name): progress deadline exceeded: \(message)"
    case .completed(_, let deployment, let revision):
      return "\(deployment.name): revision \(revision) is available"
    case .servicePointed(_, let deployment, let service, let rs):
      return
        "\(deployment.name): Service \(service) now selects \(rs.map { "ReplicaSet \($0)" } ?? "every version")"
    case .replicaSetDeleted(_, let deployment, let rs, let revision):
      return
        "\(deployment.name): deleted ReplicaSet \(rs) (revision \(revision), beyond history limit)"
    case .analysis(_, let deployment, let run, let phase, let message):
      if phase == .running { return "\(deployment.name): analysis \(run) started" }
      return "\(deployment.name): analysis \(run) \(phase.rawValue)"
        + (message.map { ": \($0)" } ?? "")
    }
  }
}

extension RolloutRunner.Outcome {
  /// The closing lines for one deployment.
  func summary(name: String, wallSeconds: Double) -> String {
    let headline: String
    switch result {
    case .complete: headline = "deployment \"\(name)\" successfully rolled out"
    case .paused: headline = "deployment \"\(name)\" is paused (\(reason ?? "paused"))"
    case .degraded:
      headline = "deployment \"\(name)\" is degraded (\(reason ?? "")): \(message ?? "")"
    case .progressDeadlineExceeded:
      headline = "deployment \"\(name)\" exceeded its progress deadline"
    case .stalled: headline = "deployment \"\(name)\" stalled: nothing more will happen"
    case .aborted:
      headline =
        "deployment \"\(name)\" was aborted and is back on its stable version"
        + (abortedBecause.map { ": \($0)" } ?? "")
    case .notFound: headline = "deployment \"\(name)\" not found"
    }
    // A first rollout starts from no pods at all: its minimum, 0, says nothing about
    // availability, so the pods available now are shown instead.
    let availability =
      metrics.startingPods == 0
      ? "\(metrics.available) available (no pods before)"
      : "minimum \(metrics.minAvailable.map(String.init) ?? "-") available"
    return """
      \(headline)
        revision \(revision), \(formatDuration((duration * 1000).rounded() / 1000)) virtual (\(String(format: "%.3f", wallSeconds))s wall), \
      peak \(metrics.peakPods) pods, \(availability)

      """
  }
}

/// Leaves out a strategy's message that only restates the scale printed just before it.
struct EchoFilter {
  private var previousWasScale = false

  /// Whether `event` is worth a line.
  mutating func shows(_ event: RolloutEvent) -> Bool {
    let isScale: Bool
    if case .scaled = event { isScale = true } else { isScale = false }
    defer { previousWasScale = isScale }
    if case .step = event, previousWasScale { return false }
    return true
  }
}

/// Cluster time for people: `t=4s`, `t=5.007s` (milliseconds at most) on a virtual clock; a
/// real cluster's wall-clock time (Unix seconds, from `rollout controller`) as RFC 3339.
func clock(_ seconds: Double) -> String {
  if seconds >= wallClockEpoch { return RFC3339.format(seconds) }
  return "t=" + formatDuration((seconds * 1000).rounded() / 1000)
}

/// Times from this on (2001-09-09, a billion Unix seconds) are wall-clock: no simulated
/// rollout runs 31 years.
private let wallClockEpoch = 1_000_000_000.0

/// Plain lines, one per event, for logs and pipes.
final class PlainReporter: Reporter {
  private var filter = EchoFilter()

  func event(_ event: RolloutEvent) {
    guard filter.shows(event) else { return }
    emit("\(pad(clock(event.time), 10)) \(event.line)\n")
  }

  func settled(cluster: any ClusterBackend, keys: [ObjectKey]) {}

  func finished(_ outcomes: [RolloutRunner.Outcome], keys: [ObjectKey], wallSeconds: Double) {
    for (outcome, key) in zip(outcomes, keys) {
      emit(outcome.summary(name: key.name, wallSeconds: wallSeconds))
    }
  }
}
