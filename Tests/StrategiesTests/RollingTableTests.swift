import Engine
import Strategies
import Testing

/// Kubernetes' own tables for the rolling update (pkg/controller/deployment/rolling_test.go),
/// run against the stock `rolling.lua` through a custom script that `require`s it, so the
/// tables also prove a user script can reuse the stock functions.
@Suite struct RollingTableTests {
  /// Calls one function of `rollout.rolling` named by `params.call` and returns the decision.
  static let probe = """
    local rolling = require "rollout.rolling"
    function step(ctx)
      local call = ctx.params.call
      if call == "reconcileNewReplicaSet" then
        ctx.state.result = rolling.reconcileNewReplicaSet(ctx)
      elseif call == "reconcileOldReplicaSets" then
        ctx.state.result = rolling.reconcileOldReplicaSets(ctx)
      elseif call == "cleanupUnhealthyReplicas" then
        ctx.state.result = rolling.cleanupUnhealthyReplicas(rolling.activeOld(ctx), ctx.params.maxCleanup)
      elseif call == "scaleDownOldReplicaSets" then
        ctx.state.result = rolling.scaleDownOldReplicaSets(ctx, rolling.activeOld(ctx))
      end
    end
    """

  static func run(_ snapshot: StrategySnapshot) throws -> StrategyDecision {
    let strategy = try LuaStrategy(
      source: StrategySource(
        text: probe, displayName: "probe.lua", moduleRoot: nil, identity: "probe"))
    return try strategy.step(snapshot)
  }

  struct NewCase: Sendable, CustomTestStringConvertible {
    var name: String
    var replicas: Int
    var maxSurge: Int
    var old: Int
    var new: Int
    var expected: Int?
    var testDescription: String { name }
  }

  /// TestDeploymentController_reconcileNewReplicaSet (maxUnavailable 0 there, so it resolves
  /// to 1 only when maxSurge is 0 too; it does not matter for scaling up).
  @Test(arguments: [
    NewCase(name: "no surge: should not scale up", replicas: 10, maxSurge: 0, old: 10, new: 0),
    NewCase(name: "surge 2 from 10 old", replicas: 10, maxSurge: 2, old: 10, new: 0, expected: 2),
    NewCase(name: "surge 2 from 5 old", replicas: 10, maxSurge: 2, old: 5, new: 0, expected: 7),
    NewCase(name: "already surged", replicas: 10, maxSurge: 2, old: 10, new: 2),
    NewCase(name: "should scale down", replicas: 10, maxSurge: 2, old: 2, new: 11, expected: 10),
  ])
  func reconcileNewReplicaSet(_ test: NewCase) throws {
    let snapshot = Fixture.snapshot(
      replicas: test.replicas, maxSurge: test.maxSurge,
      maxUnavailable: test.maxSurge == 0 ? 1 : 0,
      new: Fixture.rs("foo-new", replicas: test.new, revision: 2),
      old: [Fixture.rs("foo-old", replicas: test.old)],
      params: ["call": "reconcileNewReplicaSet"])
    let decision = try Self.run(snapshot)
    #expect(decision.state?["result"] == .bool(test.expected != nil))
    #expect(decision.scale.map(\.replicas) == (test.expected.map { [$0] } ?? []))
    #expect(decision.scale.allSatisfy { $0.replicaSet == "foo-new" })
  }

  struct OldCase: Sendable, CustomTestStringConvertible {
    var name: String
    var replicas: Int
    var maxUnavailable: Int
    var old: Int
    var new: Int
    var readyOld: Int
    var readyNew: Int
    var expectedOld: Int?
    var testDescription: String { name }
  }

