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
    // ROLLOUT_BENCH_OLDS=3 runs one case only (for per-step instruction counts under callgrind).
    let only = ProcessInfo.processInfo.environment["ROLLOUT_BENCH_OLDS"].flatMap { Int($0) }
    for olds in [1, 3, 10] where only == nil || only == olds {
      let snapshot = midRollout(oldReplicaSets: olds)
      // Both must decide the same thing, or the comparison means nothing.
      let expected = try native.step(snapshot).scale.map { [$0.replicaSet, "\($0.replicas)"] }
      let actual = try lua.step(snapshot).scale.map { [$0.replicaSet, "\($0.replicas)"] }
      guard expected == actual, !expected.isEmpty else {
        print("lua and native disagree on \(olds) old: \(actual) vs \(expected)")
        exit(1)
      }
      let luaNs = try perStep(lua, snapshot, iterations: 50_000)
      let nativeNs = try perStep(native, snapshot, iterations: 500_000)
      Bench.figure(
        "rolling step, \(olds) old RS: Lua", "\(Bench.format(luaNs, digits: 0)) ns/step",
        target: "< 5000")
      Bench.figure(
        "rolling step, \(olds) old RS: native", "\(Bench.format(nativeNs, digits: 0)) ns/step")
      Bench.figure(
        "rolling step, \(olds) old RS: Lua / native",
        "\(Bench.format(luaNs / nativeNs, digits: 1))x",
        target: "< 3x")
    }
  }

  /// 10 replicas (surge 3, unavailable 2), the new ReplicaSet at 3 with none available yet,
  /// the 10 old pods spread over `oldReplicaSets` ReplicaSets: the step scales old ones down.
  static func midRollout(oldReplicaSets count: Int) -> StrategySnapshot {
    let total = 10
    let old = (0..<count).map { index in
      let size = total / count + (index < total % count ? 1 : 0)
      return ReplicaSetView(
        name: "web-old\(index)", revision: index + 1, replicas: size, readyReplicas: size,
        availableReplicas: size, images: ["example/web:1.\(index)"], createdAt: Double(index))
    }
    let new = ReplicaSetView(
      name: "web-new", revision: count + 1, replicas: 3, images: ["example/web:2.0"],
      createdAt: Double(count))
    return StrategySnapshot(
      deployment: DeploymentView(
        name: "web", replicas: total, labels: ["app": "web"],
        annotations: ["kubernetes.io/change-cause": "deploy web:2.0"]),
      newReplicaSet: new, oldReplicaSets: old,
      fenceposts: Fenceposts(maxSurge: 3, maxUnavailable: 2), now: 42)
  }

  private static func perStep(
    _ strategy: any RolloutStrategy, _ snapshot: StrategySnapshot, iterations: Int
  ) throws -> Double {
    // ROLLOUT_BENCH_QUICK=1 for profiling runs (valgrind): a hundredth of the iterations.
    let iterations =
      ProcessInfo.processInfo.environment["ROLLOUT_BENCH_QUICK"] == nil
      ? iterations : iterations / 100
    var operations = 0
    for _ in 0..<iterations / 10 { operations += try strategy.step(snapshot).scale.count }
    let (_, seconds) = try Bench.seconds {
      for _ in 0..<iterations { operations += try strategy.step(snapshot).scale.count }
    }
    if operations == 0 { print("(no operations)") }
    return seconds * 1e9 / Double(iterations)
  }
}
