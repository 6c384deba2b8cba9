import Engine
import Testing

@testable import Simulator

@Suite struct SimulatorTimingTests {
  typealias F = SimulatorFixtures

  private func cluster(_ settings: SimulationSettings = SimulationSettings()) -> SimulatedCluster {
    SimulatedCluster(settings: settings)
  }

  private func status(_ cluster: SimulatedCluster, _ name: String = "web-7f9c") -> ReplicaSet {
    cluster.get(ReplicaSet.self, ObjectKey("default", name))!
  }

  @Test func podsBecomeReadyAfterTwoSeconds() throws {
    let sim = cluster()
    try sim.create(F.replicaSet(replicas: 3))
    guard case .changed(let created) = sim.waitForChange(until: nil) else {
      Issue.record("expected the pods' creation")
      return
    }
    #expect(sim.now == 0)
    #expect(created.map(\.reason) == ["3 pods of web-7f9c were created"])
    #expect(status(sim).currentReplicas == 3 && status(sim).readyReplicas == 0)
    #expect(sim.list(Pod.self, namespace: nil).allSatisfy { $0.status.phase == .pending })
    #expect(sim.waitForChange(until: 1.5) == .deadline)
    #expect(sim.now == 1.5)
    guard case .changed(let ready) = sim.waitForChange(until: nil) else {
      Issue.record("expected readiness")
      return
    }
    #expect(sim.now == 2)
    #expect(ready.map(\.reason) == ["3 pods of web-7f9c became ready"])
    #expect(status(sim).readyReplicas == 3 && status(sim).availableReplicas == 3)
    #expect(sim.waitForChange(until: nil) == .idle)
    #expect(sim.pendingEventCount == 0)
  }

  @Test func podNamesFollowKubernetesShape() throws {
    let sim = cluster()
    try sim.create(F.replicaSet(replicas: 20))
    sim.advance(by: 0)
    let alphabet = Set("bcdfghjklmnpqrstvwxz2456789")
    for pod in sim.list(Pod.self, namespace: nil) {
      let suffix = pod.metadata.name.dropFirst("web-7f9c-".count)
      #expect(pod.metadata.name.hasPrefix("web-7f9c-") && suffix.count == 5)
      #expect(suffix.allSatisfy(alphabet.contains))
    }
  }

  /// The times at which the pods of a 20-replica ReplicaSet become ready.
  private func readyTimes(seed: UInt64) throws -> [Double] {
    let sim = cluster(SimulationSettings(readyAfter: 2, readyJitter: 3, seed: seed))
    try sim.create(F.replicaSet(replicas: 20))
    F.runUntilIdle(sim)
    return sim.list(Pod.self, namespace: nil).compactMap(\.status.readySince).sorted()
  }

  @Test func jitterIsDeterministicPerSeed() throws {
    let first = try readyTimes(seed: 7)
    #expect(first == (try readyTimes(seed: 7)))
    #expect(first != (try readyTimes(seed: 8)))
    #expect(first.count == 20 && first.allSatisfy { $0 >= 2 && $0 < 5 })
    #expect(Set(first).count > 1)
  }

