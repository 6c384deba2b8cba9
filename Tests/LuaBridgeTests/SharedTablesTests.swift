import LuaBridge
import Testing

/// Everything a state shares between the scripts it runs (the libraries, the global table, the
/// modules `require` returns) is read-only to scripts, so one script can never change what
/// another sees.
@Suite struct SharedTablesTests {
  static func state() throws -> LuaState {
    let state = try LuaState()
    state.addModule("shared.module", source: "return { answer = 42, list = {1, 2, 3} }")
    return state
  }

  @Test(arguments: [
    "string.leak = 1",
    "math.pi = 3",
    "table.insert = nil",
    "os.time = nil",
    "coroutine.wrap = nil",
    "utf8.char = nil",
    "_G.print = nil",
    "rawset(string, 'leak', 1)",
    "rawset(_G, 'leak', 1)",
    "getmetatable('').__index.leak = 1",
    "setmetatable(string, nil)",
    "require('shared.module').answer = 0",
    "rawset(require('shared.module'), 'answer', 0)",
  ])
  func sharedTablesCannotBeChanged(_ attempt: String) throws {
    let state = try Self.state()
    #expect(throws: LuaError.self) { try state.run(attempt, chunkName: "leak.lua") }
    let after = try state.run(
      """
      return string.leak == nil and math.pi > 3.14 and table.insert ~= nil and os.time ~= nil
        and coroutine.wrap ~= nil and utf8.char ~= nil and print ~= nil and _G.leak == nil
        and require('shared.module').answer == 42
      """, chunkName: "check.lua")
    #expect(after == [true], "\(attempt) changed a shared table")
  }

  @Test func readOnlyViewsReadLikeTheTables() throws {
    let state = try Self.state()
    let results = try state.run(
      """
      local names = 0
      for _ in pairs(string) do names = names + 1 end
      local module = require 'shared.module'
      local sum = 0
      for _, v in ipairs(module.list) do sum = sum + v end
      return ("ab"):rep(2), string.format("%d", 7), math.max(1, 5), names > 10,
        getmetatable(""), #require('shared.module').list, sum, type(_G.print)
      """, chunkName: "read.lua")
    #expect(results == ["abab", "7", 5, true, false, 3, 6, "function"])
  }
}
