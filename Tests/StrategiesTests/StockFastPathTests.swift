import Engine
import Simulator
import Strategies
import Testing

/// Stock strategies run on a fast path (their chunk once, no count hook, `ctx` refilled in
/// place); the same script loaded as a user's file runs sandboxed, on a fresh `ctx` at every
/// step. Both must decide exactly the same on any sequence of snapshots, whatever the previous
/// step left in the reused tables: deployments interleaved, old ReplicaSets coming and going, a
/// stable ReplicaSet that is there and then not, Services, labels, state and params changing.
@Suite struct StockFastPathTests {
  static let params: [String: [String: JSONValue]] = [
    "rolling": [:],
    "recreate": [:],
    "canary": [
      "steps": [["setWeight": 20], ["pause": ["duration": 60]], ["setWeight": 60], ["pause": [:]]]
    ],
    "blue-green": ["activeService": "web-active", "previewService": "web-preview"],
    "pause-at-percentage": ["pauseAt": [25, 50, 75]],
  ]

  @Test(arguments: ["rolling", "recreate", "canary", "blue-green", "pause-at-percentage"])
  func sameDecisionsAsTheSandboxedScript(_ name: String) throws {
    let stock = try #require(StrategySource.stock(name))
    let fast = try LuaStrategy(source: stock)
    let sandboxed = try LuaStrategy(
      source: StrategySource(
        text: stock.text, displayName: stock.displayName, identity: "test:\(name)"))
    var random = SeededGenerator(seed: 7)
    var failed = 0
    for index in 0..<400 {
      let snapshot = Self.snapshot(index: index, params: Self.params[name] ?? [:], &random)
      let expected = Result { try sandboxed.step(snapshot) }
      let actual = Result { try fast.step(snapshot) }
      switch (actual, expected) {
      case (.success(let got), .success(let want)):
        #expect(got == want, "\(name), snapshot \(index): \(snapshot)")
      case (.failure(let got), .failure(let want)):
        failed += 1
        #expect("\(got)" == "\(want)", "\(name), snapshot \(index)")
      default:
        Issue.record("\(name), snapshot \(index): \(actual) vs \(expected)")
      }
    }
    // Strategies with parameters were given bad ones now and then, and refused them.
    #expect((failed > 0) == !(Self.params[name] ?? [:]).isEmpty, "\(failed) failed steps")
  }

  /// The fast path rewrites a ReplicaSet handle only when a field other than `replicas` differs
  /// (`ReplicaSetView.sameApartFromReplicas`): it compares these nine.
  @Test func theHandleComparisonKnowsEveryField() {
    let fields = Mirror(reflecting: Fixture.rs("web", replicas: 1)).children.compactMap(\.label)
    #expect(
      fields == [
        "name", "revision", "replicas", "currentReplicas", "readyReplicas", "availableReplicas",
        "terminatingReplicas", "images", "createdAt",
      ])
  }

  /// Two deployments taking turns, each with its own labels, Services and shape.
  static func snapshot(
    index: Int, params: [String: JSONValue], _ random: inout SeededGenerator
  ) -> StrategySnapshot {
    let app = index.isMultiple(of: 2) ? "web" : "api"
    let replicas = Int.random(in: 1...12, using: &random)
    func rs(_ suffix: String, revision: Int) -> ReplicaSetView {
      let size = Int.random(in: 0...replicas + 2, using: &random)
      var view = Fixture.rs(
        "\(app)-\(suffix)", replicas: size, available: Int.random(in: 0...size, using: &random),
        revision: revision, createdAt: Double(revision))
      view.images = (0..<Int.random(in: 1...3, using: &random)).map { "\(app):\(revision).\($0)" }
      return view
    }
    let old = (0..<Int.random(in: 0...4, using: &random)).map { rs("v\($0 + 1)", revision: $0 + 1) }
    var snapshot = Fixture.snapshot(
      replicas: replicas, maxSurge: Int.random(in: 1...3, using: &random),
      maxUnavailable: Int.random(in: 0...2, using: &random), new: rs("v9", revision: 9), old: old)
    snapshot.deployment.name = app
    snapshot.deployment.labels = index.isMultiple(of: 2) ? ["app": app, "tier": "front"] : [:]
    snapshot.deployment.annotations = index.isMultiple(of: 3) ? ["note": "\(index)"] : [:]
    snapshot.now = Double(index * 10)
    snapshot.stableReplicaSet = Bool.random(using: &random) ? old.last?.name : nil
    snapshot.params = .object(params)
    // Now and then parameters the strategy refuses: the step fails, and the next one must not
    // build on what the failed one left in the reused tables.
    if index % 13 == 5, !params.isEmpty {
      snapshot.params = .object(params.mapValues { _ in "nonsense" })
    }
    if Bool.random(using: &random) { snapshot.state = ["index": .int(index % 4)] }
    if index.isMultiple(of: 2) {
      snapshot.services = [
        ServiceView(name: "web-active", selector: ["app": app], replicaSet: old.last?.name),
        ServiceView(name: "web-preview", selector: ["app": app], replicaSet: nil),
      ]
    }
    snapshot.operatorIntents.promoted = index % 5 == 0
    snapshot.operatorIntents.aborted = index % 7 == 0
    return snapshot
  }
}
