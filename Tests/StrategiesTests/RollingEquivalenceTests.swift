import Engine
import Scenarios
import Simulator
import Strategies
import Testing

/// The stock `rolling.lua` decides exactly what Kubernetes' rolling.go decides, transcribed in
/// Swift as `NativeRollingStrategy`: the same scale operations on random snapshots, and the same
/// sequence of ReplicaSet scales over whole rollouts on the simulated cluster.
@Suite struct RollingEquivalenceTests {
  static func stockRolling() throws -> LuaStrategy {
    try LuaStrategy(source: StrategySource.stock("rolling")!)
  }

  /// 2,000 random snapshots: 1–3 old ReplicaSets, any sizes and availabilities, any fenceposts.
  @Test func sameDecisionsOnRandomSnapshots() throws {
    let lua = try Self.stockRolling()
    let native = NativeRollingStrategy()
    for (index, snapshot) in Fixture.randomSnapshots(count: 2_000).enumerated() {
      let expected = try native.step(snapshot)
      let actual = try lua.step(snapshot)
      #expect(
        actual.scale.map { [$0.replicaSet: $0.replicas] }
          == expected.scale.map { [$0.replicaSet: $0.replicas] },
        "snapshot \(index): \(snapshot)")
      #expect(actual.complete == expected.complete, "snapshot \(index)")
    }
  }

  struct Scenario: Sendable, CustomTestStringConvertible {
    var replicas: Int
    var maxSurge: IntOrString
    var maxUnavailable: IntOrString
    var jitter: Double
    var seed: UInt64
    var minReadySeconds: Int = 0
    var testDescription: String {
      "\(replicas) replicas, surge \(maxSurge), unavailable \(maxUnavailable), jitter \(jitter)s seed \(seed)"
    }
  }

  /// Each scenario rolls v1 then v2 with both strategies; the scale events must be identical.
  @Test(arguments: [
    Scenario(replicas: 10, maxSurge: "25%", maxUnavailable: "25%", jitter: 0, seed: 0),
    Scenario(replicas: 10, maxSurge: "25%", maxUnavailable: "25%", jitter: 3, seed: 1),
    Scenario(replicas: 7, maxSurge: .int(1), maxUnavailable: .int(0), jitter: 2, seed: 2),
    Scenario(replicas: 7, maxSurge: .int(0), maxUnavailable: .int(1), jitter: 2, seed: 3),
    Scenario(replicas: 25, maxSurge: "50%", maxUnavailable: "10%", jitter: 5, seed: 4),
    Scenario(replicas: 3, maxSurge: "100%", maxUnavailable: "0%", jitter: 1, seed: 5),
    Scenario(
      replicas: 40, maxSurge: "30%", maxUnavailable: "30%", jitter: 4, seed: 6, minReadySeconds: 5),
  ])
  func sameScaleSequenceOverWholeRollouts(_ scenario: Scenario) throws {
    let lua = try Self.stockRolling()
    let viaLua = try Self.rollout(scenario) { lua }
    let viaNative = try Self.rollout(scenario) { NativeRollingStrategy() }
    #expect(!viaLua.isEmpty)
    #expect(viaLua == viaNative)
  }

  /// Rolls out v1, then v2; returns every `.scaled` event as text.
  static func rollout(_ scenario: Scenario, strategy: @escaping () -> any RolloutStrategy) throws
    -> [String]
  {
    let cluster = SimulatedCluster(
      settings: SimulationSettings(readyAfter: 2, readyJitter: scenario.jitter, seed: scenario.seed)
    )
    let controller = DeploymentController(cluster: cluster) { _ in strategy() }
    var scales: [String] = []
    controller.onEvent = { event in
      if case .scaled(let time, _, let rs, let revision, let from, let to, _) = event {
        scales.append("t=\(time) rev\(revision) \(rs.prefix(4)) \(from)->\(to)")
      }
    }
    let runner = RolloutRunner(controller: controller)
    var deployment = Deployment(
      metadata: ObjectMeta(name: "web"),
      spec: DeploymentSpec(
        replicas: scenario.replicas, selector: LabelSelector(matchLabels: ["app": "web"]),
        template: PodTemplateSpec(
          metadata: .init(labels: ["app": "web"]),
          spec: ["containers": [["name": "web", "image": "web:1"]]]),
        strategy: DeploymentStrategy(
          type: "RollingUpdate",
          rollingUpdate: RollingUpdateDeployment(
            maxSurge: scenario.maxSurge, maxUnavailable: scenario.maxUnavailable)),
        minReadySeconds: scenario.minReadySeconds))
    try cluster.create(deployment)
    let first = try runner.run(deployment.key)
    #expect(first.result == .complete)
    deployment = cluster.get(Deployment.self, deployment.key)!
    deployment.spec.template.setImage(container: "web", to: "web:2")
    try cluster.update(deployment)
    let second = try runner.run(deployment.key)
    #expect(second.result == .complete)
    return scales
  }
}
