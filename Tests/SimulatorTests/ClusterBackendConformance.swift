import Engine
import Testing

@testable import Simulator

/// Contract tests every `ClusterBackend` must pass, written against `any ClusterBackend` so a
/// future Kubernetes backend is held to the same rules as the simulated cluster.
struct ClusterBackendConformance {
  /// One rule of the contract.
  enum Rule: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case copiesOnRead, resourceVersionIncreases, conflictOnStaleVersion, alreadyExists
    case notFound, generationFollowsSpec, scalingCreatesPodsAndReportsStatus
    case waitForChangeOrdering, namespacesAreSeparate

    var testDescription: String { rawValue }
  }

  /// Makes a fresh, empty backend.
  let makeBackend: () -> any ClusterBackend

  func check(_ rule: Rule) throws {
    let cluster = makeBackend()
    switch rule {
    case .copiesOnRead: try copiesOnRead(cluster)
    case .resourceVersionIncreases: try resourceVersionIncreases(cluster)
    case .conflictOnStaleVersion: try conflictOnStaleVersion(cluster)
    case .alreadyExists: try alreadyExists(cluster)
    case .notFound: notFound(cluster)
    case .generationFollowsSpec: try generationFollowsSpec(cluster)
    case .scalingCreatesPodsAndReportsStatus: try scaling(cluster)
    case .waitForChangeOrdering: try ordering(cluster)
    case .namespacesAreSeparate: try namespaces(cluster)
    }
  }

  private func copiesOnRead(_ cluster: any ClusterBackend) throws {
    var created = try cluster.create(SimulatorFixtures.deployment())
    created.spec.replicas = 99
    var read = try #require(cluster.get(Deployment.self, created.key))
    #expect(read.spec.replicas == 3)
    read.metadata.labels = ["changed": "yes"]
    #expect(cluster.get(Deployment.self, created.key)?.metadata.labels == nil)
    #expect(cluster.list(Deployment.self, namespace: nil).map(\.spec.replicas) == [3])
  }

  private func resourceVersionIncreases(_ cluster: any ClusterBackend) throws {
    let first = try cluster.create(SimulatorFixtures.deployment("a"))
    let second = try cluster.create(SimulatorFixtures.deployment("b"))
    let third = try cluster.update(first)
    let versions = [first, second, third].map { $0.metadata.resourceVersion ?? -1 }
    #expect(versions == versions.sorted() && Set(versions).count == 3)
    #expect(first.metadata.uid != nil && first.metadata.uid != second.metadata.uid)
    #expect(first.metadata.creationTimestamp == cluster.now)
  }

  private func conflictOnStaleVersion(_ cluster: any ClusterBackend) throws {
    let created = try cluster.create(SimulatorFixtures.deployment())
    var fresh = created
    fresh.spec.replicas = 4
    try cluster.update(fresh)
    var stale = created
    stale.spec.replicas = 5
    #expect(throws: ClusterError.conflict(kind: "Deployment", key: created.key)) {
      try cluster.update(stale)
    }
    stale.metadata.resourceVersion = nil
    #expect(try cluster.update(stale).spec.replicas == 5)
  }

  private func alreadyExists(_ cluster: any ClusterBackend) throws {
    let created = try cluster.create(SimulatorFixtures.replicaSet(replicas: 0))
    #expect(throws: ClusterError.alreadyExists(kind: "ReplicaSet", key: created.key)) {
      try cluster.create(SimulatorFixtures.replicaSet(replicas: 0))
    }
  }

  private func notFound(_ cluster: any ClusterBackend) {
    let key = ObjectKey("default", "missing")
    #expect(cluster.get(Deployment.self, key) == nil)
    #expect(throws: ClusterError.notFound(kind: "Deployment", key: key)) {
      try cluster.update(SimulatorFixtures.deployment("missing"))
    }
    #expect(throws: ClusterError.notFound(kind: "ReplicaSet", key: key)) {
      try cluster.delete(ReplicaSet.self, key)
    }
    #expect(throws: ClusterError.notFound(kind: "Pod", key: key)) {
      try cluster.delete(Pod.self, key)
    }
  }

  private func generationFollowsSpec(_ cluster: any ClusterBackend) throws {
    var deployment = try cluster.create(SimulatorFixtures.deployment())
    #expect(deployment.metadata.generation == 1)
    deployment.status = DeploymentStatus()
    deployment.metadata.setAnnotation("note", "status and metadata only")
    deployment = try cluster.update(deployment)
    #expect(deployment.metadata.generation == 1)
    deployment.spec.replicas = 7
    deployment = try cluster.update(deployment)
    #expect(deployment.metadata.generation == 2)
  }

  private func scaling(_ cluster: any ClusterBackend) throws {
    var replicaSet = try cluster.create(SimulatorFixtures.replicaSet(replicas: 3))
    let key = replicaSet.key
    func status() -> ReplicaSet? { cluster.get(ReplicaSet.self, key) }
    #expect(
      SimulatorFixtures.wait(cluster, until: cluster.now + 600) {
        status()?.availableReplicas == 3
      })
    let pods = cluster.list(Pod.self, namespace: "default")
    #expect(pods.count == 3)
    #expect(pods.allSatisfy { $0.metadata.ownerReferences?.first?.name == key.name })
    #expect(pods.allSatisfy { $0.metadata.labels?[Labels.podTemplateHash] == "7f9c" })
    #expect(pods.allSatisfy { $0.spec.images == ["web:v1"] && $0.status.ready })
    #expect(status()?.readyReplicas == 3 && status()?.currentReplicas == 3)
    #expect(status()?.status?.observedGeneration == status()?.metadata.generation)

    replicaSet = try #require(status())
    replicaSet.spec.replicas = 1
    try cluster.update(replicaSet)
    #expect(
      SimulatorFixtures.wait(cluster, until: cluster.now + 600) {
        cluster.list(Pod.self, namespace: nil).count == 1
      })
    #expect(status()?.currentReplicas == 1 && status()?.terminatingReplicas == 0)
  }

  private func ordering(_ cluster: any ClusterBackend) throws {
    let writeTime = cluster.now
    try cluster.create(SimulatorFixtures.replicaSet(replicas: 2))
    var times: [Double] = []
    var clock: [Double] = []
    while case .changed(let events) = cluster.waitForChange(until: writeTime + 600) {
      #expect(!events.isEmpty)
      times += events.map(\.time)
      clock.append(cluster.now)
      if cluster.get(ReplicaSet.self, ObjectKey("default", "web-7f9c"))?.availableReplicas == 2 {
        break
      }
    }
    #expect(times.first == writeTime, "the write's effects come before time moves")
    #expect(times == times.sorted())
    #expect(clock == clock.sorted())
    #expect(cluster.waitForChange(until: cluster.now + 5) == .deadline)
  }

  private func namespaces(_ cluster: any ClusterBackend) throws {
    try cluster.create(SimulatorFixtures.replicaSet(namespace: "a", replicas: 1))
    try cluster.create(SimulatorFixtures.replicaSet(namespace: "b", replicas: 2))
    SimulatorFixtures.runUntilIdle(cluster, limit: 100)
    #expect(cluster.list(ReplicaSet.self, namespace: "a").count == 1)
    #expect(cluster.list(ReplicaSet.self, namespace: nil).count == 2)
    #expect(cluster.list(Pod.self, namespace: "b").count == 2)
    #expect(cluster.list(Pod.self, namespace: "default").isEmpty)
  }
}

@Suite struct ClusterBackendConformanceTests {
  @Test(arguments: ClusterBackendConformance.Rule.allCases)
  func simulatedCluster(_ rule: ClusterBackendConformance.Rule) throws {
    try ClusterBackendConformance { SimulatedCluster() }.check(rule)
  }
}
