import Engine
import Foundation
import Simulator
import Strategies

extension BenchSuite {
  /// The stock strategies the fleet mixes, round-robin over the deployments. Add `canary`,
  /// `blue-green` here (or pass names: `rollout-bench fleet rolling canary`) once they exist.
  static let fleetMix = ["rolling", "recreate"]

  /// Fleet: 1,000 deployments of 10 replicas rolling at once on one cluster, one shared
  /// `LuaStrategy` per strategy file, `RolloutRunner.run(keys)` over all of them.
  static let fleet = BenchSuite(name: "fleet") {
    let requested = Array(CommandLine.arguments.dropFirst(2))
    let mix = requested.isEmpty ? fleetMix : requested
    var strategies: [String: LuaStrategy] = [:]
    for name in mix {
      guard let source = StrategySource.stock(name) else {
        print("no stock strategy '\(name)' (stock: \(StrategySource.stockNames))")
        exit(2)
      }
      strategies[name] = try LuaStrategy(source: source)
    }
    try checkNoLeaks()
    let count = 1_000
    let rssBefore = Bench.residentKiB()
    let cluster = SimulatedCluster(settings: SimulationSettings(readyAfter: 2))
    let controller = DeploymentController(cluster: cluster) { deployment in
      let name = deployment.metadata.annotation(Annotations.strategy) ?? "rolling"
      guard let strategy = strategies[name] else { throw StrategyError(file: name, message: "?") }
      return strategy
    }
    let runner = RolloutRunner(controller: controller)
    var keys: [ObjectKey] = []
    for index in 0..<count {
      let deployment = Bench.deployment(
        "app-\(index)", replicas: 10, image: "example/app:1.0", strategy: mix[index % mix.count])
      try cluster.create(deployment)
      keys.append(deployment.key)
    }
    let (v1, v1Seconds) = try Bench.seconds { try runner.run(keys) }
    try Bench.rollOut(keys, to: "example/app:2.0", on: cluster)
    let (v2, v2Seconds) = try Bench.seconds { try runner.run(keys) }
    let rssAfter = Bench.residentKiB()
    let incomplete = (v1 + v2).filter { $0.result != .complete }.count
    guard incomplete == 0 else {
      print("\(incomplete) rollouts did not complete")
      exit(1)
    }
    let label = "\(count) × 10 replicas (\(mix.joined(separator: "/")))"
    Bench.figure("\(label): v1 deploy", "\(Bench.format(v1Seconds)) s wall")
    Bench.figure("\(label): v2 rollout", "\(Bench.format(v2Seconds)) s wall", target: "< 5 s")
    Bench.figure(
      "RSS delta per managed deployment",
      "\(Bench.format(Double(rssAfter - rssBefore) / Double(count), digits: 1)) KiB "
        + "(\(rssBefore) -> \(rssAfter) KiB)", target: "< 64 KiB")
    Bench.figure("Lua states", "\(strategies.count) (one per strategy file, shared)")
  }

  /// A script that remembers what it can in globals, module locals and the shared library
  /// tables must see none of it at the next step: only `ctx.state` carries over, per deployment.
  private static func checkNoLeaks() throws {
    let probe = StrategySource(
      text: """
        local calls = (calls or 0) + 1
        calls_global = (calls_global or 0) + 1
        local writable = pcall(function() string.leak = 1 end)
        function step(ctx)
          ctx:message(string.format("%d %d %s %s", calls, calls_global, tostring(writable),
            tostring(ctx.state.owner)))
          ctx.state.owner = ctx.state.owner or ctx.deployment.name
        end
        """, displayName: "probe.lua", identity: "bench:probe")
    let strategy = try LuaStrategy(source: probe)
    for name in ["a", "b", "a"] {
      let snapshot = StrategySnapshot(
        deployment: DeploymentView(name: name, replicas: 1),
        newReplicaSet: ReplicaSetView(name: "\(name)-new", revision: 1, replicas: 1),
        oldReplicaSets: [], fenceposts: Fenceposts(maxSurge: 1, maxUnavailable: 0), now: 0)
      let fields = (try strategy.step(snapshot).message ?? "").split(separator: " ")
      guard fields == ["1", "1", "false", "nil"] else {
        print("state leaked between steps or deployments: \(fields)")
        exit(1)
      }
    }
    Bench.figure(
      "leak probe: globals, module locals, ctx.state, libraries",
      "none leaked (3 steps, 2 deployments; library writes refused)")
  }
}
