import Engine
import Simulator
import Strategies
import Testing

/// The stock `pause-at-percentage.lua`: Kubernetes' rolling update, held at each threshold.
@Suite struct PauseAtPercentageTests {
  static func strategy() throws -> LuaStrategy {
    try LuaStrategy(source: StrategySource.stock("pause-at-percentage")!)
  }

  /// Replicas 8 rolling from `old` to `new` with 25%/25% fenceposts (2 and 2) unless told.
  static func snapshot(
    replicas: Int = 8, maxSurge: Int = 2, maxUnavailable: Int = 2, new: Int,
    newAvailable: Int? = nil,
    old: Int, oldAvailable: Int? = nil, pauseAt: JSONValue = [25, 50, 75], passed: Int? = nil,
    promoteFull: Bool = false
  ) -> StrategySnapshot {
    var snapshot = Fixture.snapshot(
      replicas: replicas, maxSurge: maxSurge, maxUnavailable: maxUnavailable,
      new: Fixture.rs("web-new", replicas: new, available: newAvailable, revision: 2),
      old: [Fixture.rs("web-old", replicas: old, available: oldAvailable, revision: 1)],
      params: ["pauseAt": pauseAt], state: passed.map { ["passed": .int($0)] } ?? [:])
    snapshot.operatorIntents.promoteFull = promoteFull
    return snapshot
  }

  static func scales(_ decision: StrategyDecision) -> [String] {
    decision.scale.map { "\($0.replicaSet)=\($0.replicas)" }
  }

  struct StepCase: Sendable, CustomTestStringConvertible {
    var name: String
    var snapshot: StrategySnapshot
    var scales: [String]
    var pause: Bool = false
    var passed: Int?
    var weight: Int?
    var step: StepProgress?
    var testDescription: String { name }
  }

