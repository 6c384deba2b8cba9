import Engine
import Strategies
import Testing

/// The stock `blue-green.lua` on snapshots: Argo Rollouts' BlueGreen, step by step. `web-v1` is
/// the stable ReplicaSet, `web-v2` the new one; `web-active` and `web-preview` the Services.
@Suite struct BlueGreenTests {
  static func strategy() throws -> LuaStrategy {
    try LuaStrategy(source: StrategySource.stock("blue-green")!)
  }

  static let services: JSONValue = ["activeService": "web-active", "previewService": "web-preview"]

  /// Replicas 4 (25%/25% fenceposts: surge 1, unavailable 1), `old` pods of v1 and `new` of v2.
  static func snapshot(
    replicas: Int = 4, new: Int, newAvailable: Int? = nil, old: Int = 4,
    oldAvailable: Int? = nil, oldTerminating: Int = 0, stable: String? = "web-v1",
    active: String? = "web-v1", preview: String? = "web-v1", extra: [ReplicaSetView] = [],
    params: JSONValue = [:], state: JSONValue = [:], now: Double = 1_000,
    promoteFull: Bool = false, aborted: Bool = false
  ) -> StrategySnapshot {
    var merged = services.objectValue ?? [:]
    merged.merge(params.objectValue ?? [:]) { _, given in given }
    var oldView = Fixture.rs("web-v1", replicas: old, available: oldAvailable, revision: 1)
    oldView.currentReplicas = oldAvailable.map { max($0, old) } ?? old
    oldView.terminatingReplicas = oldTerminating
    var snapshot = Fixture.snapshot(
      replicas: replicas, maxSurge: 1, maxUnavailable: 1,
      new: Fixture.rs("web-v2", replicas: new, available: newAvailable, revision: 2),
      old: extra + [oldView], params: .object(merged), state: state)
    snapshot.now = now
    snapshot.stableReplicaSet = stable
    snapshot.services = [
      ServiceView(name: "web-active", selector: ["app": "web"], replicaSet: active),
      ServiceView(name: "web-preview", selector: ["app": "web"], replicaSet: preview),
      ServiceView(name: "other", selector: ["app": "other"]),
    ]
    snapshot.operatorIntents = OperatorIntents(promoteFull: promoteFull, aborted: aborted)
    return snapshot
  }

  static func scales(_ decision: StrategyDecision) -> [String] {
    decision.scale.map { "\($0.replicaSet)=\($0.replicas)" }
  }

  static func pointers(_ decision: StrategyDecision) -> [String] {
    decision.services.map { "\($0.service)->\($0.replicaSet ?? "all")" }
  }

  struct StepCase: Sendable, CustomTestStringConvertible {
    var name: String
    var snapshot: StrategySnapshot
    var scales: [String] = []
    var pointers: [String] = []
    var pause: PauseRequest?
    var requeue: Double?
    var weight: Int?
    var complete = false
    var state: [String: JSONValue] = [:]
    var testDescription: String { name }
  }

  static let switched: JSONValue = ["pauseDone": true, "switchedAt": 1_000]

