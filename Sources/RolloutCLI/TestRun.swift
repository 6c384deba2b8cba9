import Engine
import Foundation
import Scenarios

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
