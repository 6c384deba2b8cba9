import Engine
import Foundation
import RolloutAPI
import Testing

/// Applying manifests and driving rollouts through the session, in process.
@Suite struct SessionApplyDriveTests {
  typealias F = SessionFixtures

  @Test func appliesDrivesAndPersistsARollout() throws {
    let directory = F.scratchDirectory()
    do {
      let session = try F.newSession(directory)
      defer { session.close() }
      try session.apply(F.deployment())
      #expect(try session.drive([F.key]).map(\.result) == [.complete])
      try session.apply(F.deployment(image: "web:v2"))
      let outcome = try #require(try session.drive([F.key]).first)
      #expect(outcome.result == .complete)
      #expect(outcome.revision == 2)
    }
    let reopened = try RolloutSession(directory: directory)
    defer { reopened.close() }
    let stored = try reopened.deployment(named: "web", namespace: "default")
    #expect(stored.spec.template.images == ["web:v2"])
    #expect(reopened.history(of: stored).replicaSets.map(\.revision) == [1, 2])
    let decisions = try reopened.decisions(of: F.key, revision: 2)
    #expect(!decisions.isEmpty)
    #expect(decisions.map(\.step) == Array(1...decisions.count))
  }

  @Test func reapplyingKeepsTheHashAStrategyPinnedInAService() throws {
    let session = try F.newSession()
    defer { session.close() }
    try session.apply(F.service(selector: ["app": "web", Labels.podTemplateHash: "abc"]))
    try session.apply(F.service())
    let service = try #require(
      session.cluster.get(Service.self, ObjectKey("default", "web-active")))
    #expect(service.pinnedHash == "abc")
    try session.apply(F.service(selector: ["app": "web", Labels.podTemplateHash: "def"]))
    #expect(session.cluster.get(Service.self, service.key)?.pinnedHash == "def")
  }

  @Test func reapplyingRetriesARolloutItsStrategyDegraded() throws {
    let session = try F.newSession()
    defer { session.close() }
    try session.apply(F.deployment())
    _ = try session.drive([F.key])
    var failing = F.deployment(
      image: "web:v2", annotations: [Annotations.strategy: "missing-strategy.lua"])
    try session.apply(failing)
    #expect(try session.drive([F.key]).first?.result == .degraded)
    failing.metadata.annotations = nil
    try session.apply(failing)
    let state = RolloutState.read(from: try session.deployment(named: "web", namespace: "default"))
    #expect(state.phase == .progressing)
    #expect(try session.drive([F.key]).first?.result == .complete)
  }

  @Test func aStoreWithNothingAppliedIsBadInputAndStaysUncreated() throws {
    let directory = F.scratchDirectory()
    #expect(throws: SessionError.self) { try RolloutSession(directory: directory) }
    #expect(!FileManager.default.fileExists(atPath: directory))
  }

  @Test func anUnknownDeploymentNamesWhatExists() throws {
    let session = try F.newSession()
    defer { session.close() }
    try session.apply(F.deployment())
    #expect(
      performing: { try session.deployment(named: "api", namespace: "default") },
      throws: { ($0 as? SessionError)?.message.contains("(known: web)") == true })
  }
}
