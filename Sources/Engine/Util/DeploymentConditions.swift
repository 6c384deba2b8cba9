/// Condition statuses as Kubernetes writes them.
public enum ConditionStatus {
  public static let `true` = "True"
  public static let `false` = "False"
  public static let unknown = "Unknown"
}

/// Kubernetes' `NewDeploymentCondition`: a condition whose update and transition times are
/// both `now`.
public func newCondition(
  _ type: DeploymentCondition.ConditionType, status: String, reason: String, message: String,
  now: Double
) -> DeploymentCondition {
  DeploymentCondition(type: type, status: status, reason: reason, message: message, time: now)
}

extension DeploymentStatus {
  /// Kubernetes' `SetDeploymentCondition`: does nothing when a condition of that type already
  /// has the same status and reason; otherwise replaces it (moved to the end), keeping the old
  /// `lastTransitionTime` when only the reason changed.
  public mutating func setCondition(_ condition: DeploymentCondition) {
    var condition = condition
    if let current = self.condition(condition.type) {
      if current.status == condition.status && current.reason == condition.reason { return }
      if current.status == condition.status {
        condition.lastTransitionTime = current.lastTransitionTime
      }
    }
    var rest = (conditions ?? []).filter { $0.type != condition.type }
    rest.append(condition)
    conditions = rest
  }

  /// Kubernetes' `RemoveDeploymentCondition`: drops the condition of `type`; `conditions`
  /// becomes nil when none is left.
  public mutating func removeCondition(_ type: DeploymentCondition.ConditionType) {
    let rest = (conditions ?? []).filter { $0.type != type }
    conditions = rest.isEmpty ? nil : rest
  }
}
