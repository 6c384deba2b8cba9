import Charts
import Engine
import Scenarios

/// A live rollout's chart: its current revision's decisions and its state now, drawn as
/// `simulate --chart` draws a simulation.
public enum RolloutChart {
  /// The SVG of rollout `key`, or nil when there is no such rollout.
  public static func svg(_ key: ObjectKey, objects: DashboardObjects, decisions: [DecisionRecord])
    -> String?
  {
    guard
      let deployment = objects.deployments.first(where: {
        $0.metadata.effectiveNamespace == key.namespace && $0.metadata.name == key.name
      })
    else { return nil }
    let revision = decisions.last?.revision
    let run = ScenarioRun(
      decisions: decisions.filter { $0.revision == revision }, current: deployment,
      replicaSets: objects.replicaSets, now: objects.now)
    let title =
      "\(key.namespace)/\(key.name): revision \(revision.map(String.init) ?? "-") "
      + "(\(RolloutSummary(deployment, now: objects.now).strategy))"
    return Chart.svg(run, title: title)
  }
}
