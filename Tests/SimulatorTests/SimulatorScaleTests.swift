import Engine
import Foundation
import Testing

@testable import Simulator

@Suite struct SimulatorScaleTests {
  typealias F = SimulatorFixtures

  @Test func tenThousandPodsScaleUpAndDown() throws {
    let sim = SimulatedCluster(settings: SimulationSettings(terminateAfter: 1, readyJitter: 1))
    let key = try sim.create(F.replicaSet(replicas: 10_000)).key
    F.runUntilIdle(sim)
    var replicaSet = try #require(sim.get(ReplicaSet.self, key))
    #expect(replicaSet.currentReplicas == 10_000 && replicaSet.availableReplicas == 10_000)
    #expect(sim.list(Pod.self, namespace: nil).count == 10_000)
    replicaSet.spec.replicas = 0
    try sim.update(replicaSet)
    F.runUntilIdle(sim)
    replicaSet = try #require(sim.get(ReplicaSet.self, key))
    #expect(replicaSet.currentReplicas == 0 && replicaSet.terminatingReplicas == 0)
    #expect(sim.list(Pod.self, namespace: nil).isEmpty && sim.pendingEventCount == 0)
  }

  /// A rolling update of `replicas` pods from one ReplicaSet to another, 25% surge and 25%
  /// unavailable, driven the way a Deployment controller drives it.
  static func rollingUpdate(replicas: Int, jitter: Double) throws -> (SimulatedCluster, Int) {
    let sim = SimulatedCluster(
      settings: SimulationSettings(terminateAfter: 1, readyJitter: jitter, seed: 3))
    let oldKey = try sim.create(F.replicaSet("web-old", replicas: replicas)).key
    F.runUntilIdle(sim)
    let newKey = try sim.create(F.replicaSet("web-new", replicas: 0, image: "web:v2")).key
    let quarter = replicas / 4
    var waits = 0
    while true {
      var old = sim.get(ReplicaSet.self, oldKey)!
      var new = sim.get(ReplicaSet.self, newKey)!
      if new.availableReplicas == replicas && old.replicas == 0 { break }
      let newTarget = min(replicas, max(new.replicas, replicas + quarter - old.replicas))
      if newTarget != new.replicas {
        new.spec.replicas = newTarget
        try sim.update(new)
      }
      let oldTarget = min(old.replicas, max(0, replicas - quarter - new.availableReplicas))
      if oldTarget != old.replicas {
        old.spec.replicas = oldTarget
        try sim.update(old)
      }
      guard case .changed = sim.waitForChange(until: nil) else { break }
      waits += 1
    }
    return (sim, waits)
  }

  @Test(arguments: [0.0, 2.0])
  func tenThousandPodRollingUpdateCompletes(jitter: Double) throws {
    let (sim, waits) = try Self.rollingUpdate(replicas: 10_000, jitter: jitter)
    let new = try #require(sim.get(ReplicaSet.self, ObjectKey("default", "web-new")))
    #expect(new.availableReplicas == 10_000)
    #expect(sim.get(ReplicaSet.self, ObjectKey("default", "web-old"))?.currentReplicas == 0)
    #expect(waits > 4)
  }

  /// A timed run for manual checks: `ROLLOUT_SCALE_PODS=100000 swift test -c release
  /// --filter SimulatorScaleTests/timedRollingUpdate`.
  @Test(.enabled(if: ProcessInfo.processInfo.environment["ROLLOUT_SCALE_PODS"] != nil))
  func timedRollingUpdate() throws {
    let replicas = Int(ProcessInfo.processInfo.environment["ROLLOUT_SCALE_PODS"] ?? "") ?? 10_000
    let clock = ContinuousClock()
    var result: (SimulatedCluster, Int)?
    let elapsed = try clock.measure {
      result = try Self.rollingUpdate(replicas: replicas, jitter: 2)
    }
    let (sim, waits) = try #require(result)
    print("rolling update of \(replicas) pods: \(elapsed), \(waits) waits, virtual \(sim.now) s")
    #expect(
      sim.get(ReplicaSet.self, ObjectKey("default", "web-new"))?.availableReplicas == replicas)
  }
}
