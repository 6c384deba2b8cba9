import Engine
import Strategies
import Testing

/// Argo Rollouts' own tables for the canary replica arithmetic (utils/replicaset/canary_test.go),
/// run against the stock `canary.lua` through a custom script that `require`s it.
///
/// Argo's fenceposts are resolved here as Kubernetes resolves them (`ctx.fenceposts`): "20%" of
/// 10 is 2, and 0 surge with 0 unavailable becomes 1 unavailable. Argo's canary and stable
/// ReplicaSets are `canary` (the new one) and `stable` (`ctx.stableRS`); its single step with
/// both setWeight and setCanaryScale is steps [setWeight, setCanaryScale] at step 2 here.
@Suite struct CanaryTableTests {
  /// Calls one function of `rollout.canary` named by `params.call`; results in `state.result`.
  static let probe = """
    local canary = require "rollout.canary"
    function step(ctx)
      local p, r = ctx.params, {}
      local steps = p.steps and canary.parseParams(p).steps
      local stable = canary.stableReplicaSet(ctx)
      local others = canary.otherReplicaSets(ctx, stable)
      local call = p.call
      if call == "approximateCounts" then
        r.canary, r.stable = canary.approximateCounts(p.replicas, p.weight, p.maxSurge)
      elseif call == "replicaCounts" then
        r.canary, r.stable = canary.replicaCounts(ctx, steps, p.index, stable, others)
      elseif call == "basicCounts" then
        local s = p.stable == "new" and ctx.newRS or nil
        r.canary, r.stable = canary.basicCounts(ctx.deployment.replicas, p.weight,
          ctx.fenceposts.maxSurge, ctx.fenceposts.maxUnavailable, ctx.newRS, s, {})
      elseif call == "currentSetWeight" then
        r.weight = canary.currentSetWeight(steps, p.index, p.aborted)
      elseif call == "canaryReplicasOrWeight" then
        r.replicas, r.weight = canary.canaryReplicasOrWeight(steps, p.index,
          { promoteFull = p.promoteFull, aborted = p.aborted, noStable = p.noStable })
      elseif call == "atDesiredCounts" then
        local n, s = canary.replicaCounts(ctx, steps, p.index, stable, others)
        r.result = canary.atDesiredCounts(ctx.newRS, stable, others, n, s)
      elseif call == "replicasForScaleDown" then
        r.result = canary.replicasForScaleDown(not p.none and ctx.newRS or nil, p.ignore)
      elseif call == "weightToReplicas" then
        r.result = canary.weightToReplicas(p.replicas, p.weight)
      end
      ctx.state.result = r
    end
    """

  static func run(_ snapshot: StrategySnapshot) throws -> [String: JSONValue] {
    let strategy = try LuaStrategy(
      source: StrategySource(
        text: probe, displayName: "probe.lua", moduleRoot: nil, identity: "probe"))
    let decision = try strategy.step(snapshot)
    guard case .object(let state)? = decision.state, case .object(let result)? = state["result"]
    else { return [:] }
    return result
  }

  static func snapshot(
    replicas: Int, maxSurge: Int = 0, maxUnavailable: Int = 1, canary: ReplicaSetView,
    stable: ReplicaSetView? = nil, older: ReplicaSetView? = nil, params: JSONValue,
    promoteFull: Bool = false, aborted: Bool = false
  ) -> StrategySnapshot {
    StrategySnapshot(
      deployment: DeploymentView(name: "foo", replicas: replicas), newReplicaSet: canary,
      oldReplicaSets: [older, stable].compactMap { $0 },
      fenceposts: Fenceposts(maxSurge: maxSurge, maxUnavailable: maxUnavailable), now: 0,
      params: params, stableReplicaSet: stable?.name,
      operatorIntents: OperatorIntents(promoteFull: promoteFull, aborted: aborted))
  }

  struct CountCase: Sendable, CustomTestStringConvertible {
    var name: String
    var replicas: Int
    var weight: Int
    var maxSurge: Int
    var maxUnavailable: Int
    var stable: (spec: Int, available: Int)
    var canary: (spec: Int, available: Int)
    var expected: (canary: Int, stable: Int)
    var older: (spec: Int, available: Int)? = nil
    var setCanaryScale: JSONValue? = nil
    var promoteFull = false
    var aborted = false
    var testDescription: String { name }
  }

