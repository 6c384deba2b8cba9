import Engine
import Foundation
import Testing

/// A v2 whose pods never become Ready (`--fault IMAGE=never-ready`) under every stock strategy:
/// the rollout stops advancing, exits 1 with ProgressDeadlineExceeded after
/// progressDeadlineSeconds (30), and availability never drops below what the strategy promises.
@Suite struct BadImageTests {
  /// A stock strategy and how to run it on a v2 that never becomes Ready.
  struct Case: CustomStringConvertible, Sendable {
    var strategy: String
    /// Extra arguments for the v2 run (`--strategy`, `--param`).
    var arguments: [String]
    var description: String { strategy }
  }

  /// The strategies run on `examples/web-v*.yaml` (10 replicas, maxSurge 3, maxUnavailable 2);
  /// pauses are absent or never reached, so the deadline can pass.
  static let webCases: [Case] = [
    Case(strategy: "rolling", arguments: ["--strategy", "rolling"]),
    Case(
      strategy: "canary",
      arguments: [
        "--strategy", "canary", "--param",
        "steps=[{setWeight: 20}, {pause: {duration: 10}}, {setWeight: 60}]",
      ]),
    Case(
      strategy: "pause-at-percentage",
      arguments: ["--strategy", "pause-at-percentage", "--param", "pauseAt=[50]"]),
  ]

  /// Runs v1 then the never-ready v2 of `example` (`image` is v2's image); checks what every
  /// strategy shares and returns the v2 run.
  func runNeverReady(
    example: String, v1Edits: [(String, String)] = [], v2Edits: [(String, String)],
    image: String, arguments: [String], deployment: String
  ) throws -> (Sandbox, RolloutResult) {
    let box = try Sandbox()
    let v1 = try box.copy(example: example, to: "v1.yaml", replacing: v1Edits)
    let first = try box.run([v1, "--state", box.state] + arguments)
    #expect(first.status == 0, "\(first)")
    let v2 = try box.copy(example: example, to: "v2.yaml", replacing: v2Edits)
    let result = try box.run(
      [v2, "--fault", "\(image)=never-ready", "--state", box.state, "-o", "jsonl"] + arguments)
    #expect(result.status == 1, "\(result)")
    let lines = try result.jsonLines()
    let exceeded = try #require(lines.first { $0.type == "progressDeadlineExceeded" }, "\(result)")
    let start = try #require(lines.first?["time"]?.doubleValue)
    let after = try #require(exceeded["time"]?.doubleValue) - start
    #expect(after >= 30 && after < 31, "\(result)")
    let summary = try result.summary()
    #expect(summary["reason"]?.stringValue == "ProgressDeadlineExceeded", "\(result)")
    #expect(summary["result"]?.stringValue == "progressDeadlineExceeded", "\(result)")
    #expect(summary["exitCode"]?.intValue == 1)
    let get = try box.run(["get", deployment, "--state", box.state])
    #expect(get.stdout.contains("Degraded (ProgressDeadlineExceeded)"), "\(get)")
    return (box, result)
  }

  static let deadline = [("  replicas: 10\n", "  replicas: 10\n  progressDeadlineSeconds: 30\n")]

  @Test(arguments: webCases)
  func keepsReplicasMinusMaxUnavailable(_ testCase: Case) throws {
    let (box, result) = try runNeverReady(
      example: "web-v2.yaml", v1Edits: [("example/web:2.0", "example/web:1.0")],
      v2Edits: Self.deadline, image: "example/web:2.0", arguments: testCase.arguments,
      deployment: "web")
    // No v2 pod is ever available, so what serves is revision 1 alone: it must keep
    // replicas - maxUnavailable = 10 - 2 = 8 at every scale.
    var old = 10
    for scale in try result.scaleLines() where scale.revision == 1 {
      #expect(scale.from == old, "\(scale)")
      old = scale.to
      #expect(old >= 8, "\(scale)")
    }
    #expect(try #require(try result.summary()["minAvailable"]?.intValue) >= 8)
    let store = try StoreDocument(state: box.state, deployment: "web")
    let new = try #require(store.revision(2))
    #expect(new.available == 0 && new.replicas < 10, "stopped advancing: \(store)")
  }

  @Test func recreateHasOnlyTheNewReplicaSet() throws {
    // Recreate promises no availability during an update (downtime by design): every old pod
    // goes before a new one is created. With a bad image, the new ReplicaSet is the only one
    // with pods, none available, and the deadline is reported.
    let (box, result) = try runNeverReady(
      example: "web-v2.yaml", v1Edits: [("example/web:2.0", "example/web:1.0")],
      v2Edits: Self.deadline, image: "example/web:2.0", arguments: ["--strategy", "recreate"],
      deployment: "web")
    #expect(try result.summary()["minAvailable"]?.intValue == 0)
    let store = try StoreDocument(state: box.state, deployment: "web")
    let new = try #require(store.revision(2))
    #expect(store.revision(1)?.replicas == 0, "\(store)")
    #expect(store.podsByOwner == [new.name: 10], "\(store)")
    #expect(new.available == 0)
  }

  @Test func blueGreenKeepsTheActiveSideWhole() throws {
    let (box, result) = try runNeverReady(
      example: "argo/rollout-bluegreen.yaml",
      v2Edits: [
        ("example/shop:1.0", "example/shop:2.0"),
        ("  replicas: 3\n", "  replicas: 3\n  progressDeadlineSeconds: 30\n"),
      ],
      image: "example/shop:2.0", arguments: [], deployment: "shop-bg")
    // The active side stays at full size and keeps the traffic.
    #expect(try result.scaleLines().filter { $0.revision == 1 }.isEmpty, "\(result)")
    #expect(try result.summary()["minAvailable"]?.intValue == 3)
    let store = try StoreDocument(state: box.state, deployment: "shop-bg")
    let old = try #require(store.revision(1))
    #expect(old.replicas == 3 && old.available == 3, "\(store)")
    #expect(
      !(try result.jsonLines().contains {
        $0.type == "service" && $0["service"]?.stringValue == "shop-bg-active"
      }), "\(result)")
    #expect(try BlueGreenTests.pinnedHashes(state: box.state)["shop-bg-active"] == old.templateHash)
  }
}