  @Test func minReadySecondsMakesAnAvailabilityEvent() throws {
    let sim = cluster()
    try sim.create(F.replicaSet(replicas: 2, minReadySeconds: 10))
    sim.advance(by: 2)
    #expect(status(sim).readyReplicas == 2 && status(sim).availableReplicas == 0)
    guard case .changed(let events) = sim.waitForChange(until: nil) else {
      Issue.record("expected availability")
      return
    }
    #expect(sim.now == 12)
    #expect(events.map(\.reason) == ["2 pods of web-7f9c became available"])
    #expect(status(sim).availableReplicas == 2)
    #expect(
      sim.list(Pod.self, namespace: nil).allSatisfy {
        $0.isAvailable(minReadySeconds: 10, now: sim.now)
      })
  }

  @Test func raisingMinReadySecondsWithdrawsAvailability() throws {
    let sim = cluster()
    var replicaSet = try sim.create(F.replicaSet(replicas: 2))
    sim.advance(by: 3)
    #expect(status(sim).availableReplicas == 2)
    replicaSet = status(sim)
    replicaSet.spec.minReadySeconds = 5
    try sim.update(replicaSet)
    #expect(status(sim).availableReplicas == 0)
    sim.advance(by: 3)
    #expect(sim.now == 6 && status(sim).availableReplicas == 0)
    sim.advance(by: 1)
    #expect(status(sim).availableReplicas == 2)
  }

  @Test func neverReadyImageStaysPending() throws {
    let rule = try ImageRule.parse("web:v3=never-ready")
    let sim = cluster(SimulationSettings(imageRules: [rule]))
    try sim.create(F.replicaSet(replicas: 2, image: "web:v3"))
    F.runUntilIdle(sim)
    #expect(status(sim).currentReplicas == 2 && status(sim).readyReplicas == 0)
    #expect(sim.waitForChange(until: 1000) == .deadline)
    #expect(sim.list(Pod.self, namespace: nil).allSatisfy { !$0.status.ready })
  }

  @Test func readyAfterRuleOverridesTheDefault() throws {
    let sim = cluster(
      SimulationSettings(imageRules: [try ImageRule.parse("web:*=ready-after:10s")]))
    try sim.create(F.replicaSet(replicas: 1))
    F.runUntilIdle(sim)
    #expect(sim.now == 10 && status(sim).readyReplicas == 1)
  }

  @Test func crashAfterMakesPodsNotReadyForGood() throws {
    let rule = try ImageRule.parse("*:canary=crash-after:30s")
    let sim = cluster(SimulationSettings(imageRules: [rule]))
    try sim.create(F.replicaSet(replicas: 1, image: "web:canary"))
    sim.advance(by: 2)
    #expect(status(sim).readyReplicas == 1)
    guard case .changed(let events) = sim.waitForChange(until: nil) else {
      Issue.record("expected a crash")
      return
    }
    #expect(sim.now == 32)
    #expect(events.count == 1 && events[0].reason.hasSuffix("crashed (CrashLoopBackOff)"))
    #expect(events[0].kind == "Pod")
    let pod = try #require(sim.list(Pod.self, namespace: nil).first)
    #expect(!pod.status.ready && pod.status.restartCount == 1 && pod.status.phase == .running)
    #expect(status(sim).readyReplicas == 0 && status(sim).availableReplicas == 0)
    #expect(status(sim).currentReplicas == 1)
    #expect(sim.waitForChange(until: nil) == .idle)
  }

  @Test func terminateAfterKeepsPodsTerminating() throws {
    let sim = cluster(SimulationSettings(terminateAfter: 30))
    var replicaSet = try sim.create(F.replicaSet(replicas: 3))
    sim.advance(by: 2)
    replicaSet = status(sim)
    replicaSet.spec.replicas = 1
    try sim.update(replicaSet)
    guard case .changed(let events) = sim.waitForChange(until: nil) else {
      Issue.record("expected terminations")
      return
    }
    #expect(events.map(\.reason) == ["2 pods of web-7f9c started terminating"])
    #expect(status(sim).currentReplicas == 1 && status(sim).terminatingReplicas == 2)
    #expect(status(sim).readyReplicas == 1)
    #expect(sim.list(Pod.self, namespace: nil).filter(\.isTerminating).count == 2)
    guard case .changed(let gone) = sim.waitForChange(until: nil) else {
      Issue.record("expected the pods to go")
      return
    }
    #expect(sim.now == 32 && gone.map(\.reason) == ["2 pods of web-7f9c terminated"])
    #expect(status(sim).terminatingReplicas == 0)
    #expect(sim.list(Pod.self, namespace: nil).count == 1)
  }

  @Test func scaleDownDeletesNotReadyFirstThenNewest() throws {
    let sim = cluster(SimulationSettings(readyAfter: 2))
    var replicaSet = try sim.create(F.replicaSet(replicas: 3))
    sim.advance(by: 0)
    let oldest = sim.list(Pod.self, namespace: nil).sorted { $0.metadata.uid! < $1.metadata.uid! }
    sim.advance(by: 2)
    replicaSet = status(sim)
    replicaSet.spec.replicas = 5
    try sim.update(replicaSet)
    sim.advance(by: 1)  // two more pods, not ready yet
    replicaSet = status(sim)
    replicaSet.spec.replicas = 2
    try sim.update(replicaSet)
    sim.advance(by: 0)
    let left = Set(sim.list(Pod.self, namespace: nil).map(\.metadata.name))
    // Both not-ready pods go first, then the newest ready one.
    #expect(left == Set(oldest.prefix(2).map(\.metadata.name)))
    #expect(status(sim).readyReplicas == 2 && status(sim).currentReplicas == 2)
  }

  @Test func deletingAReplicaSetDeletesItsPods() throws {
    let sim = cluster(SimulationSettings(terminateAfter: 5))
    let replicaSet = try sim.create(F.replicaSet(replicas: 4))
    let other = try sim.create(F.replicaSet("other", replicas: 1))
    sim.advance(by: 2)
    try sim.delete(ReplicaSet.self, replicaSet.key)
    #expect(sim.get(ReplicaSet.self, replicaSet.key) == nil)
    #expect(sim.list(Pod.self, namespace: nil).filter(\.isTerminating).count == 4)
    sim.advance(by: 5)
    #expect(
      sim.list(Pod.self, namespace: nil).map { $0.metadata.ownerReferences?.first?.name } == [
        other.metadata.name
      ])
  }

  @Test func deletingADeploymentDeletesItsReplicaSets() throws {
    let sim = cluster()
    let deployment = try sim.create(F.deployment())
    try sim.create(F.replicaSet(replicas: 2, owner: deployment))
    try sim.create(F.replicaSet("unowned", replicas: 1))
    sim.advance(by: 2)
    try sim.delete(Deployment.self, deployment.key)
    #expect(sim.list(ReplicaSet.self, namespace: nil).map(\.metadata.name) == ["unowned"])
    #expect(sim.list(Pod.self, namespace: nil).count == 1)
  }

  @Test func deletedPodIsReplaced() throws {
    let sim = cluster()
    try sim.create(F.replicaSet(replicas: 2))
    sim.advance(by: 2)
    let victim = try #require(sim.list(Pod.self, namespace: nil).first)
    try sim.delete(Pod.self, victim.key)
    #expect(status(sim).currentReplicas == 1)
    guard case .changed(let events) = sim.waitForChange(until: nil) else {
      Issue.record("expected a replacement")
      return
    }
    #expect(events.count == 1 && events[0].reason.hasSuffix("was created") && sim.now == 2)
    #expect(sim.get(Pod.self, victim.key) == nil)
    sim.advance(by: 2)
    #expect(status(sim).readyReplicas == 2)
  }

  @Test func newSettingsApplyToNewPods() throws {
    let sim = cluster()
    var replicaSet = try sim.create(F.replicaSet(replicas: 1))
    sim.advance(by: 0)
    sim.settings.readyAfter = 10
    replicaSet = status(sim)
    replicaSet.spec.replicas = 2
    try sim.update(replicaSet)
    sim.advance(by: 2)
    #expect(status(sim).readyReplicas == 1)
    sim.advance(by: 8)
    #expect(status(sim).readyReplicas == 2)
  }

  @Test func statusWritesDoNotOverrideTheClustersCounts() throws {
    let sim = cluster()
    var replicaSet = try sim.create(F.replicaSet(replicas: 2))
    sim.advance(by: 2)
    replicaSet = status(sim)
    replicaSet.status = ReplicaSetStatus(replicas: 99)
    let written = try sim.update(replicaSet)
    #expect(written.currentReplicas == 2 && written.metadata.generation == 1)
  }
}