  /// TestCalculateReplicaCountsForCanary: 33 of its 36 cases. Skipped: "Ignore setCanaryScale
  /// when trafficRouting is missing" (canary.lua honours setCanaryScale without a router, with
  /// Argo's routed arithmetic: canary as set, stable at full size), "aborted with
  /// abortScaleDownDelaySeconds:0" (no such parameter), "Honor MinPodsPerReplicaSet" (traffic
  /// routing only). The two routed setCanaryScale cases run through that same arithmetic.
  @Test(arguments: [
    CountCase(
      name: "Do not add extra RSs in scaleDownCount when .Spec.Replica < AvailableReplicas",
      replicas: 10, weight: 100, maxSurge: 3, maxUnavailable: 0, stable: (7, 8), canary: (6, 3),
      expected: (6, 7)),
    CountCase(
      name: "Use max surge int to scale up canary", replicas: 10, weight: 20, maxSurge: 2,
      maxUnavailable: 0, stable: (10, 10), canary: (0, 0), expected: (2, 10)),
    CountCase(
      name: "Use max surge percentage to scale up canary", replicas: 10, weight: 20, maxSurge: 2,
      maxUnavailable: 0, stable: (10, 10), canary: (0, 0), expected: (2, 10)),
    CountCase(
      name: "Scale down extra stable replicas", replicas: 10, weight: 20, maxSurge: 2,
      maxUnavailable: 0, stable: (10, 10), canary: (2, 2), expected: (2, 8)),
    CountCase(
      name: "Do not go past max surge", replicas: 10, weight: 30, maxSurge: 2, maxUnavailable: 0,
      stable: (10, 10), canary: (0, 0), expected: (2, 10)),
    CountCase(
      name: "Use max unavailable int to scale down stableRS", replicas: 10, weight: 20,
      maxSurge: 0, maxUnavailable: 2, stable: (10, 10), canary: (0, 0), expected: (0, 8)),
    CountCase(
      name: "Use max surge percentage to scale down stableRS", replicas: 10, weight: 20,
      maxSurge: 0, maxUnavailable: 2, stable: (10, 10), canary: (0, 0), expected: (0, 8)),
    CountCase(
      name: "Do not go past max unavailable", replicas: 10, weight: 30, maxSurge: 0,
      maxUnavailable: 2, stable: (10, 10), canary: (0, 0), expected: (0, 8)),
    CountCase(
      name: "Use Max Surge and Max Unavailable", replicas: 10, weight: 50, maxSurge: 2,
      maxUnavailable: 1, stable: (10, 10), canary: (0, 0), expected: (2, 9)),
    CountCase(
      name: "Scale canaryRS to zero on setWeight of 0%", replicas: 10, weight: 0, maxSurge: 1,
      maxUnavailable: 1, stable: (10, 10), canary: (1, 1), expected: (0, 10)),
    CountCase(
      name: "Scale stable to zero on setWeight of 100%", replicas: 10, weight: 100, maxSurge: 1,
      maxUnavailable: 1, stable: (1, 1), canary: (10, 10), expected: (10, 0)),
    CountCase(
      name: "Do not scale newRS down to zero on non-zero weight", replicas: 1, weight: 20,
      maxSurge: 1, maxUnavailable: 0, stable: (1, 1), canary: (0, 0), expected: (1, 1)),
    CountCase(
      name: "Do not scale canaryRS down to zero on non-100 weight", replicas: 1, weight: 90,
      maxSurge: 1, maxUnavailable: 0, stable: (1, 1), canary: (0, 0), expected: (1, 1)),
    CountCase(
      name: "Scale up Stable before newRS", replicas: 10, weight: 30, maxSurge: 1,
      maxUnavailable: 0, stable: (1, 1), canary: (0, 0), expected: (1, 7), older: (3, 3)),
    CountCase(
      name: "Scale down newRS and stable", replicas: 10, weight: 30, maxSurge: 0,
      maxUnavailable: 3, stable: (8, 5), canary: (4, 4), expected: (3, 7)),
    CountCase(
      name: "Scale down stable and canary available", replicas: 10, weight: 100, maxSurge: 1,
      maxUnavailable: 0, stable: (10, 2), canary: (10, 8), expected: (9, 2)),
    CountCase(
      name: "Do not scale down newRS or stable when older RS count >= scaleDownCount",
      replicas: 10, weight: 30, maxSurge: 0, maxUnavailable: 1, stable: (8, 6), canary: (4, 2),
      expected: (4, 8), older: (3, 3)),
    CountCase(
      name: "Do not round past maxSurge with uneven setWeight divisor", replicas: 10, weight: 5,
      maxSurge: 0, maxUnavailable: 1, stable: (10, 10), canary: (0, 0), expected: (0, 9)),
    CountCase(
      name: "Do not round past maxSurge with uneven setWeight divisor (part 2)", replicas: 10,
      weight: 5, maxSurge: 0, maxUnavailable: 1, stable: (9, 9), canary: (0, 0),
      expected: (1, 9)),
    CountCase(
      name: "Use maxUnavailable of 1 when percentages of maxUnavailable and maxSurge give 0",
      replicas: 10, weight: 10, maxSurge: 0, maxUnavailable: 1, stable: (10, 10),
      canary: (0, 0), expected: (0, 9)),
    CountCase(
      name: "setCanaryScale.replicas sets the canary (and ignores setWeight)", replicas: 1,
      weight: 100, maxSurge: 0, maxUnavailable: 1, stable: (1, 1), canary: (0, 0),
      expected: (9, 1), setCanaryScale: ["replicas": 9]),
    CountCase(
      name: "setCanaryScale.weight sets the canary (and ignores setWeight)", replicas: 4,
      weight: 100, maxSurge: 0, maxUnavailable: 1, stable: (4, 4), canary: (0, 0),
      expected: (8, 4), setCanaryScale: ["weight": 200]),
    CountCase(
      name: "Ignore setCanaryScale replicas/weight when matchTrafficWeight is true",
      replicas: 10, weight: 20, maxSurge: 2, maxUnavailable: 0, stable: (10, 10),
      canary: (0, 0), expected: (2, 10), setCanaryScale: ["matchTrafficWeight": true]),
    CountCase(
      name: "honor maxSurge during scale up when stableRS unavailable", replicas: 4, weight: 100,
      maxSurge: 1, maxUnavailable: 0, stable: (4, 1), canary: (0, 0), expected: (1, 4)),
    CountCase(
      name: "scale down to maxunavailable without exceeding maxSurge", replicas: 3, weight: 99,
      maxSurge: 0, maxUnavailable: 2, stable: (3, 3), canary: (0, 0), expected: (0, 1)),
    CountCase(
      name: "scale down to maxunavailable without exceeding maxSurge (part 2)", replicas: 3,
      weight: 99, maxSurge: 0, maxUnavailable: 2, stable: (1, 1), canary: (0, 0),
      expected: (2, 1)),
    CountCase(
      name: "honor maxUnavailable during scale down stableRS unavailable", replicas: 4,
      weight: 100, maxSurge: 1, maxUnavailable: 0, stable: (4, 1), canary: (1, 1),
      expected: (1, 3)),
    CountCase(
      name: "honor maxUnavailable when aborting or reducing weight part 1", replicas: 4,
      weight: 0, maxSurge: 1, maxUnavailable: 0, stable: (0, 0), canary: (4, 4),
      expected: (4, 1)),
    CountCase(
      name: "honor maxUnavailable when aborting or reducing weight part 2", replicas: 4,
      weight: 0, maxSurge: 1, maxUnavailable: 0, stable: (1, 0), canary: (4, 4),
      expected: (4, 1)),
    CountCase(
      name: "honor maxUnavailable when aborting or reducing weight part 3", replicas: 4,
      weight: 0, maxSurge: 1, maxUnavailable: 0, stable: (1, 1), canary: (4, 4),
      expected: (3, 1)),
    CountCase(
      name: "promote full does not consider weight", replicas: 4, weight: 1, maxSurge: 4,
      maxUnavailable: 4, stable: (4, 4), canary: (0, 0), expected: (4, 0), promoteFull: true),
    CountCase(
      name: "promote full still honors maxSurge/maxUnavailable", replicas: 4, weight: 1,
      maxSurge: 3, maxUnavailable: 0, stable: (4, 4), canary: (0, 0), expected: (3, 4),
      promoteFull: true),
    CountCase(
      name: "aborted with setCanaryScale scales the canary down", replicas: 1, weight: 0,
      maxSurge: 0, maxUnavailable: 1, stable: (1, 1), canary: (1, 1), expected: (0, 1),
      setCanaryScale: ["replicas": 1], aborted: true),
  ])
  func replicaCounts(_ test: CountCase) throws {
    var steps: [JSONValue] = [["setWeight": .int(test.weight)]]
    if let scale = test.setCanaryScale { steps.append(["setCanaryScale": scale]) }
    let snapshot = Self.snapshot(
      replicas: test.replicas, maxSurge: test.maxSurge, maxUnavailable: test.maxUnavailable,
      canary: Fixture.rs(
        "canary", replicas: test.canary.spec, available: test.canary.available, revision: 3),
      stable: Fixture.rs(
        "stable", replicas: test.stable.spec, available: test.stable.available, revision: 2),
      older: test.older.map {
        Fixture.rs("older", replicas: $0.spec, available: $0.available, revision: 1)
      },
      params: ["call": "replicaCounts", "steps": .array(steps), "index": .int(steps.count)],
      promoteFull: test.promoteFull, aborted: test.aborted)
    let result = try Self.run(snapshot)
    #expect(result["canary"] == .int(test.expected.canary), "check canary replica count")
    #expect(result["stable"] == .int(test.expected.stable), "check stable replica count")
  }

