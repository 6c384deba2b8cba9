import Engine
import KubeClient
import Testing

@testable import RolloutController

/// Leader election on a Lease of `rollout serve`: one leader, and a standby that takes over
/// once the leader stops renewing (or at once when it releases).
@Suite(.serialized) struct LeaderElectorTests {
  static let fast = LeaderElector.Timing(
    leaseDuration: .seconds(2), renewDeadline: .milliseconds(1500),
    retryPeriod: .milliseconds(200))

  @Test func oneLeadsTheOtherWaitsThenTakesOver() async throws {
    try await ServedAPI.with { served, client in
      let lease = ObjectKey("default", "test-lease")
      let first = LeaderElector(client: client, lease: lease, identity: "first", timing: Self.fast)
      let second = LeaderElector(
        client: client, lease: lease, identity: "second", timing: Self.fast)
      try await first.acquire()
      let waiting = Task { try await second.acquire() }
      try await Task.sleep(for: .seconds(1))
      #expect(await second.isLeader == false, "the Lease is held and renewed")
      // The leader dies without releasing: no renewals; the standby waits out the duration.
      let renewing = Task { try await first.keepLeading() }
      renewing.cancel()
      let start = ContinuousClock.now
      try await waiting.value
      #expect(await second.isLeader)
      #expect(ContinuousClock.now - start < .seconds(5))
      let holder = try await client.get(.leases, namespace: "default", name: "test-lease")
      #expect(holder?["spec"]?["holderIdentity"] == "second")
      #expect(holder?["spec"]?["leaseTransitions"] == 1)
    }
  }

  @Test func aReleasedLeaseIsTakenAtOnce() async throws {
    try await ServedAPI.with { served, client in
      let lease = ObjectKey("default", "released")
      let first = LeaderElector(client: client, lease: lease, identity: "first", timing: Self.fast)
      let second = LeaderElector(
        client: client, lease: lease, identity: "second", timing: Self.fast)
      try await first.acquire()
      await first.release()
      let start = ContinuousClock.now
      try await second.acquire()
      #expect(ContinuousClock.now - start < .seconds(1))
    }
  }
}
