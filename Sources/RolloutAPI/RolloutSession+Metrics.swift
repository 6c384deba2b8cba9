import Engine
import Simulator

extension RolloutSession {
  /// What answers analysis runs here: the simulation's `--metric` values, standing in for a
  /// real server for every metric they name, and the real servers for the rest.
  public var metricProvider: SimulatedMetricProvider {
    SimulatedMetricProvider(
      rules: cluster.settings.metricRules, fallback: RealMetricProvider.shared)
  }

  /// Whether a rollout of `keys` asks a real metrics server: its analysis then runs on the
  /// wall clock (a measurement interval is wall time against a real provider).
  public func asksRealMetricServers(_ keys: [ObjectKey]) -> Bool {
    let provider = metricProvider
    return keys.contains { key in
      guard let deployment = cluster.get(Deployment.self, key),
        let templates = try? deployment.analysisTemplates()
      else { return false }
      return templates.contains { template in
        template.spec.metrics.contains { !provider.answers($0) }
      }
    }
  }
}
