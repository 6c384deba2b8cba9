/// Re-runs recorded decisions through a strategy: how `rollout replay` checks a policy change
/// against real past rollouts.
///
/// Each record is replayed on its own, from its own snapshot (`ctx.state` included, as it was
/// recorded), so one changed decision does not shift the ones after it. A replayed decision is
/// judged as the engine judges it (`DecisionVerdict`), with the replaying strategy's declared
/// envelope.
public enum DecisionReplay {
  /// One recorded decision and what the strategy decides now on the same snapshot.
  public struct Result: Sendable, Hashable {
    public var record: DecisionRecord
    public var replayed: DecisionVerdict
    /// Same outcome (applied, refused, failed) and same decision, `state` included, script
    /// lines aside.
    public var identical: Bool
    /// Where the two first differ when they do: `decision.state.t`, recorded (left) and
    /// replayed (right) values; `result` when the outcomes differ.
    public var difference: JSONDifference?
  }

  /// Replays `record` through `strategy`.
  public static func replay(_ record: DecisionRecord, with strategy: any RolloutStrategy)
    -> Result
  {
    let verdict = DecisionVerdict.judge(strategy, on: record.snapshot)
    let identical =
      verdict.outcome.result == record.outcome.result
      && verdict.decision?.comparable == record.decision?.comparable
    let difference =
      identical
      ? nil
      : comparison(record.outcome, record.decision).firstDifference(
        from: comparison(verdict.outcome, verdict.decision))
    return Result(
      record: record, replayed: verdict, identical: identical, difference: difference)
  }

  /// What replay compares, as a value: `{result, decision}`.
  private static func comparison(_ outcome: DecisionOutcome, _ decision: StrategyDecision?)
    -> JSONValue
  {
    let decision = decision.flatMap { decision in
      (try? ExactJSON.encode(decision.comparable)).flatMap {
        try? JSONValue(exactText: String(decoding: $0, as: UTF8.self))
      }
    }
    return .object(["result": .string(outcome.result.rawValue), "decision": decision ?? .null])
  }
}

extension StrategyDecision {
  /// The decision without the script lines its scales and Service pointers came from: moving
  /// code around a file does not change a decision.
  public var comparable: StrategyDecision {
    var copy = self
    copy.scale = scale.map { ScaleOperation(replicaSet: $0.replicaSet, replicas: $0.replicas) }
    copy.services = services.map { ServicePointer(service: $0.service, replicaSet: $0.replicaSet) }
    return copy
  }
}
