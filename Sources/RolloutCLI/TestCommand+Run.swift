import Engine
import Foundation
import Scenarios

/// One test file's results.
struct FileResult {
  var path: String
  var strategy: String
  var cases: [CaseResult]
}

/// One case's result.
struct CaseResult {
  var name: String
  /// `decision` or `scenario`.
  var kind: String
  var failures: [CaseFailure]
  /// Lines that show what happened around the first failure (trace excerpt, or the decision).
  var context: [String]
  var wallSeconds: Double

  var passed: Bool { failures.isEmpty }
}

/// Runs the cases of a test file.
enum TestRun {
  static func run(_ file: StrategyTestFile, strategy: LoadedStrategy) -> FileResult {
    let cases = file.cases.map { testCase in
      let started = ContinuousClock.now
      var result = run(testCase, strategy: strategy)
      let wall = ContinuousClock.now - started
      result.wallSeconds =
        Double(wall.components.seconds) + Double(wall.components.attoseconds) / 1e18
      return result
    }
    return FileResult(path: file.path, strategy: strategy.label, cases: cases)
  }

  private static func run(_ testCase: StrategyTestCase, strategy: LoadedStrategy) -> CaseResult {
    switch testCase.kind {
    case .decision(let check):
      let result = DecisionCheck.run(check, strategy: strategy.strategy)
      var context: [String] = []
      if let decision = result.decision { context.append("decision: \(decision.evalJSON)") }
      if let error = result.error { context.append("error: \(error)") }
      return CaseResult(
        name: testCase.name, kind: "decision", failures: result.failures, context: context,
        wallSeconds: 0)
    case .scenario(let scenario):
      let lua = strategy.strategy
      let runner = ScenarioRunner(strategyName: strategy.name) { _ in lua }
      let run = runner.run(scenario)
      let excerpt = run.failures.first.map { TraceText.excerpt(run, around: $0.time) } ?? []
      return CaseResult(
        name: testCase.name, kind: "scenario", failures: run.failures, context: excerpt,
        wallSeconds: 0)
    }
  }
}

/// A scenario's trace as people read it.
enum TraceText {
  /// `t=1m2s     web: scaled web-2 (revision 2) 2 -> 4`, times since the update.
  static func line(_ entry: TraceEntry, start: Double) -> String {
    let text: String
    switch entry.kind {
    case .event(let event): text = event.line
    case .action(let action): text = "operator: \(action)"
    case .refused(let action, let message): text = "operator: \(action) refused: \(message)"
    case .note(let note): text = note
    }
    return "\(pad(clock(entry.time - start), 10)) \(text)"
  }

  /// The trace lines around cluster time `time` (the last ones when there is none): up to 6
  /// before it and 3 after.
  static func excerpt(_ run: ScenarioRun, around time: Double?) -> [String] {
    let trace = run.trace
    guard !trace.isEmpty else { return [] }
    let time = time ?? run.end
    let pivot = trace.lastIndex { $0.time <= time } ?? 0
    let lower = max(0, pivot - 6)
    let upper = min(trace.count, pivot + 4)
    var lines = trace[lower..<upper].map { line($0, start: run.start) }
    if lower > 0 { lines.insert("…", at: 0) }
    if upper < trace.count { lines.append("…") }
    return lines
  }
}
