import Engine
import Manifests
import Simulator

/// Runs one strategy step on a decision case's snapshot, validates the decision as the engine
/// would, and checks it against the case's expectation.
public enum DecisionCheck {
  /// What the step did and what did not hold.
  public struct Result: Sendable {
    /// The decision, when the step succeeded and was valid.
    public var decision: StrategyDecision?
    /// The error, when it failed or was refused.
    public var error: String?
    public var failures: [CaseFailure]
  }

  public static func run(_ check: DecisionCase, strategy: any RolloutStrategy) -> Result {
    let expect = check.expect
    let decision: StrategyDecision
    do {
      decision = try strategy.step(check.snapshot)
      try DecisionValidator.validate(decision, against: check.snapshot)
    } catch {
      let message = "\(error)"
      if let expected = expect.error {
        let failures =
          message.contains(expected)
          ? []
          : [CaseFailure(expectation: "error: \(expected)", message: "the step failed: \(message)")]
        return Result(decision: nil, error: message, failures: failures)
      }
      return Result(
        decision: nil, error: message,
        failures: [CaseFailure(expectation: "a valid decision", message: message)])
    }
    return Result(decision: decision, error: nil, failures: failures(decision, expect))
  }

  static func failures(_ decision: StrategyDecision, _ expect: DecisionExpectation)
    -> [CaseFailure]
  {
    var failures: [CaseFailure] = []
    func fail(_ expectation: String, _ message: String) {
      failures.append(CaseFailure(expectation: expectation, message: message))
    }
    if let expected = expect.error {
      fail("error: \(expected)", "the step succeeded: \(describe(decision))")
    }
    if let scale = expect.scale {
      let sizes = finalSizes(decision)
      if sizes != scale { fail("scale: \(text(scale))", "the decision scales \(text(sizes))") }
    }
    if let pause = expect.pause {
      switch (pause, decision.pause) {
      case (nil, nil): break
      case (nil, let got?): fail("pause: null", "the decision pauses (\(text(got)))")
      case (let want?, nil): fail("pause: \(text(want))", "the decision does not pause")
      case (let want?, let got?):
        let secondsMatch =
          want.untilPromoted
          ? got.seconds == nil : (want.seconds == nil || want.seconds == got.seconds)
        if want.reason != got.reason || !secondsMatch {
          fail("pause: \(text(want))", "the decision pauses (\(text(got)))")
        }
      }
    }
    if let complete = expect.complete, decision.complete != complete {
      fail("complete: \(complete)", "complete is \(decision.complete)")
    }
    if let message = expect.message, !(decision.message ?? "").contains(message) {
      fail("message: \(message)", "the message is \"\(decision.message ?? "")\"")
    }
    if let labels = expect.analyze, (decision.analyses ?? []).map(\.label) != labels {
      fail(
        "analyze: \(labels)",
        "the decision starts \((decision.analyses ?? []).map(\.label))")
    }
    if let labels = expect.stopAnalysis, (decision.stopAnalyses ?? []) != labels {
      fail("stopAnalysis: \(labels)", "the decision stops \(decision.stopAnalyses ?? [])")
    }
    if let abort = expect.abort {
      switch (abort, decision.abort) {
      case (nil, let got?): fail("abort: null", "the decision aborts (\(got))")
      case (let want?, nil): fail("abort: \(want)", "the decision does not abort")
      case (let want?, let got?) where !got.contains(want):
        fail("abort: \(want)", "the decision aborts with \"\(got)\"")
      default: break
      }
    }
    if let weight = expect.weight, decision.weight != weight {
      fail("weight: \(weight)", "the weight is \(decision.weight.map(String.init) ?? "not set")")
    }
    if let state = expect.state,
      let mismatch = JSONSubset.mismatch(state, in: decision.state ?? .null)
    {
      fail("state: \(JSONSubset.text(state))", mismatch)
    }
    return failures
  }

  /// Each ReplicaSet's last size in the decision.
  public static func finalSizes(_ decision: StrategyDecision) -> [String: Int] {
    var sizes: [String: Int] = [:]
    for operation in decision.scale { sizes[operation.replicaSet] = operation.replicas }
    return sizes
  }

  static func text(_ sizes: [String: Int]) -> String {
    "{" + sizes.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
      + "}"
  }

  static func text(_ pause: PauseRequest) -> String {
    "\(pause.reason), " + (pause.seconds.map { formatDuration($0) } ?? "until promoted")
  }

  static func text(_ pause: DecisionExpectation.ExpectedPause) -> String {
    if pause.untilPromoted { return "\(pause.reason), until promoted" }
    return pause.reason + (pause.seconds.map { ", \(formatDuration($0))" } ?? "")
  }

  static func describe(_ decision: StrategyDecision) -> String {
    var parts = ["scale \(text(finalSizes(decision)))"]
    if let pause = decision.pause { parts.append("pause \(text(pause))") }
    if decision.complete { parts.append("complete") }
    if let message = decision.message { parts.append("\"\(message)\"") }
    return parts.joined(separator: ", ")
  }
}

/// Whether one JSON value is contained in another: objects by their listed members, everything
/// else equal (numbers compare by value).
enum JSONSubset {
  /// Nil when `expected` is contained in `actual`; else what differs, with its path.
  static func mismatch(_ expected: JSONValue, in actual: JSONValue, path: String = "state")
    -> String?
  {
    switch (expected, actual) {
    case (.object(let want), .object(let got)):
      for (key, value) in want.sorted(by: { $0.key < $1.key }) {
        if let problem = mismatch(value, in: got[key] ?? .null, path: "\(path).\(key)") {
          return problem
        }
      }
      return nil
    case (.int(let a), .double(let b)), (.double(let b), .int(let a)):
      return Double(a) == b ? nil : "\(path) is \(text(actual))"
    default:
      return expected == actual ? nil : "\(path) is \(text(actual))"
    }
  }

  static func text(_ value: JSONValue) -> String {
    switch value {
    case .null: return "null"
    case .bool(let value): return "\(value)"
    case .int(let value): return "\(value)"
    case .double(let value): return "\(value)"
    case .string(let value): return "\"\(value)\""
    case .array(let items): return "[" + items.map(text).joined(separator: ", ") + "]"
    case .object(let members):
      return "{"
        + members.sorted { $0.key < $1.key }.map { "\($0.key): \(text($0.value))" }
        .joined(separator: ", ") + "}"
    }
  }
}
