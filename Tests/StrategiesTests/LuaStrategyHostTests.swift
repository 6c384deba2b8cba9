import Engine
import LuaBridge
import Strategies
import Testing

/// The strategy host: what a script sees, the primitives, and what carries over between steps.
@Suite struct LuaStrategyHostTests {
  static func strategy(_ text: String, name: String = "custom.lua", limits: LuaLimits = LuaLimits())
    throws -> LuaStrategy
  {
    try LuaStrategy(
      source: StrategySource(text: text, displayName: name, identity: name), limits: limits)
  }

  static let snapshot = Fixture.snapshot(
    replicas: 10, maxSurge: 3, maxUnavailable: 2,
    new: Fixture.rs("web-new", replicas: 0, revision: 2),
    old: [Fixture.rs("web-old", replicas: 10, revision: 1)])

  @Test func scriptSeesTheSnapshot() throws {
    let strategy = try Self.strategy(
      """
      function step(ctx)
        ctx.state.seen = table.concat({
          ctx.deployment.name, ctx.deployment.replicas, ctx.newRS.name, ctx.newRS.revision,
          #ctx.oldRSs, ctx.oldRSs[1].name, ctx.oldRSs[1].availableReplicas,
          ctx.fenceposts.maxSurge, ctx.fenceposts.maxUnavailable, ctx.newRS.images[1]
        }, " ")
      end
      """)
    let decision = try strategy.step(Self.snapshot)
    #expect(decision.state?["seen"] == "foo 10 web-new 2 1 web-old 10 3 2 app:web-new")
  }

  @Test func primitivesBecomeTheDecision() throws {
    let strategy = try Self.strategy(
      """
      return { step = function(ctx)
        ctx.newRS:scale(3)
        ctx.oldRSs[1]:scale(8)
        ctx.newRS:scale(5.0)
        ctx:message("three steps")
        ctx:pause("Bake", 60)
        ctx:requeue(5)
        ctx:finish()
      end }
      """)
    let decision = try strategy.step(Self.snapshot)
    #expect(decision.scale.map(\.replicaSet) == ["web-new", "web-old", "web-new"])
    #expect(decision.scale.map(\.replicas) == [3, 8, 5])
    #expect(decision.scale.map(\.origin) == ["custom.lua:2", "custom.lua:3", "custom.lua:4"])
    #expect(decision.message == "three steps")
    #expect(decision.pause == PauseRequest(reason: "Bake", seconds: 60))
    #expect(decision.requeueAfter == 5)
    #expect(decision.complete)
  }

  @Test func aScaleIsSeenByTheRestOfTheStep() throws {
    let strategy = try Self.strategy(
      """
      function step(ctx)
        ctx.newRS:scale(4)
        ctx.state.after = ctx.newRS.replicas
        ctx.state.same = ctx:replicaSet("web-new") == ctx.newRS
        ctx.state.all = #ctx:allRSs()
      end
      """)
    let state = try strategy.step(Self.snapshot).state
    #expect(state?["after"] == 4)
    #expect(state?["same"] == true)
    #expect(state?["all"] == 2)
  }

  @Test func onlyStateSurvivesBetweenSteps() throws {
    let strategy = try Self.strategy(
      """
      local calls = 0
      function step(ctx)
        calls = calls + 1
        counter = (counter or 0) + 1
        ctx.state.steps = (ctx.state.steps or 0) + 1
        ctx.state.calls = calls
        ctx.state.counter = counter
      end
      """)
    var snapshot = Self.snapshot
    for expected in 1...3 {
      let decision = try strategy.step(snapshot)
      #expect(decision.state?["steps"] == .int(expected))
      #expect(decision.state?["calls"] == 1, "a module-level local survived a step")
      #expect(decision.state?["counter"] == 1, "a global survived a step")
      snapshot.state = decision.state ?? [:]
    }
  }

