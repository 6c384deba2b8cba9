import Engine
import LuaBridge
import Strategies
import Testing

/// A decision is a function of the snapshot: the clock a script reads is `ctx.now`, and
/// `math.random` is seeded from the deployment, the revision and `now`, so the same snapshot
/// gets the same decision in any instance of the strategy.
@Suite struct PureDecisionTests {
  static let script = """
    function step(ctx)
      local draws = {}
      for i = 1, 4 do draws[i] = math.random(1, 1000000) end
      ctx.state.draws = table.concat(draws, " ")
      ctx.state.float = math.random()
      ctx.state.time = os.time()
      ctx.state.date = os.date("!%Y-%m-%dT%H:%M:%SZ")
      ctx.state.now = ctx.now
      ctx.newRS:scale(math.random(1, 3))
    end
    """

  static func strategy() throws -> LuaStrategy {
    try LuaStrategy(
      source: StrategySource(text: script, displayName: "dice.lua", identity: "dice.lua"))
  }

  static func snapshot(name: String = "web", revision: Int = 2, now: Double = 1_700_000_000.75)
    -> StrategySnapshot
  {
    var snapshot = Fixture.snapshot(
      replicas: 10, maxSurge: 3, maxUnavailable: 2,
      new: Fixture.rs("\(name)-new", replicas: 0, revision: revision),
      old: [Fixture.rs("\(name)-old", replicas: 10, revision: revision - 1)])
    snapshot.deployment.name = name
    snapshot.now = now
    return snapshot
  }

  @Test func theSameSnapshotGetsTheSameDecisionInAnyInstance() throws {
    let (one, two) = (try Self.strategy(), try Self.strategy())
    let first = try one.step(Self.snapshot())
    #expect(try two.step(Self.snapshot()) == first)
    #expect(try one.step(Self.snapshot()) == first, "and again in the same instance")
  }

  @Test func theClockIsTheSnapshots() throws {
    let state = try Self.strategy().step(Self.snapshot()).state
    #expect(state?["time"] == .int(1_700_000_000), "ctx.now rounded down")
    #expect(state?["date"] == .string("2023-11-14T22:13:20Z"))
    #expect(state?["now"] == .double(1_700_000_000.75))
  }

  /// Another deployment, revision or instant draws other numbers (a collision of these four
  /// draws of 1e6 each would be a defect of the seed, not chance).
  @Test(arguments: [
    PureDecisionTests.snapshot(name: "api"), PureDecisionTests.snapshot(revision: 3),
    PureDecisionTests.snapshot(now: 1_700_000_001.75),
  ])
  func otherInputsDrawOtherNumbers(_ other: StrategySnapshot) throws {
    let strategy = try Self.strategy()
    let base = try strategy.step(Self.snapshot()).state?["draws"]
    #expect(try strategy.step(other).state?["draws"] != base)
  }
}
