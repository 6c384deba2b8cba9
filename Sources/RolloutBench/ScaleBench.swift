import Engine
import Foundation
import Simulator
import Strategies

extension BenchSuite {
  /// Simulation scale: one Deployment of N replicas (25%/25%), v1 deployed then v2 rolled out
  /// with the stock Lua rolling strategy, on the simulated cluster.
  static let scale = BenchSuite(name: "scale") {
    let sizes =
      CommandLine.arguments.count > 2
      ? CommandLine.arguments.dropFirst(2).compactMap { Int($0) } : [1_000, 10_000, 100_000]
    guard let source = StrategySource.stock("rolling") else { return }
    let strategy = try LuaStrategy(source: source)
    var points: [(x: Double, y: Double)] = []
    for replicas in sizes {
      let cluster = SimulatedCluster(settings: SimulationSettings(readyAfter: 2))
      let controller = DeploymentController(cluster: cluster) { _ in strategy }
      var steps = 0
      controller.onEvent = { event in if case .step = event { steps += 1 } }
      let runner = RolloutRunner(controller: controller)
      let deployment = Bench.deployment("web", replicas: replicas, image: "example/web:1.0")
      try cluster.create(deployment)
      let (v1, v1Seconds) = try Bench.seconds { try runner.run(deployment.key) }
      try Bench.rollOut([deployment.key], to: "example/web:2.0", on: cluster)
      steps = 0
      let (v2, v2Seconds) = try Bench.seconds { try runner.run(deployment.key) }
      guard v1.result == .complete, v2.result == .complete else {
        print("rollout of \(replicas) did not complete: \(v1.result), \(v2.result)")
        exit(1)
      }
      points.append((Double(replicas), v2Seconds))
      Bench.figure(
        "\(replicas) replicas: v1 deploy", "\(Bench.format(v1Seconds)) s wall")
      Bench.figure(
        "\(replicas) replicas: v2 rolling update",
        "\(Bench.format(v2Seconds)) s wall, \(steps) steps, "
          + "\(Int(v2.duration))s virtual, peak \(v2.metrics.peakPods) pods",
        target: replicas == 10_000 ? "< 1 s" : nil)
    }
    if points.count > 1 {
      Bench.figure(
        "v2 wall time ~ replicas^k, log-log fit",
        "k = \(Bench.format(Bench.exponent(points), digits: 2))",
        target: "≈ 1")
    }
  }
}
