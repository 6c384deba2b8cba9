import Engine
import Foundation
import Simulator
import Testing

/// A rollout saved mid-way (cluster snapshot, JSON round trip) and continued in a new process
/// (fresh cluster object and controller) ends exactly as if it had never stopped.
struct RolloutRunnerRestoreTests {
  static let settings = SimulationSettings(
    readyAfter: 2, terminateAfter: 1, readyJitter: 2, seed: 42)

  @Test(arguments: [1, 2, 4])
  func aRestoredRolloutFinishesLikeAnUninterruptedOne(instants: Int) throws {
    let original = try ControllerHarness(
      ControllerFixtures.deployment(replicas: 10), settings: Self.settings)
    #expect(try original.run().result == .complete)
    try original.setImage("web:v2")
    for _ in 0..<instants { try original.step() }
    #expect(!original.scales().filter { $0.image == "web:v2" }.isEmpty)

    let data = try JSONEncoder().encode(original.cluster.snapshot())
    let snapshot = try JSONDecoder().decode(SimulatedCluster.Snapshot.self, from: data)
    let restored = try ControllerHarness(
      nil, cluster: SimulatedCluster(snapshot: snapshot, settings: Self.settings),
      strategy: NativeRollingStrategy(), create: false)

    let mark = original.events.count
    let uninterrupted = try original.run()
    let resumed = try restored.run()

    #expect(uninterrupted.result == .complete)
    #expect(resumed.result == .complete)
    #expect(resumed.finished == uninterrupted.finished)
    #expect(!restored.scales().isEmpty)
    #expect(restored.scales() == original.scales(from: mark))
    #expect(restored.events == Array(original.events[mark...]))
    #expect(restored.replicaSets == original.replicaSets)
    #expect(restored.deployment == original.deployment)
  }
}
