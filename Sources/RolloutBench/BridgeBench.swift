import Foundation
import LuaBridge

extension BenchSuite {
  /// Swift→Lua calls with a 10-field table argument and Lua→Swift callbacks.
  static let bridge = BenchSuite(name: "bridge") {
    let limits = LuaLimits(
      instructionBudget: Int.max, memoryLimit: 256 << 20, timeLimit: .seconds(600))
    let state = try LuaState(configuration: LuaConfiguration(limits: limits))
    let score = try state.load(
      """
      return function(t)
        return t.replicas * t.weight + t.errors / (t.requests + 1) + t.p99 + t.p50
          + (t.healthy and 1 or 0) + #t.name + t.step + t.max + t.min
      end
      """, chunkName: "bench.lua")
    let iterations = 200_000
    var checksum = 0.0
    try measure("Swift→Lua call, 10-field table built each time", iterations: iterations) { i in
      let table: LuaValue = .map([
        "name": .string("web-\(i & 7)"), "replicas": .integer(Int64(i & 15)),
        "weight": .number(0.25), "errors": .integer(3), "requests": .integer(Int64(i)),
        "p99": .number(120.5), "p50": .number(20.25), "healthy": .boolean(i & 1 == 0),
        "step": .integer(2), "max": .integer(10), "min": .integer(1),
      ])
      checksum += try state.call(score, [table]).first?.doubleValue ?? 0
    }
    measure("(building that LuaValue table alone)", iterations: iterations) { i in
      let table: LuaValue = .map([
        "name": .string("web-\(i & 7)"), "replicas": .integer(Int64(i & 15)),
        "weight": .number(0.25), "errors": .integer(3), "requests": .integer(Int64(i)),
        "p99": .number(120.5), "p50": .number(20.25), "healthy": .boolean(i & 1 == 0),
        "step": .integer(2), "max": .integer(10), "min": .integer(1),
      ])
      if table["name"] == nil { checksum += 1 }
    }
    let fixed: LuaValue = [
      "name": "web-1", "replicas": 4, "weight": 0.25, "errors": 3, "requests": 1000, "p99": 120.5,
      "p50": 20.25, "healthy": true, "step": 2, "max": 10, "min": 1,
    ]
    try measure("Swift→Lua call, same 10-field table value", iterations: iterations) { _ in
      checksum += try state.call(score, [fixed]).first?.doubleValue ?? 0
    }
    let nothing = try state.load("return function() end", chunkName: "empty.lua")
    try measure("Swift→Lua call, no arguments, no results", iterations: iterations) { _ in
      _ = try state.call(nothing, [])
    }

    state.register("add") { args in
      [.integer((args[0].intValue.map(Int64.init) ?? 0) + (args[1].intValue.map(Int64.init) ?? 0))]
    }
    let loop = try state.load(
      "return function(n) local s = 0 for i = 1, n do s = add(s, i) end return s end",
      chunkName: "loop.lua")
    let empty = try state.load(
      "return function(n) local s = 0 for i = 1, n do s = s + i end return s end",
      chunkName: "loop-empty.lua")
    let callbacks = 2_000_000
    let clock = ContinuousClock()
    let baseline = try clock.measure { _ = try state.call(empty, [.integer(Int64(callbacks))]) }
    let total = try clock.measure { _ = try state.call(loop, [.integer(Int64(callbacks))]) }
    let perCall = nanoseconds(total - baseline) / Double(callbacks)
    report(
      "Lua→Swift callback add(s, i), loop overhead removed", nanosecondsPerOperation: perCall,
      iterations: callbacks)
    print("(checksum \(checksum))")
  }
}

private func nanoseconds(_ duration: Duration) -> Double {
  let (seconds, attoseconds) = duration.components
  return Double(seconds) * 1e9 + Double(attoseconds) / 1e9
}
