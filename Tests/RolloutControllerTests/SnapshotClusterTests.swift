import Engine
import Testing

@testable import RolloutController

@Suite struct SnapshotClusterTests {
  private func replicaSet(_ name: String, replicas: Int) -> ReplicaSet {
    ReplicaSet(
      metadata: ObjectMeta(name: name, namespace: "default"),
      spec: ReplicaSetSpec(
        replicas: replicas, selector: LabelSelector(matchLabels: ["app": "web"]),
        template: PodTemplateSpec(spec: ["containers": []])))
  }

  @Test func shrinkingComesBeforeGrowing() throws {
    let cluster = SnapshotCluster(
      now: 100, deployments: [],
      replicaSets: [replicaSet("web-a", replicas: 4), replicaSet("web-b", replicas: 0)])
    var old = try #require(cluster.get(ReplicaSet.self, ObjectKey("default", "web-a")))
    var new = try #require(cluster.get(ReplicaSet.self, ObjectKey("default", "web-b")))
    new.spec.replicas = 2
    old.spec.replicas = 2
    try cluster.update(new)
    try cluster.update(old)
    try cluster.create(replicaSet("web-c", replicas: 0))
    let names = cluster.changes.replicaSets.map { change -> String in
      switch change {
      case .create(let rs): "create \(rs.metadata.name)"
      case .update(let rs, _): "scale \(rs.metadata.name) \(rs.replicas)"
      case .delete(let rs): "delete \(rs.metadata.name)"
      }
    }
    #expect(names == ["scale web-a 2", "scale web-b 2", "create web-c"])
  }
}
