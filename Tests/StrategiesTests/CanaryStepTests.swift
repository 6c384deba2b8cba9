import Engine
import Strategies
import Testing

/// The step machinery of the stock `canary.lua` on single snapshots: which step it is at, what it
/// scales, when it pauses, advances and finishes, and what it says about bad parameters.
@Suite struct CanaryStepTests {
  static func stockCanary() throws -> LuaStrategy {
    try LuaStrategy(source: StrategySource.stock("canary")!)
  }

  static let steps: JSONValue = [
    ["setWeight": 20], ["pause": ["duration": 60]], ["setWeight": 60], ["pause": [:]],
  ]

  /// 10 replicas, maxSurge 3 and maxUnavailable 2 (25% each), the stable `web-1`.
  static func snapshot(
    new: ReplicaSetView, stable: ReplicaSetView? = Fixture.rs("web-1", replicas: 10),
    older: [ReplicaSetView] = [], index: Int? = nil, params: JSONValue = ["steps": steps],
    intents: OperatorIntents = OperatorIntents(), services: [ServiceView] = []
  ) -> StrategySnapshot {
    StrategySnapshot(
      deployment: DeploymentView(name: "web", replicas: 10), newReplicaSet: new,
      oldReplicaSets: older + [stable].compactMap { $0 },
      fenceposts: Fenceposts(maxSurge: 3, maxUnavailable: 2), now: 0,
      state: index.map { JSONValue.object(["index": .int($0)]) } ?? .object([:]), params: params,
      stableReplicaSet: stable?.name, services: services, operatorIntents: intents)
  }

  static func new(_ replicas: Int, available: Int? = nil) -> ReplicaSetView {
    Fixture.rs("web-2", replicas: replicas, available: available, revision: 2)
  }

  static func stable(_ replicas: Int, available: Int? = nil) -> ReplicaSetView {
    Fixture.rs("web-1", replicas: replicas, available: available)
  }

  static func scales(_ decision: StrategyDecision) -> [String] {
    decision.scale.map { "\($0.replicaSet)=\($0.replicas)" }
  }

  static func index(_ decision: StrategyDecision) -> JSONValue? {
    guard case .object(let state)? = decision.state else { return nil }
    return state["index"]
  }

  /// Step 1 is setWeight 20: Argo's counts are canary 2, stable 8 (2 of 10 is exactly 20%), and
  /// the stable goes first: 10 - 2 maxUnavailable = 8 at once, then the canary 0 -> 2.
  @Test func firstCallSetsTheWeightOfStepOneAndScales() throws {
    let canary = try Self.stockCanary()
    let first = try canary.step(Self.snapshot(new: Self.new(0)))
    #expect(first.weight == 20)
    #expect(first.step == StepProgress(index: 1, count: 4))
    #expect(Self.scales(first) == ["web-1=8"])
    #expect(Self.index(first) == 1)
    #expect(first.message == "step 1/4: setWeight 20: canary 0, stable 8")
    let second = try canary.step(
      Self.snapshot(new: Self.new(0), stable: Self.stable(8), index: 1))
    #expect(Self.scales(second) == ["web-2=2"])
    #expect(second.pause == nil)
  }

