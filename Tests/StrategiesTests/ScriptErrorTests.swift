import Engine
import Foundation
import LuaBridge
import Strategies
import Testing

/// A user's strategy file, loaded as the CLI loads it: whatever its step does wrong, memory
/// included, the error names that file (or the module it required) and the line, never the host.
@Suite struct ScriptErrorTests {
  /// Writes `files` into a fresh directory and loads `my.lua` from it.
  static func strategy(_ files: [String: String], limits: LuaLimits) throws -> LuaStrategy {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("script-errors-\(UUID().uuidString)")
    try FileManager.default.createDirectory(
      at: directory.appendingPathComponent("lib"), withIntermediateDirectories: true)
    for (name, text) in files {
      try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
    let source = try StrategySource.resolve("my.lua", relativeTo: directory)
    return try LuaStrategy(source: source, limits: limits)
  }

  static let helper = """
    local M = {}
    function M.grow()
      local t = {}
      while true do t[#t + 1] = {} end
    end
    return M
    """

  /// (what my.lua's step does, the location the error must start with, what it says)
  static let cases: [(String, String, String)] = [
    (
      "local t = {}\n  while true do t[#t + 1] = {} end", "my.lua:3:",
      "not enough memory (memory limit of 4194304 bytes exceeded)"
    ),
    (
      "local parts = {}\n  for i = 1, 1e9 do parts[i] = string.rep('x', 1 << 16) end", "my.lua:3:",
      "not enough memory (memory limit of 4194304 bytes exceeded)"
    ),
    (
      "local function nest(n) return { nest(n + 1) } end\n  nest(1)", "my.lua:2:",
      "not enough memory (memory limit of 4194304 bytes exceeded)"
    ),
    (
      "require('lib.helper').grow()", "lib/helper.lua:4:",
      "not enough memory (memory limit of 4194304 bytes exceeded)"
    ),
    ("while true do end", "my.lua:2:", "instruction budget of 2000000 exceeded"),
    ("ctx.newRS.scale(1)", "my.lua:2:", "attempt to index a number value"),
    ("ctx.replicaSet('web-new')", "my.lua:2:", "attempt to index a nil value (field 'newRS')"),
    ("setmetatable(ctx, {})", "my.lua:2:", "cannot change a protected metatable"),
  ]

  @Test(arguments: cases)
  func errorsNameTheUsersFileAndLine(_ body: String, _ location: String, _ says: String) throws {
    let strategy = try Self.strategy(
      [
        "my.lua": "return { step = function(ctx)\n  \(body)\nend }\n",
        "lib/helper.lua": Self.helper,
      ],
      limits: LuaLimits(instructionBudget: 2_000_000, memoryLimit: 4 << 20))
    let snapshot = Fixture.snapshot(
      replicas: 3, maxSurge: 1, maxUnavailable: 0, new: Fixture.rs("web-new", replicas: 0),
      old: [Fixture.rs("web-old", replicas: 3)])
    #expect {
      try strategy.step(snapshot)
    } throws: { error in
      let text = "\(error)"
      return text.hasPrefix("\(location) \(says)") && !text.contains("host.lua")
    }
    // The strategy stays usable: the next step fails the same way, not worse.
    #expect(throws: (any Error).self) { try strategy.step(snapshot) }
  }
}
