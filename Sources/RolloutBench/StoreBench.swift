import Engine
import Foundation
import Simulator
import Store
import Strategies

extension BenchSuite {
  /// Store: persisting the cluster after a step, and reopening a store of 1,000 deployments
  /// with 10 revisions each.
  static let store = BenchSuite(name: "store") {
    let root = NSTemporaryDirectory() + "rollout-bench-store-\(getpid())"
    defer { try? FileManager.default.removeItem(atPath: root) }

    // One deployment of 10 replicas, mid-rollout.
    let small = SimulatedCluster(settings: SimulationSettings(readyAfter: 2))
    let web = Bench.deployment("web", replicas: 10, image: "example/web:1.0")
    try small.create(web)
    try runStrategy(on: small, keys: [web.key])
    try Bench.rollOut([web.key], to: "example/web:2.0", on: small)
    let controller = DeploymentController(cluster: small) { _ in NativeRollingStrategy() }
    _ = try controller.sync(web.key)
    try saveFigure("save after a step: 1 deployment, 10 pods", small, at: root + "/small", runs: 50)

    // 1,000 deployments, 10 revisions each (the newest at 10 replicas).
    let fleet = try fleetWithHistory(deployments: 1_000, revisions: 10)
    try saveFigure(
      "save after a step: 1,000 deployments × 10 revisions", fleet, at: root + "/fleet", runs: 5)
    let settings = fleet.settings
    var times: [Double] = []
    for _ in 0..<5 {
      let (restored, seconds) = try Bench.seconds { () throws -> SimulatedCluster? in
        let store = try StateStore.open(directory: root + "/fleet")
        defer { store.close() }
        guard let snapshot = try store.load("cluster.json", as: SimulatedCluster.Snapshot.self)
        else { return nil }
        return SimulatedCluster(snapshot: snapshot, settings: settings)
      }
      guard let restored, restored.list(ReplicaSet.self, namespace: nil).count == 10_000 else {
        throw BenchError("the reopened store lost ReplicaSets")
      }
      times.append(seconds)
    }
    Bench.figure(
      "reopen: open + load + SimulatedCluster(snapshot:)",
      "mean \(Bench.format(mean(times) * 1000, digits: 1)) ms, min "
        + "\(Bench.format((times.min() ?? 0) * 1000, digits: 1)) ms")
  }

  private static func saveFigure(
    _ label: String, _ cluster: SimulatedCluster, at directory: String, runs: Int
  ) throws {
    let store = try StateStore.open(directory: directory)
    defer { store.close() }
    var times: [Double] = []
    for _ in 0..<runs {
      times.append(try Bench.seconds { try store.save(cluster.snapshot(), as: "cluster.json") }.1)
    }
    let size =
      (try? FileManager.default.attributesOfItem(atPath: store.path(of: "cluster.json")))?[
        .size] as? Int ?? 0
    Bench.figure(
      label,
      "mean \(Bench.format(mean(times) * 1000, digits: 2)) ms, min "
        + "\(Bench.format((times.min() ?? 0) * 1000, digits: 2)) ms, \(size / 1024) KiB")
  }

  private static func runStrategy(on cluster: SimulatedCluster, keys: [ObjectKey]) throws {
    let controller = DeploymentController(cluster: cluster) { _ in NativeRollingStrategy() }
    _ = try RolloutRunner(controller: controller).run(keys)
  }

  /// Deployments whose ReplicaSets are written directly: revisions 1...`revisions`, all but the
  /// newest scaled to 0, as a long history leaves them; pods up and available.
  static func fleetWithHistory(deployments: Int, revisions: Int) throws -> SimulatedCluster {
    let cluster = SimulatedCluster(settings: SimulationSettings(readyAfter: 2))
    for index in 0..<deployments {
      let name = "app-\(index)"
      let created = try cluster.create(
        Bench.deployment(name, replicas: 10, image: "example/app:1.\(revisions)"))
      for revision in 1...revisions {
        let hash = "h\(revision)"
        let labels = ["app": name, Labels.podTemplateHash: hash]
        var meta = ObjectMeta(
          name: "\(name)-\(hash)", labels: labels,
          annotations: [Annotations.revision: "\(revision)"])
        meta.ownerReferences = [
          OwnerReference(
            apiVersion: "apps/v1", kind: Deployment.kind, name: name, uid: created.metadata.uid)
        ]
        try cluster.create(
          ReplicaSet(
            metadata: meta,
            spec: ReplicaSetSpec(
              replicas: revision == revisions ? 10 : 0,
              selector: LabelSelector(matchLabels: labels),
              template: PodTemplateSpec(
                metadata: .init(labels: labels),
                spec: [
                  "containers": [["name": "app", "image": .string("example/app:1.\(revision)")]]
                ]))))
      }
    }
    cluster.advance(by: 5)
    return cluster
  }
}

private func mean(_ values: [Double]) -> Double {
  values.reduce(0, +) / Double(max(1, values.count))
}
