import Engine
import Foundation
import Strategies

extension BenchSuite {
  /// Decision cost: the stock rolling strategy in Lua against `NativeRollingStrategy`, through
  /// `RolloutStrategy.step(_:)`, on the same snapshots.
  static let decision = BenchSuite(name: "decision") {
    guard let source = StrategySource.stock("rolling") else { return }
    let lua = try LuaStrategy(source: source)
    let native = NativeRollingStrategy()
    // A user's script handing each step to the stock one: sandboxed, metered, fresh ctx.
    let custom = try LuaStrategy(
      source: StrategySource(
        text: "local rolling = require \"rollout.rolling\"\nreturn { step = rolling.step }\n",
        displayName: "custom.lua", identity: "bench:custom"))
    // ROLLOUT_BENCH_OLDS=3 runs one case, stock and native only (for per-step instruction
    // counts under callgrind).
    let only = ProcessInfo.processInfo.environment["ROLLOUT_BENCH_OLDS"].flatMap { Int($0) }
    for olds in [1, 3, 10] where only == nil || only == olds {
      // One deployment mid-rollout, its new pods becoming available step by step: counts
      // change at every step, names and images do not, as in a real rollout.
      let rollout = (0..<4).map { midRollout(oldReplicaSets: olds, newAvailable: $0) }
      // Two such deployments taking turns, as in a fleet.
      let interleaved = rollout.flatMap { web in
        [
          web,
          midRollout(
            oldReplicaSets: olds, newAvailable: web.newReplicaSet.availableReplicas,
            name: "api"),
        ]
      }
      for snapshot in rollout + interleaved {
        // Both must decide the same thing, or the comparison means nothing.
        let expected = try native.step(snapshot).scale.map { [$0.replicaSet, "\($0.replicas)"] }
        let actual = try lua.step(snapshot).scale.map { [$0.replicaSet, "\($0.replicas)"] }
        guard expected == actual, !expected.isEmpty else {
          print("lua and native disagree on \(olds) old: \(actual) vs \(expected)")
          exit(1)
        }
      }
      let luaNs = try perStep(lua, rollout, iterations: 50_000)
      let nativeNs = try perStep(native, rollout, iterations: 500_000)
      Bench.figure(
        "rolling step, \(olds) old RS: Lua", "\(Bench.format(luaNs, digits: 0)) ns/step",
        target: "< 5000")
      Bench.figure(
        "rolling step, \(olds) old RS: native", "\(Bench.format(nativeNs, digits: 0)) ns/step")
      Bench.figure(
        "rolling step, \(olds) old RS: Lua / native",
        "\(Bench.format(luaNs / nativeNs, digits: 1))x",
        target: "< 3x")
      if only != nil { continue }
      let interleavedNs = try perStep(lua, interleaved, iterations: 50_000)
      let customNs = try perStep(custom, rollout, iterations: 20_000)
      Bench.figure(
        "rolling step, \(olds) old RS: Lua, 2 deployments interleaved",
        "\(Bench.format(interleavedNs, digits: 0)) ns/step", target: "< 5000")
      Bench.figure(
        "rolling step, \(olds) old RS: user script calling rolling.step",
        "\(Bench.format(customNs, digits: 0)) ns/step")
      // The script alone, in a Lua loop: the floor under any bridge.
      if let floorNs = try ScriptFloor.nanosecondsPerStep(olds: olds, iterations: 200_000) {
        Bench.figure(
          "rolling step, \(olds) old RS: rolling.lua alone, no bridge",
          "\(Bench.format(floorNs, digits: 0)) ns/step, \(Bench.format(floorNs / nativeNs, digits: 1))x native"
        )
      }
    }
  }

  /// 10 replicas (surge 3, unavailable 2), the new ReplicaSet at 3 with `newAvailable` of its
  /// pods available, the 10 old pods spread over `oldReplicaSets` ReplicaSets: the step scales
  /// old ones down.
  static func midRollout(
    oldReplicaSets count: Int, newAvailable: Int = 0, name: String = "web"
  ) -> StrategySnapshot {
    let total = 10
    let old = (0..<count).map { index in
      let size = total / count + (index < total % count ? 1 : 0)
      return ReplicaSetView(
        name: "\(name)-old\(index)", revision: index + 1, replicas: size, readyReplicas: size,
        availableReplicas: size, images: ["example/\(name):1.\(index)"],
        createdAt: Double(index))
    }
    let new = ReplicaSetView(
      name: "\(name)-new", revision: count + 1, replicas: 3, readyReplicas: newAvailable,
      availableReplicas: newAvailable, images: ["example/\(name):2.0"], createdAt: Double(count))
    return StrategySnapshot(
      deployment: DeploymentView(
        name: name, replicas: total, labels: ["app": name],
        annotations: ["kubernetes.io/change-cause": "deploy \(name):2.0"]),
      newReplicaSet: new, oldReplicaSets: old,
      fenceposts: Fenceposts(maxSurge: 3, maxUnavailable: 2), now: 42)
  }

  /// Nanoseconds per step over `iterations` steps cycling through `snapshots`.
  private static func perStep(
    _ strategy: any RolloutStrategy, _ snapshots: [StrategySnapshot], iterations: Int
  ) throws -> Double {
    // ROLLOUT_BENCH_QUICK=1 for profiling runs (valgrind): a hundredth of the iterations.
    let iterations =
      ProcessInfo.processInfo.environment["ROLLOUT_BENCH_QUICK"] == nil
      ? iterations : iterations / 100
    var operations = 0
    // Through a buffer: no copy of the snapshot (and no reference counting) at each call.
    let seconds = try snapshots.withUnsafeBufferPointer { snapshots in
      for index in 0..<iterations / 10 {
        operations += try strategy.step(snapshots[index % snapshots.count]).scale.count
      }
      return try Bench.seconds {
        for index in 0..<iterations {
          operations += try strategy.step(snapshots[index % snapshots.count]).scale.count
        }
      }.1
    }
    if operations == 0 { print("(no operations)") }
    return seconds * 1e9 / Double(iterations)
  }
}
