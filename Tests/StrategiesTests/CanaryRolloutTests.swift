import Engine
import Simulator
import Strategies
import Testing

/// A whole canary rollout through the engine on the simulated cluster: v1, then v2 with steps
/// [setWeight 20, pause 60s, setWeight 60, pause until promoted], 10 replicas, 25%/25%
/// (maxSurge 3, maxUnavailable 2).
@Suite struct CanaryRolloutTests {
  static let params = """
    steps:
    - setWeight: 20
    - pause: {duration: 60}
    - setWeight: 60
    - pause: {}
    """

  @Test func pausesAtSixtyPercentThenCompletesWhenPromoted() throws {
    let cluster = SimulatedCluster(
      settings: SimulationSettings(readyAfter: 2, readyJitter: 1, seed: 7))
    let strategy = try LuaStrategy(source: StrategySource.stock("canary")!)
    let controller = DeploymentController(cluster: cluster) { _ in strategy }
    let runner = RolloutRunner(controller: controller)
    var deployment = Deployment(
      metadata: ObjectMeta(name: "web", annotations: [Annotations.strategyParams: Self.params]),
      spec: DeploymentSpec(
        replicas: 10, selector: LabelSelector(matchLabels: ["app": "web"]),
        template: PodTemplateSpec(
          metadata: .init(labels: ["app": "web"]),
          spec: ["containers": [["name": "web", "image": "web:1"]]]),
        strategy: DeploymentStrategy(
          type: "RollingUpdate",
          rollingUpdate: RollingUpdateDeployment(maxSurge: "25%", maxUnavailable: "25%"))))
    try cluster.create(deployment)
    // First deployment: no stable, straight to 10.
    #expect(try runner.run(deployment.key).result == .complete)

    func replicaSets() -> (v1: ReplicaSet?, v2: ReplicaSet?, all: [ReplicaSet]) {
      let all = cluster.list(ReplicaSet.self, namespace: nil)
      return (all.first { $0.revision == 1 }, all.first { $0.revision == 2 }, all)
    }
    var lowest = Int.max
    runner.afterInstant = { _ in
      lowest = min(lowest, replicaSets().all.reduce(0) { $0 + $1.availableReplicas })
    }

    deployment = cluster.get(Deployment.self, deployment.key)!
    deployment.spec.template.setImage(container: "web", to: "web:2")
    try cluster.update(deployment)
    let paused = try runner.run(deployment.key)
    #expect(paused.result == .paused)
    #expect(paused.reason == "CanaryPauseStep")
    #expect(paused.duration >= 60)
    // setWeight 60 on 10 replicas: 6 of 10 is exactly 60%, so Argo's closest counts are
    // canary 6 and stable 4 (6 of 11 with the surge pod would be 54.5%).
    #expect(replicaSets().v2?.replicas == 6)
    #expect(replicaSets().v1?.replicas == 4)
    #expect(replicaSets().v2?.availableReplicas == 6)

    // `rollout promote`: clear the pause as the engine does.
    deployment = cluster.get(Deployment.self, deployment.key)!
    var state = RolloutState.read(from: deployment)
    state.pause = nil
    state.phase = .progressing
    state.write(to: &deployment)
    try cluster.update(deployment)
    let done = try runner.run(deployment.key)
    #expect(done.result == .complete)
    #expect(replicaSets().v2?.replicas == 10)
    #expect(replicaSets().v2?.availableReplicas == 10)
    #expect(replicaSets().v1?.replicas == 0)
    // Never below replicas - maxUnavailable = 8 available.
    #expect(lowest >= 8)
    #expect(lowest != Int.max)
  }
}
