import Engine
import KubeClient
import Testing

@testable import RolloutController

/// Leader election on a Lease of `rollout serve`: one leader, and a standby that takes over
/// once the leader stops renewing (or at once when it releases). No assertion here times
/// anything: the timings are the Lease's, checked as numbers.
@Suite(.serialized) struct LeaderElectorTests {
  static let fast = LeaderElector.Timing(
    leaseDuration: .seconds(2), renewDeadline: .milliseconds(1500),
    retryPeriod: .milliseconds(200))
  /// A Lease no test outlives: a standby can only get it by a release.
  static let long = LeaderElector.Timing(
    leaseDuration: .seconds(600), renewDeadline: .seconds(500), retryPeriod: .milliseconds(200))

  @Test func theStandardTimingHandsOverWithinFifteenSeconds() {
    let timing = LeaderElector.Timing.standard
    #expect(timing.leaseDuration + timing.retryPeriod <= .seconds(15))
    #expect(timing.renewDeadline < timing.leaseDuration, "the leader stops before it is replaced")
    #expect(timing.retryPeriod < timing.renewDeadline)
  }

  @Test func aHeldLeaseKeepsTheStandbyWaiting() async throws {
    try await ServedAPI.with { _, client in
      let lease = ObjectKey("default", "held")
      let first = LeaderElector(client: client, lease: lease, identity: "first", timing: Self.long)
      let second = LeaderElector(
        client: client, lease: lease, identity: "second", timing: Self.long)
      try await first.acquire()
      let renewing = Task { try await first.keepLeading() }
      let waiting = Task { try await second.acquire() }
      try await Task.sleep(for: .seconds(1))
      #expect(await second.isLeader == false)
      #expect(await first.isLeader)
      waiting.cancel()
      renewing.cancel()
      let holder = try await client.get(.leases, namespace: "default", name: "held")
      #expect(holder?["spec"]?["holderIdentity"] == "first")
    }
  }

  @Test func aLeaseNoLongerRenewedIsTakenOver() async throws {
    try await ServedAPI.with { _, client in
      let lease = ObjectKey("default", "abandoned")
      let first = LeaderElector(client: client, lease: lease, identity: "first", timing: Self.fast)
      let second = LeaderElector(
        client: client, lease: lease, identity: "second", timing: Self.fast)
      // The leader dies at once: it never renews.
      try await first.acquire()
      try await second.acquire()
      #expect(await second.isLeader)
      let holder = try await client.get(.leases, namespace: "default", name: "abandoned")
      #expect(holder?["spec"]?["holderIdentity"] == "second")
      #expect(holder?["spec"]?["leaseTransitions"] == 1)
    }
  }

  @Test func aReleasedLeaseIsTakenWithoutWaitingItOut() async throws {
    try await ServedAPI.with { _, client in
      let lease = ObjectKey("default", "released")
      let first = LeaderElector(client: client, lease: lease, identity: "first", timing: Self.long)
      let second = LeaderElector(
        client: client, lease: lease, identity: "second", timing: Self.long)
      try await first.acquire()
      await first.release()
      // Without the release this would wait out 600 s: the guard ends the test long before.
      let tookOver = try await withThrowingTaskGroup(of: Bool.self) { group in
        group.addTask {
          try await second.acquire()
          return true
        }
        group.addTask {
          try await Task.sleep(for: .seconds(120))
          return false
        }
        let first = try await group.next() ?? false
        group.cancelAll()
        return first
      }
      #expect(tookOver)
      #expect(await second.isLeader)
    }
  }
}
