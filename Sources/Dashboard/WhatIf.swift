import Charts
import Engine
import Foundation
import Scenarios
import Strategies

/// The what-if panel: `rollout simulate` of a rollout's Deployment on a throw-away cluster, with
/// a chosen strategy and new image, charted as `simulate --chart` draws it. Nothing is applied.
public enum WhatIf {
  /// The chart of `deployment` updated to `image` (`container=image`; nil: the first rollout of
  /// the Deployment as it is) under `strategy` (a stock name; nil: the Deployment's own, a
  /// `.lua` path read relative to `directory`). Bad input is a 400 refusal. A page cannot name
  /// a file: the panel runs no script but the stock ones and the rollout's own.
  public static func chart(
    of deployment: Deployment, strategy spec: String?, image: String?, directory: URL
  ) throws(DashboardRefusal) -> String {
    var update: ScenarioUpdate?
    if let image, !image.isEmpty {
      let parts = image.split(separator: "=", maxSplits: 1).map(String.init)
      guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
        throw DashboardRefusal(400, "image \"\(image)\": expected container=image")
      }
      guard deployment.spec.template.containers.contains(where: { $0.name == parts[0] })
      else {
        let names = deployment.spec.template.containers.map(\.name)
        throw DashboardRefusal(
          400,
          "image \"\(image)\": no container \"\(parts[0])\" (containers: "
            + "\(names.joined(separator: ", ")))")
      }
      update = .images([parts[0]: parts[1]])
    }
    if let spec, !spec.isEmpty, !StrategySource.stockNames.contains(spec) {
      throw DashboardRefusal(
        400,
        "strategy \"\(spec)\": the what-if runs a stock strategy "
          + "(\(StrategySource.stockNames.joined(separator: ", "))) or, left empty, the rollout's own"
      )
    }
    let base = manifest(of: deployment)
    let provider = StrategyProvider(baseDirectory: directory)
    let strategy: LuaStrategy
    do {
      if let spec, !spec.isEmpty {
        strategy = try provider.strategy(named: spec, for: base)
      } else {
        strategy = try provider.strategy(for: base)
      }
    } catch {
      throw DashboardRefusal(400, "strategy: \(error)")
    }
    let label =
      strategy.source.stockName.map { "stock \($0)" } ?? strategy.source.displayName
    let run = ScenarioRunner(strategyName: strategy.source.shortName) { _ in strategy }
      .run(Scenario(deployment: base, update: update))
    let change = update == nil ? "first rollout" : "update to \(image ?? "")"
    return Chart.svg(run, title: "what if: \(label), \(base.metadata.name) \(change)")
  }

  /// `deployment` as a manifest would give it: its name, labels, spec and the annotations a
  /// user writes, without status, revision or rollout state.
  static func manifest(of deployment: Deployment) -> Deployment {
    var manifest = deployment
    let kept = [Annotations.strategy, Annotations.strategyParams, Annotations.changeCause]
    manifest.metadata = ObjectMeta(
      name: deployment.metadata.name, namespace: deployment.metadata.namespace,
      labels: deployment.metadata.labels,
      annotations: deployment.metadata.annotations?.filter { kept.contains($0.key) })
    manifest.status = nil
    manifest.spec.paused = nil
    return manifest
  }
}
