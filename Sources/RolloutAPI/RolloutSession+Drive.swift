import Engine

/// Who watches a drive: every controller event, and the cluster after every settled instant.
public protocol RolloutObserver: AnyObject {
  /// A controller event, as it happens.
  func event(_ event: RolloutEvent)
  /// The cluster after an instant has settled (the place to redraw).
  func settled(cluster: any ClusterBackend, keys: [ObjectKey])
}

extension RolloutSession {
  /// Runs the rollouts of `keys` to their outcomes (complete, paused for an operator, or
  /// failed), telling `observer`, logging every decision, and saving the store after every
  /// settled instant (at most every `saveInterval`) and at the end. Returns the outcomes in
  /// the order of `keys`.
  public func drive(_ keys: [ObjectKey], observer: (any RolloutObserver)? = nil) throws
    -> [RolloutRunner.Outcome]
  {
    let runner = makeRunner()
    runner.speed = speed ?? (asksRealMetricServers(keys) ? 1 : nil)
    runner.controller.onEvent = { observer?.event($0) }
    let decisions = DecisionLogWriter(store: store)
    runner.controller.onDecision = { decisions.record($0) }
    var saveError: (any Error)?
    runner.afterInstant = { [self] runner in
      observer?.settled(cluster: runner.cluster, keys: keys)
      do {
        try decisions.checkpoint()
        try checkpoint()
      } catch { saveError = error }
    }
    let outcomes: [RolloutRunner.Outcome]
    do {
      outcomes = try runner.run(keys)
    } catch {
      try decisions.flush()
      try save()
      throw error
    }
    if let saveError { throw saveError }
    try decisions.flush()
    try save()
    return outcomes
  }
}
