import Engine

@testable import Simulator

/// Objects and helpers shared by the simulator, conformance and store tests.
enum SimulatorFixtures {
  static func template(image: String, hash: String = "7f9c") -> PodTemplateSpec {
    PodTemplateSpec(
      metadata: .init(labels: ["app": "web", Labels.podTemplateHash: hash]),
      spec: .object([
        "containers": .array([.object(["name": .string("web"), "image": .string(image)])])
      ]))
  }

  static func replicaSet(
    _ name: String = "web-7f9c", namespace: String? = nil, replicas: Int,
    image: String = "web:v1", minReadySeconds: Int? = nil, owner: Deployment? = nil
  ) -> ReplicaSet {
    var meta = ObjectMeta(name: name, namespace: namespace, labels: ["app": "web"])
    if let owner {
      meta.ownerReferences = [
        OwnerReference(
          apiVersion: "apps/v1", kind: "Deployment", name: owner.metadata.name,
          uid: owner.metadata.uid)
      ]
    }
    return ReplicaSet(
      metadata: meta,
      spec: ReplicaSetSpec(
        replicas: replicas, minReadySeconds: minReadySeconds,
        selector: LabelSelector(matchLabels: ["app": "web"]),
        template: template(image: image)))
  }

  static func deployment(_ name: String = "web", replicas: Int = 3, image: String = "web:v1")
    -> Deployment
  {
    Deployment(
      metadata: ObjectMeta(name: name),
      spec: DeploymentSpec(
        replicas: replicas, selector: LabelSelector(matchLabels: ["app": "web"]),
        template: template(image: image)))
  }

  /// Calls `waitForChange` until idle (or `limit` calls), returning every change.
  @discardableResult
  static func runUntilIdle(_ cluster: any ClusterBackend, limit: Int = 100_000) -> [ChangeEvent] {
    var all: [ChangeEvent] = []
    for _ in 0..<limit {
      guard case .changed(let events) = cluster.waitForChange(until: nil) else { break }
      all += events
    }
    return all
  }

  /// Calls `waitForChange` until `condition` holds or `deadline` passes.
  static func wait(
    _ cluster: any ClusterBackend, until deadline: Double, for condition: () -> Bool
  ) -> Bool {
    while !condition() {
      if case .changed = cluster.waitForChange(until: deadline) { continue }
      return condition()
    }
    return true
  }
}
