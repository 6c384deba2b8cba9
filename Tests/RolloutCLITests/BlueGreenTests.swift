import Engine
import Foundation
import Testing

/// The stock blue-green strategy on `examples/argo/rollout-bluegreen.yaml` (3 replicas, active
/// and preview Services, scaleDownDelaySeconds 30) through the built binary.
@Suite struct BlueGreenTests {
  /// `pod-template-hash` pinned in each Service's selector, from `<state>/cluster.json`.
  static func pinnedHashes(state: String) throws -> [String: String] {
    let data = try Data(
      contentsOf: URL(fileURLWithPath: state).appendingPathComponent("cluster.json"))
    let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let body = try #require(root["data"] as? [String: Any])
    var hashes: [String: String] = [:]
    for service in (body["services"] as? [[String: Any]]) ?? [] {
      let name = (service["metadata"] as? [String: Any])?["name"] as? String ?? "?"
      let selector = (service["spec"] as? [String: Any])?["selector"] as? [String: Any]
      hashes[name] = selector?["pod-template-hash"] as? String ?? ""
    }
    return hashes
  }

  /// A sandbox where shop:1.0 is rolled out from `example` edited by `edits`; returns the v2
  /// manifest's path too.
  func rolledOutV1(edits: [(String, String)] = []) throws -> (Sandbox, String) {
    let box = try Sandbox()
    let v1 = try box.copy(example: "argo/rollout-bluegreen.yaml", to: "v1.yaml", replacing: edits)
    let first = try box.run([v1, "--state", box.state])
    #expect(first.status == 0, "\(first)")
    let v2 = try box.copy(
      example: "argo/rollout-bluegreen.yaml", to: "v2.yaml",
      replacing: edits + [("example/shop:1.0", "example/shop:2.0")])
    return (box, v2)
  }

  @Test func promotedSwitchesActiveAndScalesOldDownAfterTheDelay() throws {
    let (box, v2) = try rolledOutV1()
    let run = try box.run([v2, "--state", box.state, "-o", "jsonl"])
    #expect(run.status == 3, "\(run)")
    #expect(try run.summary()["reason"]?.stringValue == "BlueGreenPause")
    // The active side stays at full size while the new version comes up.
    #expect(try run.summary()["minAvailable"]?.intValue == 3)

    let paused = try StoreDocument(state: box.state, deployment: "shop-bg")
    let old = try #require(paused.revision(1))
    let new = try #require(paused.revision(2))
    #expect(old.replicas == 3 && new.replicas == 3 && new.available == 3, "\(paused)")
    #expect(
      try Self.pinnedHashes(state: box.state)
        == ["shop-bg-active": old.templateHash, "shop-bg-preview": new.templateHash])
    let get = try box.run(["get", "shop-bg", "--state", box.state])
    #expect(get.stdout.contains("Paused (BlueGreenPause)"), "\(get)")
    #expect(get.stdout.contains("example/shop:2.0 (preview)"), "\(get)")
    #expect(get.stdout.contains("example/shop:1.0 (stable, active)"), "\(get)")

    let promote = try box.run(["promote", "shop-bg", "--state", box.state, "-o", "jsonl"])
    #expect(promote.status == 0, "\(promote)")
    let lines = try promote.jsonLines()
    let switched = try #require(
      lines.first { $0.type == "service" && $0["service"]?.stringValue == "shop-bg-active" },
      "\(promote)")
    #expect(switched["replicaSet"]?.stringValue == new.name)
    #expect(switched["deployment"]?.stringValue == "shop-bg", "the event names the Rollout")
    let switchedAt = try #require(switched["time"]?.doubleValue)
    let scales = try promote.scaleLines()
    // Nothing scales between the switch and the delay; then the old version 3 -> 0 at T + 30.
    #expect(
      scales.map { [$0.replicaSet, "\($0.from)->\($0.to)", "\($0.time - switchedAt)"] }
        == [[old.name, "3->0", "30.0"]], "\(promote)")
    #expect(try promote.summary()["result"]?.stringValue == "complete")
    #expect(try promote.summary()["minAvailable"]?.intValue == 3)
    let hash = new.templateHash
    #expect(
      try Self.pinnedHashes(state: box.state) == ["shop-bg-active": hash, "shop-bg-preview": hash])
    let done = try StoreDocument(state: box.state, deployment: "shop-bg")
    #expect(done.podsByOwner == [new.name: 3], "\(done)")
  }

  @Test func autoPromotionAfterTwentySecondsNeedsNoOperator() throws {
    let (box, v2) = try rolledOutV1(edits: [
      (
        "autoPromotionEnabled: false",
        "autoPromotionEnabled: true\n      autoPromotionSeconds: 20"
      )
    ])
    let run = try box.run([v2, "--state", box.state, "-o", "jsonl"])
    #expect(run.status == 0, "\(run)")
    let lines = try run.jsonLines()
    let paused = try #require(lines.first { $0.type == "paused" }, "\(run)")
    #expect(paused["reason"]?.stringValue == "BlueGreenPause")
    let pausedAt = try #require(paused["time"]?.doubleValue)
    #expect(paused["until"]?.doubleValue == pausedAt + 20)
    let switched = try #require(
      lines.first { $0.type == "service" && $0["service"]?.stringValue == "shop-bg-active" },
      "\(run)")
    #expect(switched["time"]?.doubleValue == pausedAt + 20)
    let oldDown = try run.scaleLines().filter { $0.revision == 1 }
    #expect(oldDown.map(\.to) == [0] && oldDown.first?.time == pausedAt + 50, "\(run)")
    let summary = try run.summary()
    #expect(summary["result"]?.stringValue == "complete")
    #expect(summary["minAvailable"]?.intValue == 3)
  }
}
