/// Who gets the traffic without a traffic router: a Service spreads requests over the ready pods
/// it selects, so a version's share is its share of those pods.
public enum Traffic {
  /// The percentage (0–100, rounded) of `service`'s traffic that reaches pods of `replicaSet`,
  /// from the ready pods of `replicaSets` the Service selects; nil when it selects no ready pod.
  /// Without a Service, every ready pod of `replicaSets` counts.
  ///
  /// Example: a Service selecting `app=web`, canary 2 ready pods, stable 8: the canary gets 20%.
  /// Pinned to the stable's `pod-template-hash`: the canary gets 0%.
  public static func weight(
    of replicaSet: ReplicaSet, among replicaSets: [ReplicaSet], service: Service?
  ) -> Int? {
    let selected = replicaSets.filter { rs in
      guard let selector = service?.spec.selector else { return true }
      let labels = rs.spec.template.labels
      return selector.allSatisfy { labels[$0.key] == $0.value }
    }
    let total = selected.reduce(0) { $0 + $1.readyReplicas }
    guard total > 0 else { return nil }
    let share = selected.filter { $0.metadata.name == replicaSet.metadata.name }
      .reduce(0) { $0 + $1.readyReplicas }
    return Int((Double(share) * 100 / Double(total)).rounded())
  }

  /// The Service whose traffic a rollout's weight is about: the strategy's `activeService` or
  /// `stableService` parameter if it names one, else the first Service whose selector matches
  /// the Deployment's pod labels.
  public static func service(for deployment: Deployment, among services: [Service]) -> Service? {
    service(
      for: deployment, among: services,
      parameters: (try? deployment.strategyParameters()) ?? .object([:]))
  }

  /// `service(for:among:)` with the strategy's parameters already decoded.
  public static func service(
    for deployment: Deployment, among services: [Service], parameters params: JSONValue
  ) -> Service? {
    for parameter in ["activeService", "stableService"] {
      if let name = params[parameter]?.stringValue,
        let named = services.first(where: { $0.metadata.name == name })
      {
        return named
      }
    }
    let labels = deployment.spec.template.labels
    return services.first { service in
      guard let selector = service.spec.selector, !selector.isEmpty else { return false }
      return selector.filter { $0.key != Labels.podTemplateHash }
        .allSatisfy { labels[$0.key] == $0.value }
    }
  }
}
