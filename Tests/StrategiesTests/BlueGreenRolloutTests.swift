import Engine
import Simulator
import Strategies
import Testing

/// Whole blue-green rollouts on the simulated cluster, with real Services the engine points at
/// each version as the strategy decides.
@Suite struct BlueGreenRolloutTests {
  /// What the cluster says: the ReplicaSet each Service is pinned to, the stable ReplicaSet, and
  /// every time the active Service was pointed elsewhere.
  struct View {
    var cluster: SimulatedCluster
    var recorder: Recorder

    func pinned(_ service: String) -> String? {
      guard let hash = cluster.get(Service.self, ObjectKey("default", service))?.pinnedHash
      else { return nil }
      return cluster.list(ReplicaSet.self, namespace: "default")
        .first { $0.podTemplateHash == hash }?.metadata.name
    }

    var active: String? { pinned("web-active") }
    var preview: String? { pinned("web-preview") }
    var stable: String? {
      cluster.get(Deployment.self, ObjectKey("default", "web")).map {
        RolloutState.read(from: $0).stableReplicaSet
      } ?? nil
    }
    var activeSwitches: [(time: Double, replicaSet: String?)] {
      recorder.events.compactMap { event in
        if case .servicePointed(let time, _, "web-active", let rs) = event { return (time, rs) }
        return nil
      }
    }
  }

  final class Recorder {
    var events: [RolloutEvent] = []
    /// Available pods of the ReplicaSet the active Service points at, at each settled instant.
    var activeAvailable: [Int] = []
  }

  /// Creates `web` (4 replicas, image web:1) with blue-green `params` and rolls it out.
  static func start(params: String, jitter: Double = 0) throws -> (
    SimulatedCluster, View, RolloutRunner, Recorder
  ) {
    let cluster = SimulatedCluster(
      settings: SimulationSettings(readyAfter: 2, readyJitter: jitter, seed: 3))
    for name in ["web-active", "web-preview"] {
      try cluster.create(
        Service(metadata: ObjectMeta(name: name), spec: ServiceSpec(selector: ["app": "web"])))
    }
    let strategy = try LuaStrategy(source: StrategySource.stock("blue-green")!)
    let controller = DeploymentController(cluster: cluster) { _ in strategy }
    let recorder = Recorder()
    let emulation = View(cluster: cluster, recorder: recorder)
    controller.onEvent = { recorder.events.append($0) }
    let runner = RolloutRunner(controller: controller)
    runner.afterInstant = { runner in
      guard let active = emulation.active,
        let rs = runner.cluster.get(ReplicaSet.self, ObjectKey("default", active))
      else { return }
      recorder.activeAvailable.append(rs.availableReplicas)
    }
    let deployment = Deployment(
      metadata: ObjectMeta(name: "web", annotations: [Annotations.strategyParams: params]),
      spec: DeploymentSpec(
        replicas: 4, selector: LabelSelector(matchLabels: ["app": "web"]),
        template: PodTemplateSpec(
          metadata: .init(labels: ["app": "web"]),
          spec: ["containers": [["name": "web", "image": "web:1"]]])))
    try cluster.create(deployment)
    let first = try runner.run(deployment.key)
    #expect(first.result == .complete)
    return (cluster, emulation, runner, recorder)
  }

  static func update(_ cluster: SimulatedCluster) throws {
    var deployment = cluster.get(Deployment.self, ObjectKey("default", "web"))!
    deployment.spec.template.setImage(container: "web", to: "web:2")
    try cluster.update(deployment)
  }

  static func replicaSet(_ cluster: SimulatedCluster, revision: Int) -> ReplicaSet? {
    cluster.list(ReplicaSet.self, namespace: "default").first { $0.revision == revision }
  }

  static func promote(_ cluster: SimulatedCluster) throws {
    var deployment = cluster.get(Deployment.self, ObjectKey("default", "web"))!
    var state = RolloutState.read(from: deployment)
    state.pause = nil
    state.phase = .progressing
    state.write(to: &deployment)
    try cluster.update(deployment)
  }

