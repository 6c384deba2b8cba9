import Engine
import Foundation
import Testing

/// The stock pause-at-percentage strategy on a plain 8-replica Deployment, parameters from
/// `--param`: it holds at each threshold until promoted (or resumed).
@Suite struct PauseAtPercentageTests {
  /// A sandbox with web:1.0 at 8 replicas rolled out; returns the v2 manifest's path too.
  func rolledOutV1() throws -> (Sandbox, String) {
    let box = try Sandbox()
    let eight = [("  replicas: 10\n", "  replicas: 8\n")]
    let v1 = try box.copy(example: "web-v1.yaml", to: "v1.yaml", replacing: eight)
    let first = try box.run([v1, "--state", box.state])
    #expect(first.status == 0, "\(first)")
    let v2 = try box.copy(example: "web-v2.yaml", to: "v2.yaml", replacing: eight)
    return (box, v2)
  }

  /// Checks the rollout is paused at a threshold with the new ReplicaSet at `updated` available
  /// pods and the old one at the rest.
  func expectHeld(_ result: RolloutResult, box: Sandbox, updated: Int) throws {
    #expect(result.status == 3, "\(result)")
    let summary = try result.summary()
    #expect(summary["reason"]?.stringValue == "PausedAtPercentage", "\(result)")
    // maxUnavailable 25% of 8 = 2: never fewer than 6 available.
    #expect(try #require(summary["minAvailable"]?.intValue) >= 6, "\(result)")
    let store = try StoreDocument(state: box.state, deployment: "web")
    let new = try #require(store.revision(2))
    #expect(new.replicas == updated && new.available == updated, "\(store)")
    #expect(store.revision(1)?.replicas == 8 - updated, "\(store)")
  }

  @Test func stopsAtEachThresholdUntilPromoted() throws {
    let (box, v2) = try rolledOutV1()
    let first = try box.run([
      v2, "--strategy", "pause-at-percentage", "--param", "pauseAt=[25,50,75]", "--state",
      box.state, "-o", "jsonl",
    ])
    try expectHeld(first, box: box, updated: 2)
    let get = try box.run(["get", "web", "--state", box.state])
    #expect(get.stdout.contains("Paused (PausedAtPercentage)"), "\(get)")

    let second = try box.run(["promote", "web", "--state", box.state, "-o", "jsonl"])
    try expectHeld(second, box: box, updated: 4)
    let third = try box.run(["promote", "web", "--state", box.state, "-o", "jsonl"])
    try expectHeld(third, box: box, updated: 6)

    let last = try box.run(["promote", "web", "--state", box.state, "-o", "jsonl"])
    #expect(last.status == 0, "\(last)")
    #expect(try last.summary()["result"]?.stringValue == "complete")
    #expect(try #require(try last.summary()["minAvailable"]?.intValue) >= 6)
    let done = try StoreDocument(state: box.state, deployment: "web")
    #expect(done.revision(2)?.replicas == 8 && done.revision(1)?.replicas == 0, "\(done)")
  }

  @Test func resumeEndsAThresholdPause() throws {
    let (box, v2) = try rolledOutV1()
    let first = try box.run([
      v2, "--strategy", "pause-at-percentage", "--param", "pauseAt=[25,50,75]", "--state",
      box.state,
    ])
    #expect(first.status == 3, "\(first)")
    let resumed = try box.run(["resume", "web", "--state", box.state, "-o", "jsonl"])
    try expectHeld(resumed, box: box, updated: 4)
    let status = try box.run(["status", "web", "--no-watch", "--state", box.state])
    #expect(status.status == 3, "\(status)")
  }
}