  @Test(arguments: [
    // The update: preview first.
    StepCase(
      name: "update: new RS to full size behind the preview, active stays on stable",
      snapshot: snapshot(new: 0), scales: ["web-v2=4"], pointers: ["web-preview->web-v2"],
      weight: 0),
    StepCase(
      name: "maxSurge is ignored: two full versions at once",
      snapshot: snapshot(replicas: 10, new: 3, old: 10), scales: ["web-v2=10"],
      pointers: ["web-preview->web-v2"], weight: 0),
    StepCase(
      name: "previewReplicaCount: new RS to 2",
      snapshot: snapshot(new: 0, params: ["previewReplicaCount": 2]), scales: ["web-v2=2"],
      pointers: ["web-preview->web-v2"]),
    StepCase(
      name: "previewReplicaCount above replicas is replicas",
      snapshot: snapshot(new: 0, params: ["previewReplicaCount": 9]), scales: ["web-v2=4"],
      pointers: ["web-preview->web-v2"]),
    StepCase(
      name: "an unpinned active Service is pinned to the stable RS first",
      snapshot: snapshot(new: 0, active: nil, preview: nil), scales: ["web-v2=4"],
      pointers: ["web-active->web-v1", "web-preview->web-v2"]),
    StepCase(
      name: "without a preview Service only the active one is touched",
      snapshot: snapshot(new: 0, params: ["previewService": nil]), scales: ["web-v2=4"]),
    StepCase(
      name: "other old ReplicaSets go to 0 at once",
      snapshot: snapshot(
        new: 4, preview: "web-v2",
        extra: [Fixture.rs("web-v0", replicas: 2, revision: 0)]), scales: ["web-v0=0"]),
    StepCase(
      name: "new RS not yet available: wait",
      snapshot: snapshot(new: 4, newAvailable: 3, preview: "web-v2"), weight: 0),
    // Promotion.
    StepCase(
      name: "available, autoPromotionEnabled false: BlueGreenPause until promoted",
      snapshot: snapshot(new: 4, preview: "web-v2", params: ["autoPromotionEnabled": false]),
      pause: PauseRequest(reason: "BlueGreenPause"), weight: 0, state: ["pauseDone": true]),
    StepCase(
      name: "autoPromotionSeconds is ignored when autoPromotionEnabled is false",
      snapshot: snapshot(
        new: 4, preview: "web-v2",
        params: ["autoPromotionEnabled": false, "autoPromotionSeconds": 60]),
      pause: PauseRequest(reason: "BlueGreenPause")),
    StepCase(
      name: "autoPromotionSeconds: pause for that long",
      snapshot: snapshot(new: 4, preview: "web-v2", params: ["autoPromotionSeconds": "2m"]),
      pause: PauseRequest(reason: "BlueGreenPause", seconds: 120), state: ["pauseDone": true]),
    StepCase(
      name: "autoPromotionSeconds 0: no pause, the switch",
      snapshot: snapshot(new: 4, preview: "web-v2", params: ["autoPromotionSeconds": 0]),
      pointers: ["web-active->web-v2"], requeue: 30, weight: 100,
      state: ["switchedAt": 1_000]),
    StepCase(
      name: "auto promotion: the switch, then the scale-down delay",
      snapshot: snapshot(new: 4, preview: "web-v2"), pointers: ["web-active->web-v2"],
      requeue: 30, weight: 100, state: ["pauseDone": true, "switchedAt": 1_000]),
    StepCase(
      name: "after the pause: the switch, with scaleDownDelaySeconds",
      snapshot: snapshot(
        new: 4, preview: "web-v2", params: ["scaleDownDelaySeconds": "1m"],
        state: ["pauseDone": true]), pointers: ["web-active->web-v2"], requeue: 60,
      state: ["switchedAt": 1_000]),
    StepCase(
      name: "promotion with a smaller preview: new RS to full size first",
      snapshot: snapshot(
        new: 2, preview: "web-v2", params: ["previewReplicaCount": 2], state: ["pauseDone": true]),
      scales: ["web-v2=4"], weight: 0),
    StepCase(
      name: "auto promotion with a smaller preview: full size first",
      snapshot: snapshot(new: 2, preview: "web-v2", params: ["previewReplicaCount": 2]),
      scales: ["web-v2=4"], state: ["pauseDone": true]),
    StepCase(
      name: "promotion waits until the full new RS is available",
      snapshot: snapshot(
        new: 4, newAvailable: 3, preview: "web-v2", params: ["previewReplicaCount": 2],
        state: ["pauseDone": true])),
    StepCase(
      name: "promote --full: full size at once, whatever previewReplicaCount",
      snapshot: snapshot(
        new: 0, params: ["previewReplicaCount": 2, "autoPromotionEnabled": false],
        promoteFull: true), scales: ["web-v2=4"], pointers: ["web-preview->web-v2"]),
    StepCase(
      name: "promote --full: no pause",
      snapshot: snapshot(
        new: 4, preview: "web-v2", params: ["autoPromotionEnabled": false], promoteFull: true),
      pointers: ["web-active->web-v2"], requeue: 30, state: ["switchedAt": 1_000]),
    // After the switch.
    StepCase(
      name: "delay not over: requeue for the rest",
      snapshot: snapshot(
        new: 4, active: "web-v2", preview: "web-v2", state: switched, now: 1_012),
      requeue: 18, weight: 100),
    StepCase(
      name: "a moment before the delay ends: still requeue",
      snapshot: snapshot(
        new: 4, active: "web-v2", preview: "web-v2", state: switched, now: 1_029.5),
      requeue: 0.5),
    StepCase(
      name: "delay over: old ReplicaSets to 0",
      snapshot: snapshot(
        new: 4, active: "web-v2", preview: "web-v2", state: switched, now: 1_030),
      scales: ["web-v1=0"], weight: 100),
    StepCase(
      name: "old pods still terminating: wait",
      snapshot: snapshot(
        new: 4, old: 0, oldTerminating: 4, active: "web-v2", preview: "web-v2", state: switched,
        now: 1_031)),
    StepCase(
      name: "old pods gone: finish",
      snapshot: snapshot(
        new: 4, old: 0, active: "web-v2", preview: "web-v2", state: switched, now: 1_040),
      weight: 100, complete: true),
    // First deployment.
    StepCase(
      name: "first deployment: full size at once",
      snapshot: snapshot(new: 0, old: 0, stable: nil, active: nil, preview: nil),
      scales: ["web-v2=4"], pointers: ["web-preview->web-v2"], weight: 100),
    StepCase(
      name: "first deployment: active points at the new RS, no delay without old pods",
      snapshot: snapshot(new: 4, newAvailable: 0, old: 0, stable: nil, active: nil),
      pointers: ["web-active->web-v2", "web-preview->web-v2"], weight: 100,
      state: ["switchedAt": 1_000]),
    StepCase(
      name: "first deployment: finish once available",
      snapshot: snapshot(
        new: 4, old: 0, stable: nil, active: "web-v2", preview: "web-v2",
        state: ["switchedAt": 900]), complete: true),
  ])
  func step(_ test: StepCase) throws {
    let decision = try Self.strategy().step(test.snapshot)
    #expect(Self.scales(decision) == test.scales)
    #expect(Self.pointers(decision) == test.pointers)
    #expect(decision.pause == test.pause)
    #expect(decision.requeueAfter == test.requeue)
    if let weight = test.weight { #expect(decision.weight == weight) }
    #expect(decision.complete == test.complete)
    for (key, value) in test.state {
      #expect(decision.state?[key]?.intValue == value.intValue, "state.\(key)")
      if case .bool = value { #expect(decision.state?[key] == value, "state.\(key)") }
    }
  }

  /// The switch time is the clock at the switch, and the old version goes only once
  /// `now >= switchedAt + scaleDownDelaySeconds`.
  @Test(arguments: [0.0, 10, 29.9, 30, 31, 300])
  func oldScaledDownOnlyAfterTheDelay(elapsed: Double) throws {
    let snapshot = Self.snapshot(
      new: 4, active: "web-v2", preview: "web-v2",
      state: ["pauseDone": true, "switchedAt": 500.0], now: 500 + elapsed)
    let decision = try Self.strategy().step(snapshot)
    if elapsed >= 30 {
      #expect(Self.scales(decision) == ["web-v1=0"])
      #expect(decision.requeueAfter == nil)
    } else {
      #expect(decision.scale.isEmpty)
      #expect(decision.requeueAfter.map { abs($0 - (30 - elapsed)) < 1e-9 } == true)
    }
    #expect(!decision.complete)
  }

  // MARK: Abort

  @Test(arguments: [
    StepCase(
      name: "abort before promotion: active stays on stable, new RS kept for the delay",
      snapshot: snapshot(new: 4, preview: "web-v2", aborted: true), requeue: 30, weight: 0,
      state: ["abortedAt": 1_000]),
    StepCase(
      name: "abort after the switch: active back on stable",
      snapshot: snapshot(
        new: 4, active: "web-v2", preview: "web-v2", state: switched, aborted: true),
      pointers: ["web-active->web-v1"], requeue: 30, weight: 0, state: ["abortedAt": 1_000]),
    StepCase(
      name: "abort after the stable was scaled down: scale it back up first",
      snapshot: snapshot(
        new: 4, old: 0, active: "web-v2", preview: "web-v2", state: switched, aborted: true),
      scales: ["web-v1=4"]),
    StepCase(
      name: "abort: stable scaled up but not yet available: active stays on new",
      snapshot: snapshot(
        new: 4, old: 4, oldAvailable: 2, active: "web-v2", preview: "web-v2", state: switched,
        aborted: true)),
    StepCase(
      name: "abort delay not over",
      snapshot: snapshot(
        new: 4, preview: "web-v2", state: ["abortedAt": 1_000], now: 1_010, aborted: true),
      requeue: 20),
    StepCase(
      name: "abort delay over: new RS to 0",
      snapshot: snapshot(
        new: 4, preview: "web-v2", params: ["abortScaleDownDelaySeconds": "5s"],
        state: ["abortedAt": 1_000], now: 1_005, aborted: true), scales: ["web-v2=0"]),
    StepCase(
      name: "abort done: finish",
      snapshot: snapshot(
        new: 0, preview: "web-v2", state: ["abortedAt": 1_000], now: 1_100, aborted: true),
      complete: true),
    StepCase(
      name: "abortScaleDownDelaySeconds 0 keeps the new RS, as Argo does",
      snapshot: snapshot(
        new: 4, active: "web-v2", preview: "web-v2", params: ["abortScaleDownDelaySeconds": 0],
        state: switched, aborted: true), pointers: ["web-active->web-v1"], complete: true),
  ])
  func abort(_ test: StepCase) throws {
    try step(test)
  }

  @Test func abortWithoutAStableReplicaSetScalesNothing() throws {
    let decision = try Self.strategy().step(
      Self.snapshot(new: 4, old: 0, stable: nil, active: nil, preview: nil, aborted: true))
    #expect(decision.scale.isEmpty)
    #expect(decision.services.isEmpty)
    #expect(!decision.complete)
    #expect(decision.message?.contains("no stable ReplicaSet") == true)
  }

  @Test func anAbortClearsThePromotionSoARetryStartsOver() throws {
    let decision = try Self.strategy().step(
      Self.snapshot(
        new: 4, active: "web-v2", preview: "web-v2", state: Self.switched, aborted: true))
    #expect(decision.state?["switchedAt"] == nil)
    #expect(decision.state?["pauseDone"] == nil)
    var retried = Self.snapshot(
      new: 4, preview: "web-v2", params: ["autoPromotionEnabled": false],
      state: decision.state ?? [:])
    retried.now = 2_000
    let next = try Self.strategy().step(retried)
    #expect(next.pause == PauseRequest(reason: "BlueGreenPause"))
    #expect(next.state?["abortedAt"] == nil)
  }

  // MARK: Parameters

  struct ParameterCase: Sendable, CustomTestStringConvertible {
    var name: String
    var params: JSONValue
    var message: String
    var testDescription: String { name }
  }

  @Test(arguments: [
    ParameterCase(
      name: "activeService missing", params: ["activeService": nil],
      message: "activeService is required"),
    ParameterCase(
      name: "activeService not a string", params: ["activeService": 3],
      message: "activeService must name a Service, got number"),
    ParameterCase(
      name: "activeService empty", params: ["activeService": ""],
      message: "activeService must name a Service, got \"\""),
    ParameterCase(
      name: "activeService unknown", params: ["activeService": "web"],
      message:
        "activeService names Service \"web\", which is not in namespace default (Services: other, web-active, web-preview)"
    ),
    ParameterCase(
      name: "previewService unknown", params: ["previewService": "web-pre"],
      message: "previewService names Service \"web-pre\""),
    ParameterCase(
      name: "previewService same as active", params: ["previewService": "web-active"],
      message: "previewService must differ from activeService"),
    ParameterCase(
      name: "previewReplicaCount negative", params: ["previewReplicaCount": -1],
      message: "previewReplicaCount must be a whole number of replicas, 0 or more, got -1"),
    ParameterCase(
      name: "previewReplicaCount fractional", params: ["previewReplicaCount": 1.5],
      message: "previewReplicaCount must be a whole number"),
    ParameterCase(
      name: "previewReplicaCount text", params: ["previewReplicaCount": "two"],
      message: "previewReplicaCount must be a whole number"),
    ParameterCase(
      name: "autoPromotionEnabled not a boolean", params: ["autoPromotionEnabled": "yes"],
      message: "autoPromotionEnabled must be true or false, got yes"),
    ParameterCase(
      name: "autoPromotionSeconds not a duration", params: ["autoPromotionSeconds": "ten"],
      message: "autoPromotionSeconds must be a duration like"),
    ParameterCase(
      name: "scaleDownDelaySeconds negative", params: ["scaleDownDelaySeconds": -5],
      message: "scaleDownDelaySeconds must be zero or more seconds, got -5"),
    ParameterCase(
      name: "scaleDownDelaySeconds unknown unit", params: ["scaleDownDelaySeconds": "5d"],
      message: "scaleDownDelaySeconds must be a duration like"),
    ParameterCase(
      name: "abortScaleDownDelaySeconds a boolean", params: ["abortScaleDownDelaySeconds": true],
      message: "abortScaleDownDelaySeconds must be a duration (seconds, or text like"),
  ])
  func parameterErrorsNameTheParameter(_ test: ParameterCase) throws {
    let strategy = try Self.strategy()
    #expect {
      try strategy.step(Self.snapshot(new: 0, params: test.params))
    } throws: { error in
      "\(error)".hasPrefix("blue-green.lua: parameter \(test.message)")
    }
  }

  struct DurationCase: Sendable, CustomTestStringConvertible {
    var text: JSONValue
    var seconds: Double
    var testDescription: String { "\(text)" }
  }

  @Test(arguments: [
    DurationCase(text: 45, seconds: 45),
    DurationCase(text: 2.5, seconds: 2.5),
    DurationCase(text: "45", seconds: 45),
    DurationCase(text: "30s", seconds: 30),
    DurationCase(text: "10m", seconds: 600),
    DurationCase(text: "1h30m", seconds: 5_400),
    DurationCase(text: "1m30s", seconds: 90),
    DurationCase(text: "1.5s", seconds: 1.5),
    DurationCase(text: "500ms", seconds: 0.5),
  ])
  func durationsAreSecondsOrGoStyleText(_ test: DurationCase) throws {
    // Through a user script that requires the stock module by its hyphenated name.
    let probe = try LuaStrategy(
      source: StrategySource(
        text: """
          local bg = require "rollout.blue-green"
          function step(ctx) ctx.state.seconds = bg.duration(ctx.params.d, "d") end
          """, displayName: "probe.lua", identity: "probe"))
    var snapshot = Self.snapshot(new: 0)
    snapshot.params = ["d": test.text]
    let state = try probe.step(snapshot).state
    let seconds: Double? =
      switch state?["seconds"] {
      case .int(let value): Double(value)
      case .double(let value): value
      default: nil
      }
    #expect(seconds == test.seconds)
  }

  @Test func aScriptCanWrapTheStockStrategy() throws {
    let wrapper = try LuaStrategy(
      source: StrategySource(
        text: """
          local bg = require "rollout.blue-green"
          function step(ctx)
            ctx.state.wrapped = true
            bg.step(ctx)
          end
          """, displayName: "mine.lua", identity: "mine"))
    let decision = try wrapper.step(Self.snapshot(new: 0))
    #expect(decision.state?["wrapped"] == true)
    #expect(Self.scales(decision) == ["web-v2=4"])
  }
}

/// An undo during a preview makes the stable ReplicaSet the new one again: blue-green switches
/// at once instead of previewing, pausing and promoting the version that already serves.
@Suite struct BlueGreenUndoTests {
  @Test func backToTheStableSwitchesWithoutAPause() throws {
    // v1 is stable and active at 4; v2 (the abandoned preview, revision 1 here) still has 4.
    var snapshot = BlueGreenTests.snapshot(
      new: 4, newAvailable: 4, old: 4, stable: "web-v2", active: "web-v2", preview: "web-v1",
      params: ["autoPromotionEnabled": false])
    snapshot.newReplicaSet.revision = 3
    let decision = try BlueGreenTests.strategy().step(snapshot)
    #expect(decision.pause == nil)
    #expect(BlueGreenTests.pointers(decision) == ["web-preview->web-v2"])
    #expect(decision.state?["switchedAt"] != nil)
    #expect(decision.requeueAfter == 30)
    #expect(BlueGreenTests.scales(decision).isEmpty)
  }
}
