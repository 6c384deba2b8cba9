import Engine
import Foundation
import Store
import Testing

@testable import Simulator

@Suite struct SimulatorSnapshotTests {
  typealias F = SimulatorFixtures

  static let settings = SimulationSettings(
    readyAfter: 2, terminateAfter: 4, readyJitter: 3, seed: 11,
    imageRules: [ImageRule(pattern: "*:crashy", behaviour: .crashAfter(seconds: 7))])

  /// The first half of a scenario: leaves pods at every stage and a write not yet acted on.
  private func firstHalf(_ sim: SimulatedCluster) throws {
    try sim.create(F.deployment())
    try sim.create(F.replicaSet(replicas: 6, minReadySeconds: 3))
    try sim.create(F.replicaSet("web-crashy", replicas: 3, image: "web:crashy"))
    sim.advance(by: 3.5)
    var replicaSet = sim.get(ReplicaSet.self, ObjectKey("default", "web-7f9c"))!
    replicaSet.spec.replicas = 2
    try sim.update(replicaSet)
    sim.advance(by: 0.25)
    replicaSet = sim.get(ReplicaSet.self, ObjectKey("default", "web-7f9c"))!
    replicaSet.spec.replicas = 8
    try sim.update(replicaSet)  // not yet seen by the ReplicaSet controller
  }

  /// Everything observable of the second half.
  struct Observed: Equatable {
    var waits: [ClusterWait] = []
    var clock: [Double] = []
    var pods: [Pod] = []
    var replicaSets: [ReplicaSet] = []
  }

  /// The second half: records everything observable.
  private func secondHalf(_ sim: SimulatedCluster) throws -> Observed {
    var log = Observed()
    for step in 0..<200 {
      let wait = sim.waitForChange(until: step == 5 ? sim.now + 1 : nil)
      log.waits.append(wait)
      log.clock.append(sim.now)
      if step == 8 {
        var replicaSet = sim.get(ReplicaSet.self, ObjectKey("default", "web-crashy"))!
        replicaSet.spec.replicas = 5
        try sim.update(replicaSet)
      }
      if wait == .idle { break }
    }
    log.pods = sim.list(Pod.self, namespace: nil)
    log.replicaSets = sim.list(ReplicaSet.self, namespace: nil)
    return log
  }

  @Test func restoredClusterHasTheSameFuture() throws {
    let straight = SimulatedCluster(settings: Self.settings)
    try firstHalf(straight)
    let saved = try JSONEncoder().encode(straight.snapshot())
    let expected = try secondHalf(straight)

    let snapshot = try JSONDecoder().decode(SimulatedCluster.Snapshot.self, from: saved)
    let restored = SimulatedCluster(snapshot: snapshot, settings: Self.settings)
    #expect(restored.snapshot() == snapshot)
    let actual = try secondHalf(restored)
    #expect(actual.waits == expected.waits)
    #expect(actual.clock == expected.clock)
    #expect(actual.pods == expected.pods)
    #expect(actual.replicaSets == expected.replicaSets)
    #expect(restored.snapshot() == straight.snapshot())
    #expect(expected.waits.count > 10 && expected.pods.count == 13)
  }

  @Test func snapshotRefusesUnknownFormat() throws {
    let sim = SimulatedCluster()
    var json =
      try JSONSerialization.jsonObject(with: JSONEncoder().encode(sim.snapshot()))
      as! [String: Any]
    json["formatVersion"] = 99
    let data = try JSONSerialization.data(withJSONObject: json)
    #expect {
      try JSONDecoder().decode(SimulatedCluster.Snapshot.self, from: data)
    } throws: { error in
      "\(error)".contains("format 99 is not supported")
    }
  }

  @Test func roundTripsThroughTheStateStore() throws {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("rollout-store-\(UUID().uuidString)").path
    let store = try StateStore.open(directory: directory + "/state")
    defer { store.close() }
    let sim = SimulatedCluster(settings: SimulationSettings(readyJitter: 1.5, seed: 9))
    try sim.create(SimulatorFixtures.replicaSet(replicas: 5))
    sim.advance(by: 2.5)
    try store.save(sim.snapshot(), as: "cluster.json")
    let loaded = try #require(try store.load("cluster.json", as: SimulatedCluster.Snapshot.self))
    #expect(loaded == sim.snapshot())
  }
}
