import Engine
import Foundation
import RolloutAPI
import Testing

/// The operator verbs, history and replay through the session, in process.
@Suite struct SessionVerbTests {
  typealias F = SessionFixtures

  /// `web` rolled out to v1, then to v2.
  private func twoRevisions() throws -> RolloutSession {
    let session = try F.newSession()
    try session.apply(F.deployment())
    _ = try session.drive([F.key])
    try session.apply(F.deployment(image: "web:v2"))
    _ = try session.drive([F.key])
    return session
  }

  @Test func pauseHoldsTheRolloutAndResumeFinishesIt() throws {
    let session = try twoRevisions()
    defer { session.close() }
    try session.perform(.pause, on: F.key)
    try session.perform(.setImage(["web": "web:v3"]), on: F.key)
    #expect(try session.drive([F.key]).first?.result == .paused)
    try session.perform(.resume, on: F.key)
    #expect(try session.drive([F.key]).first?.result == .complete)
    #expect(session.cluster.get(Deployment.self, F.key)?.spec.template.images == ["web:v3"])
  }

  @Test func aRefusedActionIsBadInputAndWritesNothing() throws {
    let session = try twoRevisions()
    defer { session.close() }
    let before = session.cluster.get(Deployment.self, F.key)
    #expect(throws: SessionError.self) { try session.perform(.resume, on: F.key) }
    #expect(throws: SessionError.self) { try session.perform(.abort, on: F.key) }
    #expect(session.cluster.get(Deployment.self, F.key) == before)
  }

  @Test func undoGoesBackAndSaysWhenThereIsNothingToDo() throws {
    let session = try twoRevisions()
    defer { session.close() }
    #expect(try session.undo(F.key, toRevision: 0) == .rolledBack(revision: 1))
    #expect(try session.drive([F.key]).first?.result == .complete)
    let deployment = try session.deployment(named: "web", namespace: "default")
    #expect(deployment.spec.template.images == ["web:v1"])
    #expect(session.history(of: deployment).replicaSets.map(\.revision) == [2, 3])
    #expect(try session.undo(F.key, toRevision: 3) == .unchanged(revision: 3))
    #expect(throws: SessionError.self) { try session.undo(F.key, toRevision: 7) }
  }

  @Test func restartMakesANewRevisionWithTheSamePods() throws {
    let session = try twoRevisions()
    defer { session.close() }
    try session.perform(.restart(at: "2026-01-01T00:00:00Z"), on: F.key)
    let outcome = try #require(try session.drive([F.key]).first)
    #expect(outcome.result == .complete)
    #expect(outcome.revision == 3)
    let deployment = try session.deployment(named: "web", namespace: "default")
    #expect(deployment.spec.template.images == ["web:v2"])
    try session.perform(.pause, on: F.key)
    #expect(throws: SessionError.self) {
      try session.perform(.restart(at: "2026-01-01T00:01:00Z"), on: F.key)
    }
  }

  @Test func replayThroughTheSameStrategyIsIdentical() throws {
    let session = try twoRevisions()
    defer { session.close() }
    let report = try session.replay(F.key)
    #expect(!report.results.isEmpty)
    #expect(report.differing.isEmpty)
    #expect(report.strategy.name == "rolling.lua")
    let recreate = try session.replay(F.key, revision: 2, strategy: "recreate")
    #expect(!recreate.differing.isEmpty)
    #expect(throws: SessionError.self) { try session.replay(F.key, strategy: "nope") }
  }
}
