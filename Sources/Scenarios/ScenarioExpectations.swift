import Engine
import Manifests
import Simulator

/// Checks a scenario's `expect:` against what the run did. Each failure names the expectation as
/// the file spells it and says what happened instead.
public enum ScenarioExpectations {
  public static func check(_ expect: ScenarioExpectation, run: ScenarioRun) -> [CaseFailure] {
    var failures: [CaseFailure] = []
    func fail(_ expectation: String, _ message: String, at time: Double? = nil) {
      failures.append(
        CaseFailure(expectation: expectation, message: message, time: time ?? run.end))
    }
    let state = run.deployment.map(RolloutState.read(from:)) ?? RolloutState()
    if let phase = expect.phase, state.phase != phase {
      fail("phase: \(phase.rawValue)", "the phase is \(state.phase.rawValue)\(because(state))")
    }
    if let reason = expect.reason, state.reason != reason {
      fail(
        "reason: \(reason ?? "null")",
        "the reason is \(state.reason ?? "null")\(state.message.map { " (\($0))" } ?? "")")
    }
    for (label, phase) in (expect.analysis ?? [:]).sorted(by: { $0.key < $1.key }) {
      let run = state.analysisRuns.first { $0.label == label }
      if run?.phase != phase {
        let got = run.map { "\($0.phase.rawValue)\($0.message.map { " (\($0))" } ?? "")" }
        fail("analysis.\(label): \(phase.rawValue)", "the run is \(got ?? "not started")")
      }
    }
    if let message = expect.message, !(state.message ?? "").contains(message) {
      fail("message: \(message)", "the message is \"\(state.message ?? "")\"")
    }
    if let result = expect.result, run.outcome?.result != result {
      fail(
        "result: \(result.rawValue)",
        "the run ended \(run.outcome?.result.rawValue ?? "without an outcome")\(because(state))")
    }
    let revision = run.outcome?.revision ?? run.deployment?.revision
    if let expected = expect.revision, revision != expected {
      fail("revision: \(expected)", "the revision is \(revision.map(String.init) ?? "none")")
    }
    let last = run.samples.last
    if let images = expect.images {
      let running = Set(
        (last?.replicaSets ?? []).filter { $0.desired > 0 }.flatMap(\.images)
      ).sorted()
      if running != images.sorted() {
        fail("images: \(list(images))", "running \(list(running))")
      }
    }
    if let pauses = expect.pauses {
      let hit = run.trace.compactMap { entry -> String? in
        if case .event(.paused(_, _, let reason, _)) = entry.kind { return reason }
        return nil
      }
      if hit != pauses { fail("pauses: \(list(pauses))", "the pauses hit were \(list(hit))") }
    }
    if let within = expect.completeWithin {
      let completed = run.trace.first { entry in
        if case .event(.completed(_, _, let done)) = entry.kind { return done == revision }
        return false
      }
      if let completed, completed.time - run.start > within {
        fail(
          "completeWithin: \(formatDuration(within))",
          "completed at t=\(formatDuration(completed.time - run.start))", at: completed.time)
      } else if completed == nil {
        fail(
          "completeWithin: \(formatDuration(within))",
          "revision \(revision.map(String.init) ?? "?") did not complete (\(state.phase.rawValue)\(because(state))) by t=\(formatDuration(run.duration))"
        )
      }
    }
    if let most = expect.peakPodsAtMost,
      let peak = run.samples.max(by: { $0.pods < $1.pods }), peak.pods > most
    {
      fail(
        "peakPodsAtMost: \(most)",
        "\(peak.pods) pods at t=\(formatDuration(peak.time - run.start)) (\(ScenarioInvariants.counts(peak)))",
        at: peak.time)
    }
    if let least = expect.availableNeverBelow,
      let low = run.samples.min(by: { $0.available < $1.available }), low.available < least
    {
      fail(
        "availableNeverBelow: \(least)",
        "\(low.available) available at t=\(formatDuration(low.time - run.start)) (\(ScenarioInvariants.counts(low)))",
        at: low.time)
    }
    return failures
  }

  private static func because(_ state: RolloutState) -> String {
    let parts = [state.reason, state.message].compactMap { $0 }
    return parts.isEmpty ? "" : " (\(parts.joined(separator: ": ")))"
  }

  private static func list(_ items: [String]) -> String { "[\(items.joined(separator: ", "))]" }
}

extension Deployment {
  /// The `deployment.kubernetes.io/revision` annotation, if set.
  var revision: Int? { metadata.annotation(Annotations.revision).flatMap { Int($0) } }
}
