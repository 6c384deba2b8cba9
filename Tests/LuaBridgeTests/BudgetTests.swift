import LuaBridge
import Testing

@Suite struct BudgetTests {
  static let runaways: [(String, Int)] = [
    ("while true do end", 1),
    ("pcall(function()\n while true do end\n end)", 2),
    ("local co = coroutine.wrap(function()\n while true do end\n end)\n co()", 2),
    (
      "local co = coroutine.create(function()\n while true do end\n end)\n"
        + "coroutine.resume(co)\n while true do end", 2
    ),
    ("while true do\n pcall(function() while true do end end)\n end", 2),
    ("return pcall(function()\n while true do end\n end)", 2),
    ("local ok = xpcall(function()\n while true do end\n end, function(m) return m end)", 2),
  ]

  @Test(arguments: runaways)
  func runawayLoopsExceedTheBudget(source: String, line: Int) throws {
    let state = try makeState(budget: 200_000)
    let error = failure(state, source)
    #expect(error?.kind == .instructionBudget, "\(String(describing: error))")
    #expect(error?.message == "instruction budget of 200000 exceeded")
    #expect(error?.chunkName == "canary.lua")
    #expect(error?.line == line, "\(String(describing: error))")
    #expect(stillWorks(state))
  }

  @Test func budgetIsPerCall() throws {
    let state = try makeState(budget: 100_000)
    for _ in 0..<5 {
      #expect(
        try state.run(
          "local n = 0 for i = 1, 10000 do n = n + i end return n",
          chunkName: "loop.lua") == [50_005_000])
    }
  }

  @Test func coroutineFromEarlierCallDoesNotCarryItsBudget() throws {
    let state = try makeState(budget: 100_000)
    let error = failure(
      state,
      "co = coroutine.wrap(function() while true do coroutine.yield() end end)"
        + " co() while true do end")
    #expect(error?.kind == .instructionBudget)
    #expect(try state.run("for i = 1, 1000 do co() end return 1", chunkName: "again.lua") == [1])
  }

  @Test func timeLimitStopsLoops() throws {
    let state = try makeState(budget: Int.max, time: .milliseconds(200))
    let clock = ContinuousClock()
    let start = clock.now
    let error = failure(state, "while true do end")
    #expect(error?.kind == .timeLimit)
    #expect(error?.description == "canary.lua:1: time limit of 0.2 s exceeded")
    #expect(clock.now - start < .seconds(5))
    #expect(stillWorks(state))
  }

  @Test(arguments: [
    "local t = {} table.move(t, 1, 1 << 40, 2)",
    "table.remove(setmetatable({}, {__len = function() return 1 << 40 end}), 1)",
    "table.insert(setmetatable({}, {__len = function() return 1 << 40 end}), 1, 0)",
  ])
  func libraryLoopsAreCharged(source: String) throws {
    let state = try makeState(budget: 5_000_000, time: .seconds(5))
    let clock = ContinuousClock()
    let start = clock.now
    let error = failure(state, source)
    #expect(error?.kind == .instructionBudget, "\(String(describing: error))")
    #expect(clock.now - start < .seconds(10))
    #expect(stillWorks(state))
  }

  @Test func limitsCanChange() throws {
    let state = try makeState(budget: 1_000)
    #expect(failure(state, "for i = 1, 10000 do end")?.kind == .instructionBudget)
    state.limits.instructionBudget = 1_000_000
    #expect(try state.run("for i = 1, 10000 do end return 1", chunkName: "x.lua") == [1])
  }
}