  struct ApproxCase: Sendable, CustomTestStringConvertible {
    var replicas: Int
    var weight: Int
    var maxSurge: Int
    var canary: Int
    var stable: Int
    init(_ replicas: Int, _ weight: Int, _ maxSurge: Int, _ canary: Int, _ stable: Int) {
      (self.replicas, self.weight, self.maxSurge) = (replicas, weight, maxSurge)
      (self.canary, self.stable) = (canary, stable)
    }
    var testDescription: String { "replicas:\(replicas)_weight:\(weight)_surge:\(maxSurge)" }
  }

  /// TestApproximateWeightedNewStableReplicaCounts: all 57 cases.
  @Test(arguments: [
    ApproxCase(0, 0, 0, 0, 0), ApproxCase(0, 50, 0, 0, 0), ApproxCase(0, 100, 0, 0, 0),
    ApproxCase(0, 0, 1, 0, 0), ApproxCase(0, 50, 1, 0, 0), ApproxCase(0, 100, 1, 0, 0),
    ApproxCase(1, 0, 0, 0, 1), ApproxCase(1, 1, 0, 0, 1), ApproxCase(1, 49, 0, 0, 1),
    ApproxCase(1, 50, 0, 1, 0), ApproxCase(1, 99, 0, 1, 0), ApproxCase(1, 100, 0, 1, 0),
    ApproxCase(1, 0, 1, 0, 1), ApproxCase(1, 1, 1, 1, 1), ApproxCase(1, 49, 1, 1, 1),
    ApproxCase(1, 50, 1, 1, 1), ApproxCase(1, 99, 1, 1, 1), ApproxCase(1, 100, 1, 1, 0),
    ApproxCase(2, 0, 0, 0, 2), ApproxCase(2, 1, 0, 1, 1), ApproxCase(2, 50, 0, 1, 1),
    ApproxCase(2, 99, 0, 1, 1), ApproxCase(2, 100, 0, 2, 0),
    ApproxCase(2, 0, 1, 0, 2), ApproxCase(2, 1, 1, 1, 2), ApproxCase(2, 50, 1, 1, 1),
    ApproxCase(2, 99, 1, 2, 1), ApproxCase(2, 100, 1, 2, 0),
    ApproxCase(3, 10, 0, 1, 2), ApproxCase(3, 25, 0, 1, 2), ApproxCase(3, 33, 0, 1, 2),
    ApproxCase(3, 34, 0, 1, 2), ApproxCase(3, 49, 0, 1, 2), ApproxCase(3, 50, 0, 2, 1),
    ApproxCase(3, 10, 1, 1, 3), ApproxCase(3, 25, 1, 1, 3), ApproxCase(3, 33, 1, 1, 2),
    ApproxCase(3, 34, 1, 1, 2), ApproxCase(3, 49, 1, 2, 2), ApproxCase(3, 50, 1, 2, 2),
    ApproxCase(10, 0, 1, 0, 10), ApproxCase(10, 1, 0, 1, 9), ApproxCase(10, 14, 0, 1, 9),
    ApproxCase(10, 15, 0, 2, 8), ApproxCase(10, 16, 0, 2, 8), ApproxCase(10, 99, 0, 9, 1),
    ApproxCase(10, 100, 1, 10, 0),
    ApproxCase(10, 0, 1, 0, 10), ApproxCase(10, 1, 1, 1, 10), ApproxCase(10, 18, 1, 2, 9),
    ApproxCase(10, 19, 1, 2, 9), ApproxCase(10, 20, 1, 2, 8), ApproxCase(10, 23, 1, 2, 8),
    ApproxCase(10, 24, 1, 3, 8), ApproxCase(10, 25, 1, 3, 8), ApproxCase(10, 99, 1, 10, 1),
    ApproxCase(10, 100, 1, 10, 0),
  ])
  func approximateCounts(_ test: ApproxCase) throws {
    let snapshot = Self.snapshot(
      replicas: 1, canary: Fixture.rs("canary", replicas: 0),
      params: [
        "call": "approximateCounts", "replicas": .int(test.replicas), "weight": .int(test.weight),
        "maxSurge": .int(test.maxSurge),
      ])
    let result = try Self.run(snapshot)
    #expect(result["canary"] == .int(test.canary), "check canary replica count")
    #expect(result["stable"] == .int(test.stable), "check stable replica count")
  }

