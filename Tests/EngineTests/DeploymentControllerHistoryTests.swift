import Engine
import Testing

/// History clean-up after a completed rollout (sync.go `cleanupDeployment`).
struct DeploymentControllerHistoryTests {
  static let images = (1...5).map { "web:v\($0)" }

  @Test func aLimitOfTwoKeepsTheTwoNewestOldReplicaSets() throws {
    let harness = try ControllerHarness(
      ControllerFixtures.deployment(replicas: 3, revisionHistoryLimit: 2))
    for (index, image) in Self.images.enumerated() {
      if index > 0 { try harness.setImage(image) }
      #expect(try harness.run().result == .complete)
      let revision = index + 1
      let expected = Array(max(1, revision - 2)...revision)
      #expect(harness.replicaSets.map(\.revision) == expected, "after revision \(revision)")
      #expect(harness.replicaSets.dropLast().allSatisfy { $0.replicas == 0 })
      #expect(harness.replicaSets.last?.spec.template.images == [image])
    }
    let deleted = harness.events.compactMap { event -> Int? in
      if case .replicaSetDeleted(_, _, _, let revision) = event { return revision }
      return nil
    }
    #expect(deleted == [1, 2])
  }

  @Test func theDefaultLimitOfTenDeletesNothingInFiveRevisions() throws {
    let harness = try ControllerHarness(ControllerFixtures.deployment(replicas: 3))
    for (index, image) in Self.images.enumerated() {
      if index > 0 { try harness.setImage(image) }
      #expect(try harness.run().result == .complete)
    }
    #expect(harness.replicaSets.map(\.revision) == [1, 2, 3, 4, 5])
    #expect(
      harness.count {
        if case .replicaSetDeleted = $0 { return true }
        return false
      } == 0)
  }

  @Test func aLimitOfZeroKeepsOnlyTheCurrentReplicaSet() throws {
    let harness = try ControllerHarness(
      ControllerFixtures.deployment(replicas: 3, revisionHistoryLimit: 0))
    try harness.run()
    try harness.setImage("web:v2")
    #expect(try harness.run().result == .complete)
    #expect(harness.replicaSets.map(\.revision) == [2])
  }
}