  @Test(arguments: [
    StepCase(
      name: "new capped at ceil(25% of 8) = 2 although surge allows more",
      snapshot: snapshot(maxSurge: 4, new: 0, old: 8), scales: ["web-new=2"], weight: 25,
      step: StepProgress(index: 1, count: 4)),
    StepCase(
      name: "surge smaller than the cap: Kubernetes' step",
      snapshot: snapshot(maxSurge: 1, new: 0, old: 8), scales: ["web-new=1"], weight: 12),
    StepCase(
      name: "old kept at 8 - 2 although availability allows 4",
      snapshot: snapshot(new: 2, old: 8), scales: ["web-old=6"], weight: 25),
    StepCase(
      name: "unhealthy old replicas removed first, down to the floor",
      snapshot: snapshot(new: 2, old: 8, oldAvailable: 6), scales: ["web-old=6"]),
    StepCase(
      name: "new not yet available: wait", snapshot: snapshot(new: 2, newAvailable: 1, old: 6),
      scales: []),
    StepCase(
      name: "threshold reached: pause at 25%", snapshot: snapshot(new: 2, old: 6), scales: [],
      pause: true, passed: 1, weight: 25, step: StepProgress(index: 1, count: 4)),
    StepCase(
      name: "after the first pause the cap is 4", snapshot: snapshot(new: 2, old: 6, passed: 1),
      scales: ["web-new=4"], weight: 50, step: StepProgress(index: 2, count: 4)),
    StepCase(
      name: "second threshold reached", snapshot: snapshot(new: 4, old: 4, passed: 1), scales: [],
      pause: true, passed: 2, weight: 50),
    StepCase(
      name: "third threshold reached", snapshot: snapshot(new: 6, old: 2, passed: 2), scales: [],
      pause: true, passed: 3, weight: 75, step: StepProgress(index: 3, count: 4)),
    StepCase(
      name: "after the last threshold: plain rolling",
      snapshot: snapshot(new: 6, old: 2, passed: 3),
      scales: ["web-new=8"], weight: 100, step: StepProgress(index: 4, count: 4)),
    StepCase(
      name: "promote --full skips the thresholds",
      snapshot: snapshot(maxSurge: 4, new: 0, old: 8, promoteFull: true), scales: ["web-new=4"],
      passed: 3, step: StepProgress(index: 4, count: 4)),
    StepCase(
      name: "thresholds with the same cap are one pause",
      snapshot: snapshot(
        replicas: 2, maxSurge: 1, maxUnavailable: 0, new: 1, old: 1, pauseAt: [25, 50]),
      scales: [], pause: true, passed: 2, weight: 50),
    StepCase(
      name: "a first deployment does not pause",
      snapshot: snapshot(new: 0, old: 0), scales: ["web-new=8"], weight: 100),
  ])
  func step(_ test: StepCase) throws {
    let decision = try Self.strategy().step(test.snapshot)
    #expect(Self.scales(decision) == test.scales)
    #expect((decision.pause != nil) == test.pause)
    if test.pause {
      #expect(decision.pause == PauseRequest(reason: "PausedAtPercentage"))
    }
    if let passed = test.passed { #expect(decision.state?["passed"] == .int(passed)) }
    if let weight = test.weight { #expect(decision.weight == weight) }
    if let step = test.step { #expect(decision.step == step) }
    #expect(!decision.complete)
  }

  @Test func completesAfterTheLastThreshold() throws {
    let decision = try Self.strategy().step(Self.snapshot(new: 8, old: 0, passed: 3))
    #expect(decision.complete)
    #expect(decision.scale.isEmpty)
  }

  /// With every threshold passed, the decisions are Kubernetes' own (NativeRollingStrategy).
  @Test func pastTheThresholdsItIsKubernetesRolling() throws {
    let lua = try Self.strategy()
    let native = NativeRollingStrategy()
    var random = SeededGenerator(seed: 7)
    for index in 0..<500 {
      let replicas = Int.random(in: 1...20, using: &random)
      let surge = Int.random(in: 0...5, using: &random)
      let unavailable = Int.random(in: (surge == 0 ? 1 : 0)...min(5, replicas), using: &random)
      let newSize = Int.random(in: 0...(replicas + surge), using: &random)
      let oldSize = Int.random(in: 1...(replicas + surge), using: &random)
      let snapshot = Self.snapshot(
        replicas: replicas, maxSurge: surge, maxUnavailable: unavailable, new: newSize,
        newAvailable: Int.random(in: 0...newSize, using: &random), old: oldSize,
        oldAvailable: Int.random(in: 0...oldSize, using: &random), passed: 3)
      let expected = try native.step(snapshot)
      let actual = try lua.step(snapshot)
      #expect(
        actual.scale.map { [$0.replicaSet: $0.replicas] }
          == expected.scale.map { [$0.replicaSet: $0.replicas] }, "snapshot \(index): \(snapshot)")
      #expect(actual.complete == expected.complete, "snapshot \(index)")
    }
  }

  struct ParameterCase: Sendable, CustomTestStringConvertible {
    var name: String
    var params: JSONValue
    var message: String
    var testDescription: String { name }
  }

  @Test(arguments: [
    ParameterCase(name: "missing", params: [:], message: "pauseAt is required"),
    ParameterCase(
      name: "a number", params: ["pauseAt": 50], message: "pauseAt must be a list, got number"),
    ParameterCase(
      name: "empty", params: ["pauseAt": []], message: "pauseAt must list at least one percentage"),
    ParameterCase(
      name: "a map", params: ["pauseAt": ["a": 25]], message: "pauseAt must list at least one"),
    ParameterCase(
      name: "a string entry", params: ["pauseAt": [25, "50"]],
      message: "pauseAt [2] must be a number, got string"),
    ParameterCase(
      name: "zero", params: ["pauseAt": [0, 50]], message: "pauseAt [1] = 0 is out of 1..99"),
    ParameterCase(
      name: "one hundred", params: ["pauseAt": [50, 100]],
      message: "pauseAt [2] = 100 is out of 1..99"),
    ParameterCase(
      name: "descending", params: ["pauseAt": [50, 25]],
      message: "pauseAt must be ascending: 25 follows 50"),
    ParameterCase(
      name: "repeated", params: ["pauseAt": [25, 25]],
      message: "pauseAt must be ascending: 25 follows 25"),
  ])
  func parameterErrorsNamePauseAt(_ test: ParameterCase) throws {
    var snapshot = Self.snapshot(new: 0, old: 8)
    snapshot.params = test.params
    let strategy = try Self.strategy()
    #expect {
      try strategy.step(snapshot)
    } throws: { error in
      "\(error)".hasPrefix("pause-at-percentage.lua: parameter \(test.message)")
    }
  }

  @Test func aScriptCanRequireItByItsHyphenatedName() throws {
    let strategy = try LuaStrategy(
      source: StrategySource(
        text: """
          local pause = require "rollout.pause-at-percentage"
          function step(ctx)
            ctx.state.cap = pause.cap(25, ctx.deployment.replicas)
            pause.step(ctx)
          end
          """, displayName: "mine.lua", identity: "mine"))
    let decision = try strategy.step(Self.snapshot(new: 0, old: 8))
    #expect(decision.state?["cap"] == 2)
    #expect(Self.scales(decision) == ["web-new=2"])
  }

  // MARK: Whole rollouts

  struct Pause: Equatable, CustomStringConvertible {
    var reason: String?
    var newReplicas: Int
    var oldReplicas: Int
    var description: String { "\(reason ?? "-") new=\(newReplicas) old=\(oldReplicas)" }
  }

  /// 8 replicas, pauseAt [25, 50, 75], 25%/25% fenceposts: three pauses at 2, 4 and 6 new
  /// replicas, each promoted by clearing the pause as `rollout promote` does, then completion;
  /// availability never below 8 - 2.
  @Test(arguments: [0.0, 3.0]) func wholeRolloutPausesThreeTimes(jitter: Double) throws {
    let cluster = SimulatedCluster(
      settings: SimulationSettings(readyAfter: 2, readyJitter: jitter, seed: 11))
    let lua = try Self.strategy()
    let controller = DeploymentController(cluster: cluster) { _ in lua }
    let runner = RolloutRunner(controller: controller)
    var deployment = Deployment(
      metadata: ObjectMeta(
        name: "web", annotations: [Annotations.strategyParams: "pauseAt: [25, 50, 75]"]),
      spec: DeploymentSpec(
        replicas: 8, selector: LabelSelector(matchLabels: ["app": "web"]),
        template: PodTemplateSpec(
          metadata: .init(labels: ["app": "web"]),
          spec: ["containers": [["name": "web", "image": "web:1"]]])))
    try cluster.create(deployment)
    #expect(try runner.run(deployment.key).result == .complete)

    var minAvailable = Int.max
    runner.afterInstant = { runner in
      let available = runner.cluster.list(ReplicaSet.self, namespace: "default")
        .reduce(0) { $0 + $1.availableReplicas }
      minAvailable = min(minAvailable, available)
    }
    deployment = cluster.get(Deployment.self, deployment.key)!
    deployment.spec.template.setImage(container: "web", to: "web:2")
    try cluster.update(deployment)

    var pauses: [Pause] = []
    var outcome = try runner.run(deployment.key)
    while outcome.result == .paused, pauses.count < 5 {
      let sets = cluster.list(ReplicaSet.self, namespace: "default")
      let new = sets.first { $0.revision == 2 }?.replicas ?? -1
      let old = sets.filter { $0.revision != 2 }.reduce(0) { $0 + $1.replicas }
      pauses.append(Pause(reason: outcome.reason, newReplicas: new, oldReplicas: old))
      // `rollout promote`: end the pause.
      var paused = cluster.get(Deployment.self, deployment.key)!
      var state = RolloutState.read(from: paused)
      state.pause = nil
      state.phase = .progressing
      state.write(to: &paused)
      try cluster.update(paused)
      outcome = try runner.run(deployment.key)
    }
    #expect(
      pauses == [
        Pause(reason: "PausedAtPercentage", newReplicas: 2, oldReplicas: 6),
        Pause(reason: "PausedAtPercentage", newReplicas: 4, oldReplicas: 4),
        Pause(reason: "PausedAtPercentage", newReplicas: 6, oldReplicas: 2),
      ])
    #expect(outcome.result == .complete)
    #expect(minAvailable != Int.max)
    #expect(minAvailable >= 8 - 2)
    let sets = cluster.list(ReplicaSet.self, namespace: "default")
    #expect(sets.first { $0.revision == 2 }?.availableReplicas == 8)
    #expect(sets.filter { $0.revision != 2 }.allSatisfy { $0.replicas == 0 })
  }
}
