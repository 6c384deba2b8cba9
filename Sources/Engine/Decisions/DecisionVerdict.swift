/// A strategy's decision on a snapshot and what the engine makes of it: the one judgement used
/// by the rollout step and by `rollout replay`, so a replayed decision is judged exactly as it
/// was at run time.
///
/// Order: the strategy decides; `DecisionValidator` checks the decision's form (known
/// ReplicaSets and Services, counts, durations); the safety envelope checks its size. The first
/// fault refuses the decision whole.
public struct DecisionVerdict: Sendable, Hashable {
  /// What the strategy decided; nil when it failed.
  public var decision: StrategyDecision?
  /// The envelope in force; nil when it could not be worked out.
  public var envelope: SafetyEnvelope?
  public var outcome: DecisionOutcome

  public init(decision: StrategyDecision?, envelope: SafetyEnvelope?, outcome: DecisionOutcome) {
    self.decision = decision
    self.envelope = envelope
    self.outcome = outcome
  }

  /// Runs `strategy` on `snapshot` and judges the decision.
  public static func judge(_ strategy: any RolloutStrategy, on snapshot: StrategySnapshot)
    -> DecisionVerdict
  {
    let decision: StrategyDecision
    do {
      decision = try strategy.step(snapshot)
    } catch {
      return DecisionVerdict(
        decision: nil, envelope: nil,
        outcome: DecisionOutcome(
          result: .failed, reason: DeploymentCondition.Reason.strategyFailed, error: "\(error)"))
    }
    return judge(decision, of: strategy, on: snapshot)
  }

  /// Judges a decision `strategy` made on `snapshot`.
  public static func judge(
    _ decision: StrategyDecision, of strategy: any RolloutStrategy, on snapshot: StrategySnapshot
  ) -> DecisionVerdict {
    func refused(_ reason: String, _ error: any Error, _ envelope: SafetyEnvelope?)
      -> DecisionVerdict
    {
      DecisionVerdict(
        decision: decision, envelope: envelope,
        outcome: DecisionOutcome(result: .refused, reason: reason, error: "\(error)"))
    }
    let envelope: SafetyEnvelope
    do {
      envelope = try SafetyEnvelope.effective(for: snapshot, declared: strategy.declaredEnvelope)
    } catch {
      return refused(error.reason, error, nil)
    }
    do {
      try DecisionValidator.validate(decision, against: snapshot)
    } catch {
      return refused(DeploymentCondition.Reason.strategyFailed, error, envelope)
    }
    do {
      try envelope.check(decision, against: snapshot)
    } catch {
      return refused(RolloutState.Reason.envelopeViolation, error, envelope)
    }
    return DecisionVerdict(decision: decision, envelope: envelope, outcome: .applied)
  }
}
