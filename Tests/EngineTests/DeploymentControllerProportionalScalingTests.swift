import Engine
import Testing

/// A change of `replicas` mid-rollout is spread over the active ReplicaSets (sync.go `scale`,
/// `getReplicaSetFraction`), then the rollout goes on at the new size.
struct DeploymentControllerProportionalScalingTests {
  struct Case: Sendable, CustomTestStringConvertible {
    var replicas: Int
    var old: Int
    var new: Int
    var testDescription: String { "10 -> \(replicas) mid-rollout: old \(old), new \(new)" }
  }

  static let cases: [Case] = [
    // maxSurge ceil(25% of 20) = 5, allowed 25, toAdd 25 - 13 = 12. Largest first (old 8):
    // round(8 * 25 / 13) = round(15.38) = 15, +7; new: round(5 * 25 / 13) = round(9.62) = 10,
    // +5 (capped by 12 - 7 = 5). Nothing left over.
    .init(replicas: 20, old: 15, new: 10),
    // maxSurge ceil(25% of 5) = 2, allowed 7, toAdd 7 - 13 = -6. Largest first (old 8):
    // round(8 * 7 / 13) = round(4.31) = 4, -4; new: round(5 * 7 / 13) = round(2.69) = 3, -2
    // (capped by -6 + 4 = -2). Nothing left over.
    .init(replicas: 5, old: 4, new: 3),
    // maxSurge ceil(25% of 11) = 3, allowed 14, toAdd 1. old: round(8 * 14 / 13) = round(8.62)
    // = 9, +1; new: round(5 * 14 / 13) = round(5.38) = 5, +0 (and only 0 is left anyway).
    .init(replicas: 11, old: 9, new: 5),
    // maxSurge ceil(25% of 1) = 1, allowed 2, toAdd -11. old: round(8 * 2 / 13) = round(1.23)
    // = 1, -7; new: round(5 * 2 / 13) = round(0.77) = 1, -4. Nothing left over.
    .init(replicas: 1, old: 1, new: 1),
  ]

  @Test(arguments: cases)
  func aScalingEventSharesTheNewSizeProportionally(_ example: Case) throws {
    let harness = try ControllerHarness(ControllerFixtures.deployment(replicas: 10))
    try harness.run()
    try harness.setImage("web:v2")
    try harness.settleInstant()
    _ = harness.cluster.waitForChange(until: nil)
    let old = try #require(harness.replicaSet(image: "web:v1"))
    let new = try #require(harness.replicaSet(image: "web:v2"))
    #expect(old.replicas == 8)
    #expect(new.replicas == 5)
    for rs in [old, new] {
      #expect(rs.metadata.annotation(Annotations.maxReplicas) == "13")
      #expect(rs.metadata.annotation(Annotations.desiredReplicas) == "10")
    }

    let mark = harness.events.count
    try harness.edit { $0.spec.replicas = example.replicas }
    try harness.settleInstant()
    let proportional = harness.events[mark...].compactMap { event -> ScaleRecord? in
      guard case .scaled(let time, _, let name, _, let from, let to, .proportional) = event
      else { return nil }
      let image = name == old.metadata.name ? "web:v1" : "web:v2"
      return ScaleRecord(image: image, from: from, to: to, time: time)
    }
    let now = harness.cluster.now
    let expected = [
      ScaleRecord(image: "web:v1", from: 8, to: example.old, time: now),
      ScaleRecord(image: "web:v2", from: 5, to: example.new, time: now),
    ].filter { $0.from != $0.to }
    // Upstream writes largest first; the engine writes the new ReplicaSet first. Both land at
    // the same instant, so only the sizes are compared.
    #expect(Set(proportional) == Set(expected))
    #expect(proportional.count == expected.count)
    let surge = (example.replicas + 3) / 4
    for rs in harness.replicaSets {
      #expect(rs.metadata.annotation(Annotations.desiredReplicas) == String(example.replicas))
      #expect(
        rs.metadata.annotation(Annotations.maxReplicas) == String(example.replicas + surge))
    }

    let outcome = try harness.run()
    #expect(outcome.result == .complete)
    #expect(harness.replicaSet(image: "web:v2")?.replicas == example.replicas)
    #expect(harness.replicaSet(image: "web:v2")?.availableReplicas == example.replicas)
    #expect(harness.replicaSet(image: "web:v1")?.replicas == 0)
    #expect(harness.deployment.status?.availableReplicas == example.replicas)
  }

  @Test func scalingAFinishedRolloutResizesTheOnlyActiveReplicaSet() throws {
    let harness = try ControllerHarness(ControllerFixtures.deployment(replicas: 10))
    try harness.run()
    try harness.setImage("web:v2")
    try harness.run()
    let mark = harness.events.count
    try harness.edit { $0.spec.replicas = 4 }
    #expect(try harness.run().result == .complete)
    #expect(harness.scales(from: mark).map { [$0.from, $0.to] } == [[10, 4]])
    #expect(harness.replicaSet(image: "web:v2")?.replicas == 4)
    #expect(harness.replicaSet(image: "web:v1")?.replicas == 0)
  }
}