  /// TestCalculateReplicaCountsForNewDeployment and TestCalculateReplicaCountsForCanaryStableRSdEdgeCases
  /// (both of its assertions): without a distinct stable, the canary goes to full size.
  @Test(arguments: [
    ("new deployment: stable is the new RS", 10, 0, "new"),
    ("edge case: no stable RS", 9, 9, "none"),
    ("edge case: stable is the new RS", 9, 9, "new"),
  ])
  func noDistinctStable(_ name: String, _ spec: Int, _ available: Int, _ stable: String) throws {
    let snapshot = Self.snapshot(
      replicas: 10, maxSurge: 0, maxUnavailable: 1,
      canary: Fixture.rs("stable", replicas: spec, available: available),
      params: ["call": "basicCounts", "weight": 10, "stable": .string(stable)])
    let result = try Self.run(snapshot)
    #expect(result["canary"] == 10, "\(name)")
    #expect(result["stable"] == 0, "\(name)")
  }

  /// TestGetCurrentSetWeight: past the last step, at a setWeight step, aborted.
  @Test(arguments: [
    ("past the last step", 2, false, 100), ("at step 1", 1, false, 10),
    ("aborted", 1, true, 0),
  ])
  func currentSetWeight(_ name: String, _ index: Int, _ aborted: Bool, _ expected: Int) throws {
    let snapshot = Self.snapshot(
      replicas: 10, canary: Fixture.rs("canary", replicas: 0),
      params: [
        "call": "currentSetWeight", "steps": [["setWeight": 10]], "index": .int(index),
        "aborted": .bool(aborted),
      ])
    #expect(try Self.run(snapshot)["weight"] == .int(expected), "\(name)")
  }