  static func scaleDownTime(_ events: [RolloutEvent], of replicaSet: String) -> Double? {
    events.compactMap { event -> Double? in
      if case .scaled(let time, _, let rs, _, _, let to, _) = event, rs == replicaSet, to == 0 {
        return time
      }
      return nil
    }.first
  }

  /// Manual promotion with a 2-pod preview: BlueGreenPause with v2 at 2 behind the preview
  /// Service, then v2 to 4, the switch, and v1 scaled down exactly 30 s later; complete only
  /// then. The active Service always has all 4 pods available.
  @Test(arguments: [0.0, 2.0]) func manualPromotionWithPreview(jitter: Double) throws {
    let (cluster, emulation, runner, recorder) = try Self.start(
      params:
        "{activeService: web-active, previewService: web-preview, previewReplicaCount: 2, autoPromotionEnabled: false}",
      jitter: jitter)
    let v1 = try #require(Self.replicaSet(cluster, revision: 1))
    #expect(emulation.active == v1.metadata.name)
    #expect(emulation.stable == v1.metadata.name)

    try Self.update(cluster)
    let paused = try runner.run(ObjectKey("default", "web"))
    #expect(paused.result == .paused)
    #expect(paused.reason == "BlueGreenPause")
    let v2 = try #require(Self.replicaSet(cluster, revision: 2))
    #expect(v2.replicas == 2)
    #expect(v2.availableReplicas == 2)
    #expect(Self.replicaSet(cluster, revision: 1)?.replicas == 4)
    #expect(emulation.active == v1.metadata.name)
    #expect(emulation.preview == v2.metadata.name)

    try Self.promote(cluster)
    let done = try runner.run(ObjectKey("default", "web"))
    #expect(done.result == .complete)
    #expect(emulation.active == v2.metadata.name)
    #expect(emulation.preview == v2.metadata.name)
    #expect(emulation.stable == v2.metadata.name)
    #expect(Self.replicaSet(cluster, revision: 1)?.replicas == 0)
    #expect(Self.replicaSet(cluster, revision: 2)?.availableReplicas == 4)
    let switchTime = try #require(
      emulation.activeSwitches.last { $0.replicaSet == v2.metadata.name }
    )
    .time
    let scaledDown = try #require(Self.scaleDownTime(recorder.events, of: v1.metadata.name))
    #expect(scaledDown == switchTime + 30)
    #expect(done.finished >= scaledDown)
    // After the first deployment is available, the active Service never serves fewer than 4.
    let settled = recorder.activeAvailable.drop { $0 < 4 }
    #expect(!settled.isEmpty)
    #expect(settled.allSatisfy { $0 == 4 })
  }

  /// autoPromotionSeconds: a 60 s BlueGreenPause that ends by itself, then the switch and a
  /// 10 s scale-down delay; no operator involved.
  @Test func automaticPromotionAfterAutoPromotionSeconds() throws {
    let (cluster, emulation, runner, recorder) = try Self.start(
      params:
        "{activeService: web-active, previewService: web-preview, autoPromotionSeconds: 1m, scaleDownDelaySeconds: 10s}"
    )
    let v1 = try #require(Self.replicaSet(cluster, revision: 1))
    try Self.update(cluster)
    let outcome = try runner.run(ObjectKey("default", "web"))
    #expect(outcome.result == .complete)
    let pause = recorder.events.compactMap { event -> (Double, Double?)? in
      if case .paused(let time, _, "BlueGreenPause", let until) = event { return (time, until) }
      return nil
    }
    #expect(pause.count == 1)
    #expect(pause.first.map { $0.1 == $0.0 + 60 } == true)
    let v2 = try #require(Self.replicaSet(cluster, revision: 2))
    let switchTime = try #require(
      emulation.activeSwitches.last { $0.replicaSet == v2.metadata.name }
    )
    .time
    #expect(pause.first.map { switchTime == $0.0 + 60 } == true)
    #expect(Self.scaleDownTime(recorder.events, of: v1.metadata.name) == switchTime + 10)
    #expect(emulation.active == v2.metadata.name)
  }
}