  /// TestDeploymentController_reconcileOldReplicaSets (maxSurge 0; a maxUnavailable of 0
  /// resolves to 1 as ResolveFenceposts does).
  @Test(arguments: [
    OldCase(
      name: "unavailable 0 resolves to 1", replicas: 10, maxUnavailable: 1, old: 10, new: 0,
      readyOld: 10, readyNew: 0, expectedOld: 9),
    OldCase(
      name: "unavailable 2", replicas: 10, maxUnavailable: 2, old: 10, new: 0, readyOld: 10,
      readyNew: 0, expectedOld: 8),
    OldCase(
      name: "unhealthy old replicas are cleaned up", replicas: 10, maxUnavailable: 2, old: 10,
      new: 0, readyOld: 8, readyNew: 0, expectedOld: 8),
    OldCase(
      name: "one unhealthy cleaned up and one ready scaled down", replicas: 10,
      maxUnavailable: 2, old: 10, new: 0, readyOld: 9, readyNew: 0, expectedOld: 8),
    OldCase(
      name: "unavailable new pods block further scale down", replicas: 10, maxUnavailable: 2,
      old: 8, new: 2, readyOld: 8, readyNew: 0, expectedOld: nil),
  ])
  func reconcileOldReplicaSets(_ test: OldCase) throws {
    let snapshot = Fixture.snapshot(
      replicas: test.replicas, maxSurge: 0, maxUnavailable: test.maxUnavailable,
      new: Fixture.rs("foo-new", replicas: test.new, available: test.readyNew, revision: 2),
      old: [Fixture.rs("foo-old", replicas: test.old, available: test.readyOld)],
      params: ["call": "reconcileOldReplicaSets"])
    let decision = try Self.run(snapshot)
    #expect(decision.state?["result"] == .bool(test.expectedOld != nil))
    #expect(decision.scale.last?.replicas == test.expectedOld)
  }

  struct CleanupCase: Sendable, CustomTestStringConvertible {
    var old: Int
    var ready: Int
    var maxCleanup: Int
    var expected: Int
    var testDescription: String {
      "old \(old), ready \(ready), maxCleanup \(maxCleanup) -> \(expected)"
    }
  }

  /// TestDeploymentController_cleanupUnhealthyReplicas.
  @Test(arguments: [
    CleanupCase(old: 10, ready: 8, maxCleanup: 1, expected: 1),
    CleanupCase(old: 10, ready: 8, maxCleanup: 3, expected: 2),
    CleanupCase(old: 10, ready: 8, maxCleanup: 0, expected: 0),
    CleanupCase(old: 10, ready: 10, maxCleanup: 3, expected: 0),
  ])
  func cleanupUnhealthyReplicas(_ test: CleanupCase) throws {
    let snapshot = Fixture.snapshot(
      replicas: 10, maxSurge: 2, maxUnavailable: 2,
      new: Fixture.rs("foo-new", replicas: 0, revision: 2),
      old: [Fixture.rs("foo-old", replicas: test.old, available: test.ready)],
      params: ["call": "cleanupUnhealthyReplicas", "maxCleanup": .int(test.maxCleanup)])
    let decision = try Self.run(snapshot)
    #expect(decision.state?["result"] == .int(test.expected))
    #expect(decision.scale.map(\.replicas) == (test.expected > 0 ? [test.old - test.expected] : []))
  }

  struct ScaleDownCase: Sendable, CustomTestStringConvertible {
    var replicas: Int
    var maxUnavailable: Int
    var ready: Int
    var old: Int
    var expectedOld: Int?
    var testDescription: String {
      "replicas \(replicas), maxUnavailable \(maxUnavailable), ready \(ready), old \(old)"
    }
  }

  /// TestDeploymentController_scaleDownOldReplicaSetsForRollingUpdate.
  @Test(arguments: [
    ScaleDownCase(replicas: 10, maxUnavailable: 1, ready: 10, old: 10, expectedOld: 9),
    ScaleDownCase(replicas: 10, maxUnavailable: 2, ready: 10, old: 10, expectedOld: 8),
    ScaleDownCase(replicas: 10, maxUnavailable: 2, ready: 8, old: 10, expectedOld: nil),
    ScaleDownCase(replicas: 10, maxUnavailable: 2, ready: 10, old: 0, expectedOld: nil),
    ScaleDownCase(replicas: 10, maxUnavailable: 2, ready: 1, old: 10, expectedOld: nil),
  ])
  func scaleDownOldReplicaSets(_ test: ScaleDownCase) throws {
    let snapshot = Fixture.snapshot(
      replicas: test.replicas, maxSurge: 0, maxUnavailable: test.maxUnavailable,
      new: Fixture.rs("foo-new", replicas: 0, revision: 2),
      old: [Fixture.rs("foo-old", replicas: test.old, available: test.ready)],
      params: ["call": "scaleDownOldReplicaSets"])
    let decision = try Self.run(snapshot)
    #expect(decision.scale.last?.replicas == test.expectedOld)
  }
}
