import Engine
import Testing

/// ReplicaSet per template, revisions, rollback reuse (sync.go `getNewReplicaSet`).
struct DeploymentControllerRevisionTests {
  @Test func eachTemplateGetsAHashNamedReplicaSetWithItsRevision() throws {
    let harness = try ControllerHarness(ControllerFixtures.deployment(replicas: 3))
    try harness.run()
    try harness.setImage("web:v2")
    try harness.run()

    #expect(harness.replicaSets.count == 2)
    for (index, image) in ["web:v1", "web:v2"].enumerated() {
      let rs = try #require(harness.replicaSet(image: image))
      let hash = podTemplateHash(
        ControllerFixtures.template(image: image), collisionCount: nil)
      #expect(rs.metadata.name == "web-\(hash)")
      #expect(rs.metadata.labels?[Labels.podTemplateHash] == hash)
      #expect(rs.spec.template.metadata?.labels?[Labels.podTemplateHash] == hash)
      #expect(rs.spec.selector.matchLabels?[Labels.podTemplateHash] == hash)
      #expect(rs.metadata.annotation(Annotations.revision) == String(index + 1))
      #expect(rs.metadata.ownerReferences?.first?.name == "web")
    }
    #expect(harness.deployment.metadata.annotation(Annotations.revision) == "2")
  }

  @Test func goingBackToATemplateReusesItsReplicaSetWithTheNextRevision() throws {
    let harness = try ControllerHarness(ControllerFixtures.deployment(replicas: 4))
    try harness.run()
    let v1Name = try #require(harness.replicaSet(image: "web:v1")).metadata.name
    try harness.setImage("web:v2")
    try harness.run()
    let mark = harness.events.count
    try harness.setImage("web:v1")
    let outcome = try harness.run()

    #expect(outcome.result == .complete)
    #expect(outcome.revision == 3)
    #expect(harness.replicaSets.count == 2)
    let v1 = try #require(harness.replicaSet(image: "web:v1"))
    #expect(v1.metadata.name == v1Name)
    #expect(v1.revision == 3)
    #expect(v1.metadata.annotation(Annotations.revisionHistory) == "1")
    #expect(v1.replicas == 4)
    #expect(harness.replicaSet(image: "web:v2")?.replicas == 0)
    #expect(harness.replicaSet(image: "web:v2")?.revision == 2)
    #expect(harness.deployment.metadata.annotation(Annotations.revision) == "3")
    let created = harness.events[mark...].filter {
      if case .replicaSetCreated = $0 { return true }
      return false
    }
    #expect(created.isEmpty)
    let adopted = harness.events[mark...].compactMap { event -> String? in
      if case .replicaSetAdopted(_, _, let name, 3) = event { return name }
      return nil
    }
    #expect(adopted == [v1Name])
  }
}
