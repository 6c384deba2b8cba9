import Engine
import Testing

/// A strategy that changes its mind forever without the clock moving is stopped and the rollout
/// marked Degraded (`Livelock`), not looped on; later runs report it without asking again.
struct RolloutRunnerLivelockTests {
  @Test func flippingAReplicaSetAtOneInstantIsALivelock() throws {
    let flipping = ClosureStrategy(name: "flip.lua") { snapshot in
      let new = snapshot.newReplicaSet
      return StrategyDecision(scale: [
        ScaleOperation(replicaSet: new.name, replicas: new.replicas == 1 ? 2 : 1)
      ])
    }
    let harness = try ControllerHarness(
      ControllerFixtures.deployment(replicas: 3), strategy: flipping)
    harness.runner.maxPassesPerInstant = 20

    let outcome = try harness.run()
    #expect(outcome.result == .degraded)
    #expect(outcome.phase == .degraded)
    #expect(outcome.reason == RolloutState.Reason.livelock)
    #expect(outcome.finished == 0)
    let name = try #require(harness.replicaSets.first?.metadata.name)
    // 20 passes: 0 -> 1, then 1 -> 2, 2 -> 1, ...: the 19th decision asks for 1, the 20th for 2.
    #expect(
      outcome.message
        == "flip.lua changed its decision at each of 20 passes at t=0s without the clock moving (livelock), alternating between: scale \(name) to 1; scale \(name) to 2"
    )
    let scaled = harness.scales().count
    #expect(scaled == 20)

    // A later command reads the verdict; the strategy is not asked again.
    let again = try harness.run()
    #expect(again.result == .degraded && again.reason == RolloutState.Reason.livelock)
    #expect(harness.scales().count == scaled)
  }

  @Test func aStateThatNeverSettlesIsALivelockToo() throws {
    // Every new state is a write of the Deployment, and every write asks for another pass.
    let counter = ClosureStrategy(name: "count.lua") { snapshot in
      StrategyDecision(state: ["n": .int((snapshot.state["n"]?.intValue ?? 0) + 1)])
    }
    let harness = try ControllerHarness(
      ControllerFixtures.deployment(replicas: 3), strategy: counter)
    harness.runner.maxPassesPerInstant = 10
    let outcome = try harness.run()
    #expect(outcome.reason == RolloutState.Reason.livelock)
    #expect(
      outcome.message?.hasSuffix(
        #"(livelock), alternating between: state {"n":9}; state {"n":10}"#) == true,
      "\(outcome)")
    #expect(harness.scales().isEmpty)
  }

  @Test func aStrategyThatSettlesIsNotALivelock() throws {
    let harness = try ControllerHarness(ControllerFixtures.deployment(replicas: 10))
    harness.runner.maxPassesPerInstant = 4
    #expect(try harness.run().result == .complete)
  }
}
