import Engine
import Foundation
import Scenarios
import Strategies

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

  /// Runs a case twice, on two fresh instances of the strategy alive together, and fails it
  /// when the second run decides differently from the first (see `DeterminismCheck`).
  private static func run(_ testCase: StrategyTestCase, strategy: LoadedStrategy) -> CaseResult {
    let first: LuaStrategy
    let second: LuaStrategy
    do {
      (first, second) = (try strategy.instance(), try strategy.instance())
    } catch {
      return CaseResult(
        name: testCase.name, kind: testCase.kind.isScenario ? "scenario" : "decision",
        failures: [CaseFailure(expectation: "the strategy loads", message: "\(error)")],
        context: [], wallSeconds: 0)
    }
    switch testCase.kind {
    case .decision(let check):
      let result = DeterminismCheck.decision(check, first: first, second: second)
      var context: [String] = []
      if let decision = result.decision { context.append("decision: \(decision.evalJSON)") }
      if let error = result.error { context.append("error: \(error)") }
      return CaseResult(
        name: testCase.name, kind: "decision", failures: result.failures, context: context,
        wallSeconds: 0)
    case .scenario(let scenario):
      let run = DeterminismCheck.scenario(
        scenario, strategyName: strategy.name, first: first, second: second)
      let excerpt = run.failures.first.map { TraceText.excerpt(run, around: $0.time) } ?? []
      return CaseResult(
        name: testCase.name, kind: "scenario", failures: run.failures, context: excerpt,
        wallSeconds: 0)
    }
  }
}

extension StrategyTestCase.Kind {
  var isScenario: Bool {
    if case .scenario = self { return true }
    return false
  }
}
