import LuaBridge
import Testing

@Suite struct ErrorFormattingTests {
  @Test func errorAtKnownLine() throws {
    let state = try makeState()
    let error = failure(state, "local x = 1\n\nerror('rollout halted')\n")
    #expect(error?.kind == .runtime)
    #expect(error?.description == "canary.lua:3: rollout halted")
    #expect(error?.chunkName == "canary.lua")
    #expect(error?.line == 3)
    #expect(error?.message == "rollout halted")
  }

  @Test func indexingNilNamesTheField() throws {
    let state = try makeState()
    let error = failure(
      state,
      """
      local status = {}
      local function pick(s)
        return s.newRS.replicas
      end
      local result = pick(status)
      return result
      """)
    #expect(error?.description == "canary.lua:3: attempt to index a nil value (field 'newRS')")
    #expect(error?.traceback?.contains("stack traceback:") == true)
    #expect(error?.traceback?.contains("canary.lua:3: in") == true)
    #expect(error?.traceback?.contains("canary.lua:5:") == true)
  }

  @Test func syntaxErrorCarriesLine() throws {
    let state = try makeState()
    let error = failure(state, "local a = 1\nlocal b = = 2\n")
    #expect(error?.kind == .syntax)
    #expect(error?.chunkName == "canary.lua")
    #expect(error?.line == 2)
    #expect(error?.message.contains("unexpected symbol near '='") == true)
  }

  @Test func nonStringErrorObjects() throws {
    let state = try makeState()
    #expect(failure(state, "error({code = 1})")?.message == "(error object is a table value)")
    #expect(
      failure(state, "error(setmetatable({}, {__tostring = function() return 'custom' end}))")?
        .message == "custom")
    #expect(failure(state, "error('plain', 0)")?.description == "plain")
  }

  @Test func errorsInFunctionsCalledFromSwift() throws {
    let state = try makeState()
    let module = try state.load(
      "local M = {}\nfunction M.decide(x)\n  return x.y.z\nend\nreturn M", chunkName: "strategy.lua"
    )
    #expect {
      try state.call(module, field: "decide", [.map([:])])
    } throws: { error in
      (error as? LuaError)?.description
        == "strategy.lua:3: attempt to index a nil value (field 'y')"
    }
    #expect {
      try state.call(module, field: "missing", [])
    } throws: { error in
      (error as? LuaError)?.message == "attempt to call a nil value (field 'missing')"
    }
    #expect {
      try state.callGlobal("nope", [])
    } throws: { error in
      (error as? LuaError)?.message == "attempt to call a nil value (global 'nope')"
    }
  }

  /// A script cannot make global look-ups raise: `_G` is a read-only view whose metatable is
  /// protected, and Swift reads globals rawly anyway.
  @Test func globalsAreReachedRawly() throws {
    let state = try makeState()
    #expect {
      try state.run(
        "function double(x) return x * 2 end setmetatable(_G, {__index = error})",
        chunkName: "g.lua")
    } throws: { error in
      (error as? LuaError)?.message.contains("cannot change a protected metatable") == true
    }
    #expect(try state.callGlobal("double", [21]) == [42])
  }

  @Test func referencesKeepValues() throws {
    let state = try makeState()
    let ref = try state.load("return {name = 'canary', steps = {10, 50}}", chunkName: "m.lua")
    #expect(try state.value(of: ref) == ["name": "canary", "steps": [10, 50]])
    state.release(ref)
    let empty = try state.load("local x = 1", chunkName: "none.lua")
    #expect(try state.value(of: empty) == .nil)
  }
}
