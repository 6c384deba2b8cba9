/// A measurement's phase from the metric's conditions, as Argo Rollouts judges one
/// (metricproviders' evaluate): a success condition alone fails what it does not pass, a
/// failure condition alone passes what it does not fail, both can leave a value inconclusive,
/// and neither passes every value. A condition that cannot be evaluated is an Error
/// measurement, never a success.
extension AnalysisMetric {
  public static func judge(_ metric: AnalysisMetric, _ value: JSONValue) -> (
    AnalysisPhase, String?
  ) {
    metric.judge(value)
  }

  public func judge(_ value: JSONValue) -> (AnalysisPhase, String?) {
    var succeeded = false
    var failed = false
    do {
      if let source = successCondition, !source.isEmpty {
        succeeded = try ConditionCache.shared.condition(source).holds(for: value)
      }
    } catch {
      return (.error, "successCondition: \(error)")
    }
    do {
      if let source = failureCondition, !source.isEmpty {
        failed = try ConditionCache.shared.condition(source).holds(for: value)
      }
    } catch {
      return (.error, "failureCondition: \(error)")
    }
    let hasSuccess = !(successCondition ?? "").isEmpty
    let hasFailure = !(failureCondition ?? "").isEmpty
    switch (hasSuccess, hasFailure) {
    case (false, false): return (.successful, nil)
    case (true, false): failed = !succeeded
    case (false, true): succeeded = !failed
    case (true, true): break
    }
    if failed { return (.failed, nil) }
    return succeeded ? (.successful, nil) : (.inconclusive, nil)
  }
}
