import LuaBridge
import Testing

struct HostFailure: Error, CustomStringConvertible {
  var description: String { "backend unavailable" }
}

final class DeinitCounter: @unchecked Sendable {
  var count = 0
}

final class Tracked {
  let counter: DeinitCounter
  init(_ counter: DeinitCounter) { self.counter = counter }
  deinit { counter.count += 1 }
}

@Suite struct CallbackTests {
  @Test func argumentsAndMultipleResults() throws {
    let state = try makeState()
    state.register("divmod") { args in
      guard let a = args.first?.intValue, let b = args.last?.intValue else { return [.nil] }
      return [.integer(Int64(a / b)), .integer(Int64(a % b)), .string("ok")]
    }
    state.register("echo") { args in args }
    let result = try state.run(
      """
      local q, r, s = divmod(17, 5)
      local a, b, c = echo({x = 1}, nil, 2.5)
      return q, r, s, a.x, b, c, select('#', echo())
      """, chunkName: "cb.lua")
    #expect(result == [3, 2, "ok", 1, nil, 2.5, 0])
  }

  @Test func thrownErrorIsCatchableByPcall() throws {
    let state = try makeState()
    state.register("fetch") { _ in throw HostFailure() }
    let result = try state.run(
      "local ok, err = pcall(fetch, 'x')\nreturn ok, err", chunkName: "cb.lua")
    #expect(result == [false, "cb.lua:1: backend unavailable"])
  }

  @Test func uncaughtThrownErrorSurfacesWithLine() throws {
    let state = try makeState()
    state.register("fetch") { _ in throw HostFailure() }
    let error = failure(state, "local a = 1\nlocal b = fetch(a)\nreturn b")
    #expect(error?.kind == .host)
    #expect(error?.description == "canary.lua:2: backend unavailable")
    #expect(error?.traceback?.contains("canary.lua:2") == true)
    #expect(stillWorks(state))
  }

  @Test func capturedObjectsAreReleasedAfterCallbackErrors() throws {
    let counter = DeinitCounter()
    do {
      let state = try makeState()
      state.register("work") { _ in
        let local = Tracked(counter)
        _ = local
        throw HostFailure()
      }
      for _ in 0..<3 {
        #expect(failure(state, "work()")?.kind == .host)
      }
      #expect(counter.count == 3)
      let captured = Tracked(counter)
      state.register("hold") { _ in [.string("\(captured.counter.count)")] }
    }
    #expect(counter.count == 4)
  }

  @Test func unconvertibleArgumentsRaiseLuaErrors() throws {
    let state = try makeState()
    state.register("take") { _ in [] }
    let error = failure(state, "take(1, {f = print})")
    #expect(error?.kind == .host)
    #expect(
      error?.description
        == "canary.lua:1: bad argument #2 to 'take' (argument #2.f: a function value cannot be converted)"
    )
  }

  @Test func callbacksWorkInsideCoroutinesAndPatterns() throws {
    let state = try makeState()
    state.register("upper") { args in [.string(args[0].stringValue?.uppercased() ?? "")] }
    let result = try state.run(
      """
      local co = coroutine.wrap(function() coroutine.yield(upper('a')) end)
      return co(), (('abc'):gsub('%a', upper))
      """, chunkName: "co.lua")
    #expect(result == ["A", "ABC"])
  }

  @Test func nestedCallsFromCallbacks() throws {
    let state = try makeState()
    try state.run("function inc(x) return x + 1 end", chunkName: "inc.lua")
    state.register("viaSwift") { [unowned state] args in
      try state.callGlobal("inc", args)
    }
    #expect(try state.run("return viaSwift(41)", chunkName: "nest.lua") == [42])
  }
}
