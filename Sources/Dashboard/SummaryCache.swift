import Engine

/// The rollouts' summaries, worked out again only for Deployments whose `resourceVersion` moved
/// (a summary reads the rollout state annotation, JSON, so a thousand cost milliseconds); ages
/// are brought up to `now` each time.
public struct SummaryCache: Sendable {
  private var entries: [ObjectKey: Entry] = [:]

  private struct Entry: Sendable {
    var resourceVersion: Int
    var summary: RolloutSummary
  }

  public init() {}

  /// Every rollout's summary, by namespace then name, as `DashboardObjects.summaries()` gives.
  public mutating func summaries(of objects: DashboardObjects) -> [RolloutSummary] {
    var kept: [ObjectKey: Entry] = [:]
    kept.reserveCapacity(objects.deployments.count)
    var summaries: [RolloutSummary] = []
    summaries.reserveCapacity(objects.deployments.count)
    for deployment in objects.deployments {
      let key = deployment.key
      var summary: RolloutSummary
      if let version = deployment.metadata.resourceVersion, let entry = entries[key],
        entry.resourceVersion == version
      {
        summary = entry.summary
        summary.age = max(0, objects.now - (deployment.metadata.creationTimestamp ?? objects.now))
      } else {
        summary = RolloutSummary(deployment, now: objects.now)
      }
      if let version = deployment.metadata.resourceVersion {
        kept[key] = Entry(resourceVersion: version, summary: summary)
      }
      summaries.append(summary)
    }
    entries = kept
    return summaries.sorted { ($0.namespace, $0.name) < ($1.namespace, $1.name) }
  }
}