  @Test func waitsForTheCanaryToBeAvailableBeforeGoingOn() throws {
    let decision = try Self.stockCanary().step(
      Self.snapshot(new: Self.new(2, available: 1), stable: Self.stable(8), index: 1))
    #expect(decision.scale.isEmpty)
    #expect(decision.pause == nil)
    #expect(Self.index(decision) == 1)
    #expect(
      decision.message
        == "step 1/4: setWeight 20: canary 2, stable 8: waiting, canary 1 of 2 available")
  }

  @Test(arguments: [
    ("timed pause after setWeight 20", 1, 2, 2, 60.0),
    ("pause until promoted after setWeight 60", 3, 6, 4, nil),
  ])
  func aPauseStepPausesWithTheIndexAdvanced(
    _ name: String, _ index: Int, _ canary: Int, _ pauseStep: Int, _ seconds: Double?
  ) throws {
    let decision = try Self.stockCanary().step(
      Self.snapshot(new: Self.new(canary), stable: Self.stable(10 - canary), index: index))
    #expect(decision.scale.isEmpty, "\(name)")
    #expect(decision.pause == PauseRequest(reason: "CanaryPauseStep", seconds: seconds), "\(name)")
    #expect(Self.index(decision) == .int(pauseStep + 1), "\(name)")
    #expect(decision.step == StepProgress(index: pauseStep, count: 4), "\(name)")
  }

  /// The next call after a pause means the pause is over: on to setWeight 60, where the stable
  /// first comes down by maxUnavailable (8 -> 6 keeps 8 available).
  @Test func afterAPauseTheNextStepStarts() throws {
    let decision = try Self.stockCanary().step(
      Self.snapshot(new: Self.new(2), stable: Self.stable(8), index: 3))
    #expect(decision.weight == 60)
    #expect(decision.step == StepProgress(index: 3, count: 4))
    #expect(Self.scales(decision) == ["web-1=6"])
  }

  @Test func promoteFullGoesToOneHundred() throws {
    let decision = try Self.stockCanary().step(
      Self.snapshot(
        new: Self.new(2), stable: Self.stable(8), index: 1,
        intents: OperatorIntents(promoteFull: true)))
    #expect(decision.weight == 100)
    #expect(decision.pause == nil)
    #expect(Self.index(decision) == 5)
    #expect(decision.step == StepProgress(index: 4, count: 4))
    // Weight 100: canary 10, stable 0. 2 of the 10 available pods may go: stable 8 -> 6.
    #expect(Self.scales(decision) == ["web-1=6"])
    #expect(!decision.complete)
  }

  @Test func abortedGoesBackToStableAndFinishesOnlyWhenItIsBack() throws {
    let canary = try Self.stockCanary()
    let aborted = OperatorIntents(aborted: true)
    // Weight 0: stable 10 first (within maxSurge), then the canary down.
    let first = try canary.step(
      Self.snapshot(new: Self.new(2), stable: Self.stable(8), index: 3, intents: aborted))
    #expect(first.weight == 0)
    #expect(Self.scales(first) == ["web-1=10"])
    #expect(first.message?.hasPrefix("aborted: returning to stable") == true)
    #expect(!first.complete)
    let second = try canary.step(
      Self.snapshot(new: Self.new(2), stable: Self.stable(10), index: 1, intents: aborted))
    #expect(Self.scales(second) == ["web-2=0"])
    #expect(!second.complete)
    let waiting = try canary.step(
      Self.snapshot(
        new: Self.new(0), stable: Self.stable(10, available: 9), index: 1, intents: aborted))
    #expect(waiting.scale.isEmpty)
    #expect(!waiting.complete)
    let back = try canary.step(
      Self.snapshot(new: Self.new(0), stable: Self.stable(10), index: 1, intents: aborted))
    #expect(back.scale.isEmpty)
    #expect(back.complete)
    #expect(back.message == "aborted: returning to stable: canary 0, stable 10: stable restored")
  }

  @Test func pastTheLastStepFinishesOnlyWhenComplete() throws {
    let canary = try Self.stockCanary()
    let scaling = try canary.step(
      Self.snapshot(new: Self.new(6), stable: Self.stable(4), index: 5))
    #expect(scaling.weight == 100)
    #expect(!scaling.complete)
    let unavailable = try canary.step(
      Self.snapshot(new: Self.new(10, available: 9), stable: Self.stable(0), index: 5))
    #expect(unavailable.scale.isEmpty)
    #expect(!unavailable.complete)
    let oldPodLeft = try canary.step(
      Self.snapshot(
        new: Self.new(10), stable: Fixture.rs("web-1", replicas: 0, available: 0, current: 1),
        index: 5))
    #expect(!oldPodLeft.complete)
    let done = try canary.step(
      Self.snapshot(new: Self.new(10), stable: Self.stable(0), index: 5))
    #expect(done.complete)
    #expect(done.step == StepProgress(index: 4, count: 4))
  }

  @Test func firstDeploymentGoesStraightToFullSize() throws {
    let canary = try Self.stockCanary()
    let first = try canary.step(Self.snapshot(new: Self.new(0), stable: nil))
    #expect(Self.scales(first) == ["web-2=10"])
    #expect(first.weight == 100)
    #expect(!first.complete)
    let done = try canary.step(Self.snapshot(new: Self.new(10), stable: nil))
    #expect(done.complete)
  }

  /// Other old ReplicaSets (neither canary nor stable) go to zero before the stable or canary
  /// come down, within maxUnavailable.
  @Test func otherOldReplicaSetsGoFirst() throws {
    let decision = try Self.stockCanary().step(
      Self.snapshot(
        new: Self.new(2), stable: Self.stable(8),
        older: [Fixture.rs("web-0", replicas: 3, revision: 0)], index: 1))
    // 13 pods, all available: 13 - 8 = 5 may go, all 3 of web-0.
    #expect(Self.scales(decision) == ["web-0=0"])
  }

  @Test func withoutStepsItIsASingleSetWeight100() throws {
    let decision = try Self.stockCanary().step(
      Self.snapshot(new: Self.new(0), params: [:]))
    #expect(decision.weight == 100)
    #expect(decision.step == StepProgress(index: 1, count: 1))
    // Weight 100 with maxSurge 3: stable 10 -> 8 (2 unavailable allowed) first.
    #expect(Self.scales(decision) == ["web-1=8"])
  }

  @Test func pointsTheServices() throws {
    let services = [
      ServiceView(name: "web-stable", selector: ["app": "web"]),
      ServiceView(name: "web-canary", selector: ["app": "web"]),
    ]
    let params: JSONValue = [
      "steps": Self.steps, "stableService": "web-stable", "canaryService": "web-canary",
    ]
    let canary = try Self.stockCanary()
    let decision = try canary.step(
      Self.snapshot(new: Self.new(0), params: params, services: services))
    #expect(
      Set(decision.services.map { "\($0.service)->\($0.replicaSet ?? "all")" })
        == ["web-stable->web-1", "web-canary->web-2"])
    let missing = #expect(throws: (any Error).self) {
      try canary.step(Self.snapshot(new: Self.new(0), params: params, services: []))
    }
    #expect(
      "\(missing.map { "\($0)" } ?? "")".contains(
        "canary: params.stableService: no Service \"web-stable\""))
  }

  struct ParamError: Sendable, CustomTestStringConvertible {
    var params: JSONValue
    var message: String
    init(_ params: JSONValue, _ message: String) { (self.params, self.message) = (params, message) }
    var testDescription: String { message }
  }

  @Test(
    arguments: [ParamError]([
      ParamError(
        ["steps": [["setWeight": 20], ["pause": [:]], ["setWeight": "x"]]],
        "canary: params.steps[3].setWeight: expected a number 0-100, got \"x\""),
      ParamError(
        ["steps": [["setWeight": 120]]],
        "canary: params.steps[1].setWeight: expected a number 0-100, got 120"),
      ParamError(["steps": "fast"], "canary: params.steps: expected a list of steps, got \"fast\""),
      ParamError(
        ["steps": ["a": ["setWeight": 1]]],
        "canary: params.steps: expected a list of steps, got a map"),
      ParamError(
        ["steps": [["setWieght": 20]]], "canary: params.steps[1]: unknown step \"setWieght\""),
      ParamError(
        ["steps": [["setWeight": 20, "pause": [:]]]], "canary: params.steps[1]: one kind per step"),
      ParamError(["steps": [[:]]], "canary: params.steps[1]: empty step"),
      ParamError(["steps": [7]], "canary: params.steps[1]: expected a step like {setWeight = 20}"),
      ParamError(["steps": [["pause": 5]]], "canary: params.steps[1].pause: expected a table"),
      ParamError(
        ["steps": [["pause": ["duration": "soon"]]]],
        "canary: params.steps[1].pause.duration: expected seconds or a duration like"),
      ParamError(
        ["steps": [["pause": ["for": 1]]]], "canary: params.steps[1].pause: unknown field \"for\""),
      ParamError(
        ["steps": [["setCanaryScale": ["replicas": -1]]]],
        "canary: params.steps[1].setCanaryScale.replicas: expected a whole number of replicas"),
      ParamError(
        ["steps": [["setCanaryScale": ["replicas": 1, "weight": 5]]]],
        "canary: params.steps[1].setCanaryScale: expected exactly one of"),
      ParamError(
        ["steps": [["setCanaryScale": ["matchTrafficWeight": false]]]],
        "canary: params.steps[1].setCanaryScale.matchTrafficWeight: expected true, got false"),
      ParamError(
        ["stableService": 5], "canary: params.stableService: expected a Service name, got 5"),
    ]))
  func parameterErrorsNameTheParameter(_ test: ParamError) throws {
    let canary = try Self.stockCanary()
    let error = #expect(throws: (any Error).self) {
      try canary.step(Self.snapshot(new: Self.new(0), params: test.params))
    }
    let text = error.map { "\($0)" } ?? ""
    #expect(text.contains(test.message), "\(text)")
    #expect(!text.contains("canary.lua:"), "the message names the parameter, not a script line")
  }

  @Test(arguments: [
    ("90", 90.0), ("30s", 30), ("10m", 600), ("1h", 3600), ("1m30s", 90), ("1.5h", 5400),
    ("500ms", 0.5),
  ])
  func pauseDurations(_ text: String, _ seconds: Double) throws {
    let decision = try Self.stockCanary().step(
      Self.snapshot(
        new: Self.new(0), params: ["steps": [["pause": ["duration": .string(text)]]]]))
    #expect(decision.pause == PauseRequest(reason: "CanaryPauseStep", seconds: seconds))
  }
}
