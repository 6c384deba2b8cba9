import Engine
import Testing

/// The invariants every scenario is held to, each fired by a deliberately bad strategy.
struct ScenarioInvariantTests {
  @Test func moreThanReplicasPlusMaxSurgeIsABreach() {
    // 10 replicas, maxSurge 3: the strategy starts 8 new pods beside the 10 old ones. It
    // declares a wide envelope, so the engine lets it through; the invariant still holds it to
    // the rolling promise.
    let greedy = ClosureStrategy(declaredEnvelope: EnvelopeDeclaration(maxSurge: "100%")) {
      snapshot in
      let new = snapshot.newReplicaSet
      if new.replicas == 0, !snapshot.oldReplicaSets.isEmpty {
        return StrategyDecision(scale: [ScaleOperation(replicaSet: new.name, replicas: 8)])
      }
      return try NativeRollingStrategy().step(snapshot)
    }
    let run = ScenarioFixtures.runner(greedy).run(ScenarioFixtures.update())
    let failure = run.failure("invariant: pods never exceed")
    #expect(failure?.expectation == "invariant: pods never exceed replicas + maxSurge = 13")
    #expect(failure?.message.hasPrefix("16 pods at t=0s (") == true, "\(run.failureLines)")
  }

  @Test func fallingBelowReplicasMinusMaxUnavailableIsABreach() {
    // Everything old goes at once, as recreate does, but under the rolling promise (its declared
    // envelope lets the engine apply it).
    let hasty = ClosureStrategy(
      declaredEnvelope: EnvelopeDeclaration(maxSurge: "100%", maxUnavailable: "100%")
    ) { snapshot in
      let new = snapshot.newReplicaSet
      let old = snapshot.oldReplicaSets.map { ScaleOperation(replicaSet: $0.name, replicas: 0) }
      return StrategyDecision(
        scale: old + [ScaleOperation(replicaSet: new.name, replicas: snapshot.deployment.replicas)],
        complete: new.availableReplicas == snapshot.deployment.replicas)
    }
    let run = ScenarioFixtures.runner(hasty).run(ScenarioFixtures.update())
    let failure = run.failure("invariant: available pods never below")
    #expect(
      failure?.expectation == "invariant: available pods never below replicas - maxUnavailable = 8")
    #expect(failure?.message.hasPrefix("0 available at t=0s") == true, "\(run.failureLines)")
    // Under recreate's promise the same strategy is fine.
    let recreate = ScenarioFixtures.runner(hasty, name: "recreate").run(ScenarioFixtures.update())
    #expect(recreate.failures.isEmpty, "\(recreate.failureLines)")
  }

  @Test func aScenarioMayStateItsOwnPromise() {
    var scenario = ScenarioFixtures.update()
    scenario.promise = .explicit(maxPods: 11, minAvailable: 9)
    let run = ScenarioFixtures.runner().run(scenario)
    #expect(run.failure("invariant: pods never exceed 11 (the scenario's promise)") != nil)
    #expect(run.failure("invariant: available pods never below 9 (the scenario's promise)") != nil)
  }

  @Test func anInvalidDecisionIsABreachUnlessDegradedIsExpected() {
    let lost = ClosureStrategy { snapshot in
      guard !snapshot.oldReplicaSets.isEmpty else {
        return try NativeRollingStrategy().step(snapshot)
      }
      return StrategyDecision(scale: [ScaleOperation(replicaSet: "web-nowhere", replicas: 1)])
    }
    var scenario = ScenarioFixtures.update()
    let run = ScenarioFixtures.runner(lost).run(scenario)
    let failure = run.failure("invariant: every decision is valid")
    #expect(
      failure?.message.contains("unknown ReplicaSet \"web-nowhere\"") == true, "\(run.failureLines)"
    )
    #expect(failure?.message.hasPrefix("StrategyFailed at t=0s") == true)
    scenario.expect.phase = .degraded
    #expect(ScenarioFixtures.runner(lost).run(scenario).failures.isEmpty)
  }

  @Test func aLivelockIsReportedWithItsCycle() {
    let flipping = ClosureStrategy { snapshot in
      guard !snapshot.oldReplicaSets.isEmpty else {
        return try NativeRollingStrategy().step(snapshot)
      }
      let new = snapshot.newReplicaSet
      return StrategyDecision(scale: [
        ScaleOperation(replicaSet: new.name, replicas: new.replicas == 1 ? 2 : 1)
      ])
    }
    var runner = ScenarioFixtures.runner(flipping)
    runner.maxPassesPerInstant = 20
    let run = runner.run(ScenarioFixtures.update())
    let failure = run.failure("invariant: the rollout terminates or pauses")
    let new =
      run.trace.compactMap { entry -> String? in
        if case .event(.replicaSetCreated(_, _, let name, _)) = entry.kind { return name }
        return nil
      }.first ?? "?"
    #expect(failure?.message.contains("livelock") == true, "\(run.failureLines)")
    let cycles = [
      "the cycle: \(new) 1 -> 2, \(new) 2 -> 1 (repeated)",
      "the cycle: \(new) 2 -> 1, \(new) 1 -> 2 (repeated)",
    ]
    #expect(
      cycles.contains { failure?.message.contains($0) == true }, "\(failure?.message ?? "")")
  }

  @Test func aRolloutThatNeverSettlesStopsAtTheHorizon() {
    let restless = ClosureStrategy { _ in StrategyDecision(requeueAfter: 60) }
    var scenario = ScenarioFixtures.update()
    scenario.horizon = 600
    let run = ScenarioFixtures.runner(restless).run(scenario)
    let failure = run.failure("invariant: the rollout terminates or pauses")
    #expect(failure?.message.contains("after the horizon of 10m") == true, "\(run.failureLines)")
  }
}
