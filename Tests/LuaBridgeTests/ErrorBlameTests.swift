import LuaBridge
import Testing

/// Every error a script causes names the script: a memory error carries the script's line like
/// any other error, library functions name their caller, and code loaded as the host
/// (`loadHost`) is never named, whatever goes wrong inside it on a script's behalf.
@Suite struct ErrorBlameTests {
  struct Case: Sendable, CustomTestStringConvertible {
    var name: String
    var source: String
    var line: Int
    var testDescription: String { name }
  }

  static let memoryCases: [Case] = [
    Case(
      name: "a growing table",
      source: """
        local t = {}
        while true do
          t[#t + 1] = {}
        end
        """, line: 3),
    Case(
      name: "string.rep in a loop",
      source: """
        local parts = {}
        for i = 1, 1e9 do
          parts[i] = string.rep("x", 1 << 16)
        end
        """, line: 3),
    Case(
      name: "a string doubled",
      source: """
        local s = "x"
        while true do
          s = s .. s
        end
        """, line: 3),
    Case(
      name: "deep recursion",
      source: """
        local function nest(n)
          return { nest(n + 1) }
        end
        nest(1)
        """, line: 2),
    Case(
      name: "one string larger than the cap",
      source: """
        local n = 2 ^ 31
        return string.rep("x", n)
        """, line: 2),
    Case(
      name: "inside a coroutine, blamed on the line resuming it",
      source: """
        local grow = coroutine.wrap(function()
          local t = {} while true do t[#t + 1] = {} end
        end)
        grow()
        """, line: 4),
  ]

  @Test(arguments: memoryCases)
  func memoryErrorsNameTheScriptLine(_ test: Case) throws {
    let state = try makeState(budget: Int.max, memory: 4 << 20)
    let error = failure(state, test.source, chunkName: "my.lua")
    #expect(error?.kind == .memory, "\(String(describing: error))")
    #expect(
      error?.description
        == "my.lua:\(test.line): not enough memory (memory limit of 4194304 bytes exceeded)",
      "\(String(describing: error))")
    #expect(stillWorks(state))
    let again = failure(state, test.source, chunkName: "my.lua")
    #expect(again?.line == test.line, "a second failure is located afresh")
  }

  static let libraryCalls: [(String, String)] = [
    ("setmetatable(1, {})", "bad argument #1 to 'setmetatable' (table expected, got number)"),
    (
      "setmetatable({}, 1)", "bad argument #2 to 'setmetatable' (nil or table expected, got number)"
    ),
    (
      "setmetatable(setmetatable({}, {__metatable = 1}), {})", "cannot change a protected metatable"
    ),
    ("rawset(1, 2, 3)", "bad argument #1 to 'rawset' (table expected, got number)"),
    ("rawset({}, nil, 1)", "index is nil"),
    ("rawset({}, 0/0, 1)", "index is NaN"),
    (
      "collectgarbage('step', {})",
      "bad argument #2 to 'collectgarbage' (number expected, got table)"
    ),
    ("load(42)", "bad argument #1 to 'load' (function expected, got number)"),
    ("string.format('%d', 'x')", "bad argument #2 to 'format' (number expected, got string)"),
    ("string.rep('x', {})", "bad argument #2 to 'rep' (number expected, got table)"),
  ]

  /// Library functions the sandbox wraps report their caller's line, as the stock ones do.
  @Test(arguments: libraryCalls)
  func libraryErrorsNameTheCallingLine(_ call: String, _ message: String) throws {
    let state = try makeState()
    let error = failure(state, "local x = 1\n\(call)", chunkName: "my.lua")
    #expect(error?.description == "my.lua:2: \(message)", "\(String(describing: error))")
  }

  /// A host that runs scripts and offers them functions that fail on their behalf.
  static let host = """
    local host = {}
    function host.run(source) return assert(load(source, "=script.lua"))(host) end
    function host.index(x) return x.field end
    function host.spin() while true do end end
    function host.grow() local t = {} while true do t[#t + 1] = {} end end
    return host
    """

  static let hostCalls: [(String, LuaError.Kind, String)] = [
    ("host.index(42)", .runtime, "attempt to index a number value (local 'x')"),
    ("host.spin()", .instructionBudget, "instruction budget of 2000000 exceeded"),
    ("host.grow()", .memory, "not enough memory (memory limit of 4194304 bytes exceeded)"),
  ]

  @Test(arguments: hostCalls)
  func theHostIsNeverNamed(_ call: String, _ kind: LuaError.Kind, _ message: String) throws {
    let state = try makeState(budget: 2_000_000, memory: 4 << 20)
    let host = try state.loadHost(Self.host, chunkName: "host.lua")
    let source = "local host = ...\n\(call)"
    #expect {
      try state.call(host, field: "run", [.string(source)])
    } throws: { error in
      guard let error = error as? LuaError else { return false }
      return error.kind == kind && error.description == "script.lua:2: \(message)"
    }
  }

  @Test func hostCodeFailingWithNoScriptOnTheStackHasNoLocation() throws {
    let state = try makeState()
    let host = try state.loadHost(Self.host, chunkName: "host.lua")
    #expect {
      try state.call(host, field: "index", [42])
    } throws: { error in
      guard let error = error as? LuaError else { return false }
      return error.chunkName == nil
        && error.message == "attempt to index a number value (local 'x')"
    }
  }
}