  struct ReplicasOrWeightCase: Sendable, CustomTestStringConvertible {
    var name: String
    var steps: JSONValue
    var index: Int
    var promoteFull = false
    var aborted = false
    var noStable = false
    var replicas: Int?
    var weight: Int
    var testDescription: String { name }
  }

  /// TestGetCanaryReplicasOrWeight: all 4 cases.
  @Test(arguments: [
    ReplicasOrWeightCase(
      name: "test full promote rollout", steps: [["setWeight": 10]], index: 1, promoteFull: true,
      weight: 100),
    ReplicasOrWeightCase(
      name: "test canary step weight",
      steps: [["setWeight": 10], ["setCanaryScale": ["weight": 20]]], index: 2, weight: 20),
    ReplicasOrWeightCase(
      name: "test canary step replicas",
      steps: [["setWeight": 10], ["setCanaryScale": ["replicas": 5]]], index: 2, replicas: 5,
      weight: 0),
    ReplicasOrWeightCase(
      name: "test get current step weight (no stable RS, aborted)", steps: [["setWeight": 10]],
      index: 1, aborted: true, noStable: true, weight: 100),
  ])
  func canaryReplicasOrWeight(_ test: ReplicasOrWeightCase) throws {
    let snapshot = Self.snapshot(
      replicas: 10, canary: Fixture.rs("canary", replicas: 0),
      params: [
        "call": "canaryReplicasOrWeight", "steps": test.steps, "index": .int(test.index),
        "promoteFull": .bool(test.promoteFull), "aborted": .bool(test.aborted),
        "noStable": .bool(test.noStable),
      ])
    let result = try Self.run(snapshot)
    #expect(result["replicas"] == test.replicas.map { .int($0) })
    #expect(result["weight"] == .int(test.weight))
  }

