import Engine
import Testing

/// Strategy pauses, the strategy's state, and `complete` (SyncPass+Step and the runner).
struct RolloutRunnerPauseTests {
  /// Pauses at its first call (remembered in `state`), then rolls as Kubernetes does.
  static func pausingOnce(seconds: Double?) -> ClosureStrategy {
    ClosureStrategy { snapshot in
      if snapshot.state["paused"] == nil {
        return StrategyDecision(
          pause: PauseRequest(reason: "CanaryPauseStep", seconds: seconds),
          message: "holding before the first pod", state: ["paused": true])
      }
      return try NativeRollingStrategy().step(snapshot)
    }
  }

  /// A harness with `web:v1` rolled out, then `strategy` swapped in and `web:v2` applied.
  static func updated(to strategy: any RolloutStrategy, replicas: Int = 4) throws
    -> (ControllerHarness, mark: Int, t0: Double)
  {
    let harness = try ControllerHarness(ControllerFixtures.deployment(replicas: replicas))
    #expect(try harness.run().result == .complete)
    harness.box.strategy = strategy
    harness.box.calls = 0
    let mark = harness.events.count
    let t0 = harness.cluster.now
    try harness.setImage("web:v2")
    return (harness, mark, t0)
  }

  @Test func aTimedPauseEndsByItselfAndTheRolloutCompletes() throws {
    let (harness, mark, t0) = try Self.updated(to: Self.pausingOnce(seconds: 600))
    let outcome = try harness.run()

    #expect(outcome.result == .complete)
    // 4 replicas, surge 1, unavailable 1: new 0->1, old 4->3, new 1->2 at t0 + 600; old 3->1,
    // new 2->4 two seconds later; old 1->0 two seconds after that.
    #expect(outcome.finished == t0 + 600 + 4)
    let timeline = harness.events[mark...].compactMap { event -> String? in
      switch event {
      case .paused(let time, _, let reason, let until):
        return "paused \(reason) @\(time - t0) until \(until.map { $0 - t0 } ?? -1)"
      case .resumed(let time, _, let reason): return "resumed \(reason) @\(time - t0)"
      case .step(let time, _, let message): return "step \(message) @\(time - t0)"
      default: return nil
      }
    }
    #expect(
      timeline == [
        "step holding before the first pod @0.0",
        "paused CanaryPauseStep @0.0 until 600.0",
        "resumed CanaryPauseStep @600.0",
      ])
    let scales = harness.scales(from: mark)
    #expect(scales.first?.time == t0 + 600)
    #expect(scales.allSatisfy { $0.time >= t0 + 600 })
  }

  @Test func aPauseWithoutSecondsWaitsForAnOperator() throws {
    let (harness, mark, _) = try Self.updated(to: Self.pausingOnce(seconds: nil))
    let outcome = try harness.run()

    #expect(outcome.result == .paused)
    #expect(outcome.phase == .paused)
    #expect(outcome.reason == "CanaryPauseStep")
    #expect(harness.scales(from: mark).isEmpty)
    #expect(harness.box.calls == 1)
    let state = RolloutState.read(from: harness.deployment)
    #expect(state.pause?.until == nil)
    #expect(state.strategyState == ["paused": true])
    // Time passing does not end it.
    harness.cluster.advance(by: 3_600)
    #expect(try harness.run().result == .paused)
    #expect(harness.box.calls == 1)
  }

  @Test func theDecisionStateComesBackInTheNextSnapshot() throws {
    final class Seen {
      var states: [JSONValue] = []
      var returned: [JSONValue] = []
    }
    let seen = Seen()
    // Counts the steps that scaled: the state settles once the strategy stops scaling.
    let counting = ClosureStrategy { snapshot in
      seen.states.append(snapshot.state)
      var decision = try NativeRollingStrategy().step(snapshot)
      let steps = snapshot.state["steps"]?.intValue ?? 0
      decision.state = ["steps": .int(decision.scale.isEmpty ? steps : steps + 1)]
      seen.returned.append(decision.state!)
      return decision
    }
    let (harness, mark, _) = try Self.updated(to: counting)
    #expect(try harness.run().result == .complete)

    #expect(seen.states.count == harness.box.calls)
    #expect(seen.states.first == [:])
    #expect(Array(seen.states.dropFirst()) == Array(seen.returned.dropLast()))
    // One scale per native decision: 0->1, 4->3, 1->2, 3->1, 2->4, 1->0.
    #expect(harness.scales(from: mark).count == 6)
    #expect(seen.returned.last == ["steps": 6])
    #expect(RolloutState.read(from: harness.deployment).strategyState == ["steps": 6])
    // A new revision starts from an empty state.
    seen.states = []
    try harness.setImage("web:v3")
    #expect(try harness.run().result == .complete)
    #expect(seen.states.first == [:])
  }

  @Test(arguments: [true, false])
  func completeStopsFurtherCallsForTheRevision(_ complete: Bool) throws {
    // Everything at once, in one decision: it needs an envelope of 100%/100%.
    let allAtOnce = ClosureStrategy(
      declaredEnvelope: EnvelopeDeclaration(maxSurge: "100%", maxUnavailable: "100%")
    ) { snapshot in
      StrategyDecision(
        scale: [ScaleOperation(replicaSet: snapshot.newReplicaSet.name, replicas: 4)]
          + snapshot.oldReplicaSets.map { ScaleOperation(replicaSet: $0.name, replicas: 0) },
        complete: complete)
    }
    let (harness, mark, t0) = try Self.updated(to: allAtOnce)
    let outcome = try harness.run()
    #expect(outcome.result == .complete)
    #expect(outcome.finished == t0 + 2)
    #expect(harness.scales(from: mark).count == 2)
    if complete {
      #expect(harness.box.calls == 1)
    } else {
      #expect(harness.box.calls > 1)
    }

    // The next revision asks the strategy again.
    harness.box.calls = 0
    try harness.setImage("web:v3")
    #expect(try harness.run().result == .complete)
    #expect(harness.box.calls >= 1)
    #expect(harness.replicaSet(image: "web:v3")?.replicas == 4)
  }
}
