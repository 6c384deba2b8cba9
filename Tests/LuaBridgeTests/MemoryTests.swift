import LuaBridge
import Testing

@Suite struct MemoryTests {
  @Test(arguments: [
    "return string.rep('x', 2^31)",
    "local t = {} while true do t[#t + 1] = {} end",
    "local s = 'x' while true do s = s .. s end",
    "local t = {} for i = 1, 1e9 do t[i] = i end",
  ])
  func memoryCapFailsCleanly(source: String) throws {
    let state = try makeState(budget: Int.max, memory: 8 << 20)
    let error = failure(state, source)
    #expect(error?.kind == .memory, "\(String(describing: error))")
    #expect(error?.message.contains("memory limit of 8388608 bytes exceeded") == true)
    #expect(error?.chunkName == "canary.lua")
    #expect(stillWorks(state))
    #expect(stillWorks(state))
  }

  @Test func caughtMemoryErrorKeepsTheCap() throws {
    let state = try makeState(budget: Int.max, memory: 8 << 20)
    let result = try state.run(
      "local ok, err = pcall(string.rep, 'x', 2^30) return ok, err", chunkName: "mem.lua")
    #expect(result == [false, "not enough memory"])
  }

  @Test func hostValuesAreNotCappedButScriptsAre() throws {
    let state = try makeState(budget: Int.max, memory: 1 << 20)
    let big = LuaValue.array((0..<50_000).map { .string("value number \($0)") })
    let count = try state.load("return function(t) return #t end", chunkName: "count.lua")
    #expect(try state.call(count, [big]) == [50_000])
    let keep = try state.load(
      "return function(t) local copy = {} for i, v in ipairs(t) do copy[i] = v .. '!' end end",
      chunkName: "copy.lua")
    #expect(throws: LuaError.self) { try state.call(keep, [big]) }
    #expect(stillWorks(state))
  }
}