  @Test func errorsNameTheScriptLine() throws {
    let strategy = try Self.strategy(
      """
      function step(ctx)
        local target = ctx.newRS.replicas
        return ctx.newReplicaSet.name
      end
      """, name: "canary.lua")
    #expect {
      try strategy.step(Self.snapshot)
    } throws: { error in
      "\(error)".hasPrefix("canary.lua:3: attempt to index a nil value (field 'newReplicaSet')")
    }
  }

  @Test(arguments: [
    ("ctx.newRS:scale(-1)", "custom.lua:1: web-new:scale(-1): a replica count cannot be negative"),
    (
      "ctx.newRS:scale(1.5)",
      "custom.lua:1: web-new:scale: argument 1 (n) must be a whole number, got 1.5"
    ),
    (
      "ctx.newRS:scale('3')",
      "custom.lua:1: web-new:scale: argument 1 (n) must be a whole number, got string \"3\""
    ),
    (
      "ctx:pause('')",
      "custom.lua:1: ctx:pause: argument 1 (reason) must be a reason string such as \"Bake\", got string \"\""
    ),
    (
      "ctx:pause('Bake', -1)",
      "custom.lua:1: ctx:pause: argument 2 (seconds) must be nil or zero or more seconds, got -1"
    ),
    (
      "ctx:requeue()",
      "custom.lua:1: ctx:requeue: argument 1 (seconds) must be more than 0 seconds, got nil"
    ),
    (
      "ctx:requeue(0)",
      "custom.lua:1: ctx:requeue: argument 1 (seconds) must be more than 0 seconds, got 0"
    ),
    (
      "ctx:setStep(1)",
      "custom.lua:1: ctx:setStep: argument 2 (total) must be a whole number, got nil"
    ),
    (
      "ctx:setStep(nil, 3)",
      "custom.lua:1: ctx:setStep: argument 1 (index) must be a whole number, got nil"
    ),
    (
      "ctx:setWeight(2.5)",
      "custom.lua:1: ctx:setWeight: argument 1 (percent) must be a whole number, got 2.5"
    ),
    (
      "ctx:pointService(7)",
      "custom.lua:1: ctx:pointService: argument 1 (name) must be a Service name, got 7"
    ),
  ])
  func misusedPrimitivesFailAtTheCallingLine(_ call: String, _ message: String) throws {
    let strategy = try Self.strategy("function step(ctx) \(call) end")
    #expect {
      try strategy.step(Self.snapshot)
    } throws: { error in
      "\(error)".hasPrefix(message)
    }
  }

  @Test func aScriptWithoutStepIsRejectedClearly() throws {
    let strategy = try Self.strategy("local x = 1", name: "empty.lua")
    #expect {
      try strategy.step(Self.snapshot)
    } throws: { error in
      "\(error)".hasPrefix("empty.lua: no step function")
    }
  }

  @Test func aSyntaxErrorFailsAtLoadNamingFileAndLine() {
    #expect {
      try Self.strategy("function step(ctx)\n  if then\nend", name: "broken.lua")
    } throws: { error in
      "\(error)".hasPrefix("broken.lua:2:")
    }
  }

  @Test func aRunawayStepIsStoppedAndTheStrategyStaysUsable() throws {
    var limits = LuaLimits()
    limits.instructionBudget = 100_000
    let strategy = try Self.strategy(
      """
      function step(ctx)
        if ctx.params.spin then while true do end end
        ctx.newRS:scale(1)
      end
      """, name: "spin.lua", limits: limits)
    var spinning = Self.snapshot
    spinning.params = ["spin": true]
    #expect {
      try strategy.step(spinning)
    } throws: { error in
      "\(error)".contains("spin.lua:2: instruction budget of 100000 exceeded")
    }
    #expect(try strategy.step(Self.snapshot).scale.map(\.replicas) == [1])
  }

  @Test func stateMustStayATable() throws {
    let strategy = try Self.strategy("function step(ctx) ctx.state = 3 end", name: "bad.lua")
    #expect {
      try strategy.step(Self.snapshot)
    } throws: { error in
      "\(error)".contains("ctx.state must stay a table")
    }
  }

  /// The decision is read in place off the Lua stack; anything it cannot read goes through the
  /// `LuaValue` conversion, whose messages say what is wrong.
  @Test func decisionReadInPlaceOrReportedByTheConversion() throws {
    let strategy = try Self.strategy(
      """
      function step(ctx)
        ctx.oldRSs[1]:scale(9)
        ctx:pause("look", 1.5)
        ctx:message("hi")
        ctx:requeue(2)
        ctx:setWeight(10)
        ctx:setStep(1, 3)
        ctx.state.list = {1, "two", {three = true}}
        ctx.state.empty = {}
      end
      """)
    let decision = try strategy.step(Self.snapshot)
    #expect(decision.scale.map(\.replicas) == [9])
    #expect(decision.scale.first?.origin == "custom.lua:2")
    #expect(decision.pause?.reason == "look" && decision.pause?.seconds == 1.5)
    #expect(decision.message == "hi" && decision.requeueAfter == 2 && decision.weight == 10)
    #expect(decision.step?.index == 1 && decision.step?.count == 3)
    #expect(decision.state?["list"] == [1, "two", ["three": true]])
    let unconvertible = try Self.strategy(
      "function step(ctx) ctx.state.f = print end", name: "f.lua")
    #expect {
      try unconvertible.step(Self.snapshot)
    } throws: { error in
      "\(error)".contains("result.state.f: a function value cannot be converted")
    }
    let list = try Self.strategy("function step(ctx) ctx.state = {1, 2} end", name: "l.lua")
    #expect {
      try list.step(Self.snapshot)
    } throws: { error in
      "\(error)".contains("ctx.state must stay a table, got table")
    }
  }

  @Test func printGoesToTheLogNotStdout() throws {
    final class Lines { var all: [String] = [] }
    let lines = Lines()
    let strategy = try LuaStrategy(
      source: StrategySource(
        text: "function step(ctx) print('hi', 1) end", displayName: "p.lua", identity: "p"),
      log: { lines.all.append($0) })
    _ = try strategy.step(Self.snapshot)
    #expect(lines.all == ["hi\t1"])
  }
}

/// One Lua state serves every deployment that uses a strategy file: nothing a step does may
/// reach the next step or another deployment, except through `ctx.state`.
@Suite struct HostIsolationTests {
  @Test(arguments: [
    "getmetatable(ctx).pause = nil",
    "getmetatable(ctx.newRS).scale = nil",
    "getmetatable(_ENV).__index = {}",
    "string.leak = true",
    "require('rollout.rolling').step = nil",
  ])
  func aStepCannotChangeWhatLaterStepsSee(_ attempt: String) throws {
    let strategy = try LuaStrategyHostTests.strategy(
      """
      function step(ctx)
        if ctx.params.attack then \(attempt) end
        ctx.newRS:scale(1)
        ctx:pause("Hold")
        ctx.state.ok = string.leak == nil and require('rollout.rolling').step ~= nil
      end
      """, name: "attack.lua")
    var attacking = LuaStrategyHostTests.snapshot
    attacking.params = ["attack": true]
    _ = try? strategy.step(attacking)
    let decision = try strategy.step(LuaStrategyHostTests.snapshot)
    #expect(decision.scale.map(\.replicas) == [1])
    #expect(decision.pause?.reason == "Hold")
    #expect(decision.state?["ok"] == true)
  }
}
