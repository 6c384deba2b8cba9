import Engine
import Strategies

/// The decision log read back: `rollout history --decisions` and `rollout replay`.
extension RolloutSession {
  /// The recorded decisions of the Deployment `key` (of `revision` when given), oldest first.
  public func decisions(of key: ObjectKey, revision: Int? = nil) throws -> [DecisionRecord] {
    try DecisionLogReader.records(
      in: store, name: key.name, namespace: key.namespace, revision: revision)
  }

  /// Every recorded decision of `key` (of `revision` when given) re-run through `strategy`
  /// (a stock name or a `.lua` path; nil: the Deployment's current strategy), each from its
  /// own snapshot.
  public func replay(_ key: ObjectKey, revision: Int? = nil, strategy spec: String? = nil)
    throws -> ReplayReport
  {
    let deployment = try deployment(named: key.name, namespace: key.namespace)
    let strategy: LuaStrategy
    do {
      strategy =
        try spec.map { try strategies.strategy(named: $0) }
        ?? strategies.strategy(for: deployment)
    } catch {
      throw SessionError(spec == nil ? "\(error)" : "--strategy: \(error)")
    }
    let records = try decisions(of: key, revision: revision)
    return ReplayReport(
      strategy: strategy.provenance,
      results: records.map { DecisionReplay.replay($0, with: strategy) })
  }
}

/// What a replay found: each recorded decision with what the strategy decides now.
public struct ReplayReport: Sendable, Hashable {
  /// The strategy the decisions were replayed through.
  public var strategy: StrategyProvenance
  /// One per recorded decision, oldest first.
  public var results: [DecisionReplay.Result]

  /// The results whose replayed decision differs from the recorded one.
  public var differing: [DecisionReplay.Result] { results.filter { !$0.identical } }
}
