import Engine
import Testing

/// A strategy that changes its mind forever without the clock moving is reported, not looped on.
struct RolloutRunnerLivelockTests {
  @Test func flippingAReplicaSetAtOneInstantIsALivelock() throws {
    let flipping = ClosureStrategy { snapshot in
      let new = snapshot.newReplicaSet
      return StrategyDecision(scale: [
        ScaleOperation(replicaSet: new.name, replicas: new.replicas == 1 ? 2 : 1)
      ])
    }
    let harness = try ControllerHarness(
      ControllerFixtures.deployment(replicas: 3), strategy: flipping)
    harness.runner.maxPassesPerInstant = 20

    let error = #expect(throws: RunnerError.self) { try harness.run() }
    guard case .livelock(let keys, let passes, let time) = error else {
      Issue.record("expected a livelock, got \(String(describing: error))")
      return
    }
    #expect(keys == [harness.key])
    #expect(passes == 20)
    #expect(time == 0)
    #expect(harness.scales().count == 20)
    #expect(error?.description.contains("default/web") == true)
  }

  @Test func aStateThatNeverSettlesIsALivelockToo() throws {
    // Every new state is a write of the Deployment, and every write asks for another pass.
    let counter = ClosureStrategy { snapshot in
      StrategyDecision(state: ["n": .int((snapshot.state["n"]?.intValue ?? 0) + 1)])
    }
    let harness = try ControllerHarness(
      ControllerFixtures.deployment(replicas: 3), strategy: counter)
    harness.runner.maxPassesPerInstant = 10
    #expect(throws: RunnerError.self) { try harness.run() }
    #expect(harness.scales().isEmpty)
  }

  @Test func aStrategyThatSettlesIsNotALivelock() throws {
    let harness = try ControllerHarness(ControllerFixtures.deployment(replicas: 10))
    harness.runner.maxPassesPerInstant = 4
    #expect(try harness.run().result == .complete)
  }
}
