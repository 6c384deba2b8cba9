import Engine
import Foundation

/// Whether a strategy decides the same on the same inputs. A case runs twice, on two instances
/// of the strategy made for it and alive together, and every step's outcome is compared in
/// order. Two Lua states are two string-hash seeds, so a script whose decision follows `pairs`
/// order over string keys decides differently in the two runs and fails here.
public enum DeterminismCheck {
  /// How a failure names what did not hold.
  public static let expectation = "invariant: the same inputs give the same decision"

  /// What one step gave: a decision or an error.
  public enum Outcome: Sendable, Hashable {
    case decided(StrategyDecision)
    case failed(String)
  }

  /// One step as recorded: the cluster time and the outcome.
  public struct Step: Sendable, Hashable {
    public var time: Double
    public var outcome: Outcome

    public init(time: Double, outcome: Outcome) {
      self.time = time
      self.outcome = outcome
    }
  }

  /// A strategy that records every step's outcome, for a run to be compared with another.
  public final class Recording: RolloutStrategy {
    let base: any RolloutStrategy
    public private(set) var steps: [Step] = []

    public init(_ base: any RolloutStrategy) {
      self.base = base
    }

    public var name: String { base.name }
    public var declaredEnvelope: EnvelopeDeclaration? { base.declaredEnvelope }
    public var provenance: StrategyProvenance { base.provenance }

    public func step(_ snapshot: StrategySnapshot) throws -> StrategyDecision {
      do {
        let decision = try base.step(snapshot)
        steps.append(Step(time: snapshot.now, outcome: .decided(decision)))
        return decision
      } catch {
        steps.append(Step(time: snapshot.now, outcome: .failed("\(error)")))
        throw error
      }
    }
  }

  /// Runs a decision case on `first` and on `second`, two instances of one strategy; the first
  /// run's result, with a failure added when the second run decided differently.
  public static func decision(
    _ check: DecisionCase, first: any RolloutStrategy, second: any RolloutStrategy
  ) -> DecisionCheck.Result {
    let (first, second) = (Recording(first), Recording(second))
    var result = DecisionCheck.run(check, strategy: first)
    _ = DecisionCheck.run(check, strategy: second)
    if let failure = compare(first.steps, second.steps) { result.failures.append(failure) }
    return result
  }

  /// Runs a scenario on `first` and on `second`, two instances of one strategy (every
  /// Deployment of a run shares its instance); the first run, with a failure added when the
  /// second run decided differently.
  public static func scenario(
    _ scenario: Scenario, strategyName: String, first: any RolloutStrategy,
    second: any RolloutStrategy
  ) -> ScenarioRun {
    let (first, second) = (Recording(first), Recording(second))
    var run = ScenarioRunner(strategyName: strategyName) { _ in first }.run(scenario)
    _ = ScenarioRunner(strategyName: strategyName) { _ in second }.run(scenario)
    if let failure = compare(first.steps, second.steps) { run.failures.append(failure) }
    return run
  }

  /// The first step at which `second` differs from `first`, as a failure naming the step, its
  /// time and the first field that differs; nil when they agree.
  public static func compare(_ first: [Step], _ second: [Step]) -> CaseFailure? {
    for (index, (a, b)) in zip(first, second).enumerated() where a != b {
      let field =
        a.time != b.time
        ? "time: \(a.time) then \(b.time)" : difference(a.outcome, b.outcome) ?? "the outcome"
      return CaseFailure(
        expectation: expectation,
        message: "step \(index + 1) decided differently in a second run: \(field)", time: a.time)
    }
    guard first.count != second.count else { return nil }
    let time = (first.count < second.count ? second : first)[min(first.count, second.count)].time
    return CaseFailure(
      expectation: expectation,
      message: "the first run took \(first.count) steps, a second run \(second.count)",
      time: time)
  }

  /// The first field in which `b` differs from `a`: `message: "x" then "y"`.
  static func difference(_ a: Outcome, _ b: Outcome) -> String? {
    switch (a, b) {
    case (.failed(let x), .failed(let y)):
      return x == y ? nil : "error: \(x) then \(y)"
    case (.failed(let x), .decided):
      return "error: \(x) then a decision"
    case (.decided, .failed(let y)):
      return "a decision then error: \(y)"
    case (.decided(let x), .decided(let y)):
      let fields: [(String, (StrategyDecision) -> any Encodable)] = [
        ("scale", \.scale), ("services", \.services), ("pause", \.pause),
        ("message", \.message), ("weight", \.weight), ("step", \.step),
        ("complete", \.complete), ("requeueAfter", \.requeueAfter), ("state", \.state),
      ]
      for (name, field) in fields {
        let (left, right) = (json(field(x)), json(field(y)))
        if left != right { return "\(name): \(left) then \(right)" }
      }
      return nil
    }
  }

  private static func json(_ value: any Encodable) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    guard let data = try? encoder.encode(value) else { return "\(value)" }
    return String(decoding: data, as: UTF8.self)
  }
}