  struct AtDesiredCase: Sendable, CustomTestStringConvertible {
    var name: String
    var weight: Int
    var canary: (spec: Int, available: Int, current: Int)
    var stable: (spec: Int, available: Int, current: Int)
    var expected: Bool
    var testDescription: String { name }
  }

  /// TestAtDesiredReplicaCountsForCanary: all 5 cases (4 replicas, surge 1, unavailable 1;
  /// their setCanaryScale is ignored by Argo without a router, so only setWeight is kept).
  @Test(arguments: [
    AtDesiredCase(
      name: "we are at desired replica counts and availability", weight: 50, canary: (2, 2, 2),
      stable: (2, 2, 2), expected: true),
    AtDesiredCase(
      name: "new replicaset is not at desired counts or availability", weight: 50,
      canary: (2, 1, 2), stable: (2, 2, 2), expected: false),
    AtDesiredCase(
      name: "stable replicaset is not at desired counts or availability", weight: 75,
      canary: (3, 3, 3), stable: (2, 2, 2), expected: false),
    AtDesiredCase(
      name: "stable replicaset is not at desired availability but is at correct count",
      weight: 75, canary: (3, 3, 1), stable: (1, 0, 1), expected: true),
    AtDesiredCase(
      name: "test that when status field lags behind spec.replicas we fail", weight: 50,
      canary: (2, 2, 2), stable: (2, 2, 3), expected: false),
  ])
  func atDesiredCounts(_ test: AtDesiredCase) throws {
    let snapshot = Self.snapshot(
      replicas: 4, maxSurge: 1, maxUnavailable: 1,
      canary: Fixture.rs(
        "newRS", replicas: test.canary.spec, available: test.canary.available, revision: 2,
        current: test.canary.current),
      stable: Fixture.rs(
        "stableRS", replicas: test.stable.spec, available: test.stable.available,
        current: test.stable.current),
      params: [
        "call": "atDesiredCounts", "steps": [["setWeight": .int(test.weight)]], "index": 1,
      ])
    #expect(try Self.run(snapshot)["result"] == .bool(test.expected))
  }

  /// TestGetReplicasForScaleDown: all 4 cases.
  @Test(arguments: [
    ("test rs is nil", true, 0, 0, false, 0),
    ("test expected replicas is less than actual replicas", false, 3, 5, false, 3),
    ("test ignore availability", false, 3, 2, true, 3),
    ("test not ignore availability", false, 3, 2, false, 2),
  ])
  func replicasForScaleDown(
    _ name: String, _ none: Bool, _ spec: Int, _ available: Int, _ ignore: Bool, _ want: Int
  ) throws {
    let snapshot = Self.snapshot(
      replicas: 10, canary: Fixture.rs("rs", replicas: spec, available: available),
      params: ["call": "replicasForScaleDown", "none": .bool(none), "ignore": .bool(ignore)])
    #expect(try Self.run(snapshot)["result"] == .int(want), "\(name)")
  }

  /// TestTrafficWeightToReplicas: all 6 assertions (the setCanaryScale.weight rounding).
  @Test(arguments: [(0, 0), (20, 2), (25, 3), (33, 4), (99, 10), (100, 10)])
  func weightToReplicas(_ weight: Int, _ expected: Int) throws {
    let snapshot = Self.snapshot(
      replicas: 10, canary: Fixture.rs("canary", replicas: 0),
      params: ["call": "weightToReplicas", "replicas": 10, "weight": .int(weight)])
    #expect(try Self.run(snapshot)["result"] == .int(expected))
  }
}
