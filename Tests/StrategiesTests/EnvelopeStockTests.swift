import Engine
import Scenarios
import Strategies
import Testing

/// The stock strategies never leave their safety envelope: Kubernetes' rolling steps on random
/// snapshots and across the fencepost tables of `RollingEquivalenceTests`, and whole canary,
/// pause-at-percentage, blue-green and recreate rollouts (promoted at every pause, and aborted).
@Suite struct EnvelopeStockTests {
  static func stock(_ name: String) throws -> LuaStrategy {
    try LuaStrategy(source: StrategySource.stock(name)!)
  }

  @Test func declaredEnvelopes() throws {
    #expect(try Self.stock("blue-green").declaredEnvelope == EnvelopeDeclaration(maxSurge: "100%"))
    #expect(
      try Self.stock("recreate").declaredEnvelope == EnvelopeDeclaration(maxUnavailable: "100%"))
    for name in ["rolling", "canary", "pause-at-percentage"] {
      #expect(try Self.stock(name).declaredEnvelope == nil, "\(name)")
    }
  }

  /// The 2,000 random snapshots of `RollingEquivalenceTests`: every rolling decision passes.
  @Test func rollingDecisionsOnRandomSnapshotsStayInside() throws {
    let lua = try Self.stock("rolling")
    for (index, snapshot) in Fixture.randomSnapshots(count: 2_000).enumerated() {
      let verdict = DecisionVerdict.judge(lua, on: snapshot)
      #expect(verdict.outcome == .applied, "snapshot \(index): \(snapshot)")
    }
  }

  /// The whole-rollout table of `RollingEquivalenceTests`, envelope on: every rollout completes
  /// and no decision is refused.
  @Test(arguments: [
    RollingEquivalenceTests.Scenario(
      replicas: 10, maxSurge: "25%", maxUnavailable: "25%", jitter: 0, seed: 0),
    .init(replicas: 10, maxSurge: "25%", maxUnavailable: "25%", jitter: 3, seed: 1),
    .init(replicas: 7, maxSurge: .int(1), maxUnavailable: .int(0), jitter: 2, seed: 2),
    .init(replicas: 7, maxSurge: .int(0), maxUnavailable: .int(1), jitter: 2, seed: 3),
    .init(replicas: 25, maxSurge: "50%", maxUnavailable: "10%", jitter: 5, seed: 4),
    .init(replicas: 3, maxSurge: "100%", maxUnavailable: "0%", jitter: 1, seed: 5),
    .init(
      replicas: 40, maxSurge: "30%", maxUnavailable: "30%", jitter: 4, seed: 6, minReadySeconds: 5),
  ])
  func rollingRolloutsStayInside(_ scenario: RollingEquivalenceTests.Scenario) throws {
    let rollout = try StockRollout(
      strategy: "rolling", replicas: scenario.replicas, maxSurge: scenario.maxSurge,
      maxUnavailable: scenario.maxUnavailable, jitter: scenario.jitter, seed: scenario.seed,
      minReadySeconds: scenario.minReadySeconds)
    try rollout.update(to: "web:2")
    try rollout.update(to: "web:3")
    #expect(rollout.refusals.isEmpty, "\(rollout.refusals)")
    #expect(rollout.records.count > 3)
    #expect(rollout.records.allSatisfy { $0.outcome == .applied })
  }

  struct Case: Sendable, CustomTestStringConvertible {
    var strategy: String
    var params: String
    var replicas: Int
    var maxSurge: IntOrString = "25%"
    var maxUnavailable: IntOrString = "25%"
    var jitter: Double = 2
    var testDescription: String { "\(strategy) \(replicas) replicas \(params)" }
  }

  static let cases: [Case] = [
    Case(
      strategy: "canary", params: "steps: [{setWeight: 20}, {pause: {}}, {setWeight: 60}]",
      replicas: 10),
    Case(
      strategy: "canary", params: "steps: [{setWeight: 33}, {pause: {duration: 30}}]", replicas: 7,
      maxSurge: 1, maxUnavailable: 0),
    Case(
      strategy: "canary", params: "steps: [{setWeight: 50}, {pause: {}}]", replicas: 5,
      maxSurge: 0, maxUnavailable: 1),
    Case(strategy: "pause-at-percentage", params: "pauseAt: [25, 50, 75]", replicas: 8),
    Case(
      strategy: "pause-at-percentage", params: "pauseAt: [10, 90]", replicas: 21, maxSurge: "50%",
      maxUnavailable: "10%"),
    Case(
      strategy: "blue-green", params: "{activeService: web-active, previewService: web-preview}",
      replicas: 4),
    Case(
      strategy: "blue-green",
      params: "{activeService: web-active, autoPromotionEnabled: false, previewReplicaCount: 2}",
      replicas: 6, maxSurge: 0, maxUnavailable: 1),
    Case(strategy: "recreate", params: "{}", replicas: 10),
    Case(strategy: "recreate", params: "{}", replicas: 3, maxSurge: 1, maxUnavailable: 0),
  ]

  /// v1, then v2 promoted past every pause to completion, then v3 aborted mid-way (canary and
  /// blue-green): no decision leaves the envelope.
  @Test(arguments: cases)
  func wholeRolloutsStayInside(_ example: Case) throws {
    let rollout = try StockRollout(
      strategy: example.strategy, params: example.params, replicas: example.replicas,
      maxSurge: example.maxSurge, maxUnavailable: example.maxUnavailable,
      jitter: example.jitter, seed: 9)
    try rollout.update(to: "web:2")
    if ["canary", "blue-green"].contains(example.strategy) {
      try rollout.update(to: "web:3", abortAfterFirstPause: true)
    }
    #expect(rollout.refusals.isEmpty, "\(rollout.refusals)")
    #expect(rollout.records.allSatisfy { $0.outcome == .applied })
  }

  @Test func anOperatorNarrowingStopsBlueGreensSwitch() throws {
    let rollout = try StockRollout(
      strategy: "blue-green", params: "{activeService: web-active}", replicas: 4,
      envelope: "{maxSurge: 1}")
    let outcome = try rollout.update(to: "web:2", expecting: .degraded)
    #expect(outcome.reason == RolloutState.Reason.envelopeViolation)
    #expect(
      outcome.message?.hasPrefix("blue-green.lua:") == true
        && outcome.message?.contains(
          "decision would run 8 pods, above the envelope of replicas + maxSurge = 5 (maxSurge 1, narrowed by rollout.dev/envelope)"
        ) == true, "\(outcome.message ?? "")")
  }

  @Test func aCustomScriptThatDoublesTheReplicasIsStoppedAtItsLine() throws {
    let script = """
      function step(ctx)
        local new = ctx.newRS
        new:scale(2 * ctx.deployment.replicas)
      end
      """
    let strategy = try LuaStrategy(
      source: StrategySource(text: script, displayName: "surge.lua", identity: "surge.lua"))
    let rollout = try StockRollout(strategy: "rolling", replicas: 10)
    rollout.override = strategy
    let outcome = try rollout.update(to: "web:2", expecting: .degraded)
    #expect(
      outcome.message
        == "surge.lua:3: decision would run 30 pods, above the envelope of replicas + maxSurge = 13 (maxSurge 3, from the manifest)"
    )
    #expect(rollout.scalesSinceUpdate.isEmpty)
    #expect(rollout.records.last?.strategy.identity == "surge.lua")
    #expect(rollout.records.last?.strategy.sourceDigest == FNV1a.digest(script))
  }
}
