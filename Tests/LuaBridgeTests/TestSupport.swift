import Foundation
import LuaBridge

/// Collects printed lines; only touched synchronously from the test's own state.
final class PrintedLines: @unchecked Sendable {
  var lines: [String] = []
}

func makeState(
  budget: Int = 1_000_000, memory: Int = 16 << 20, time: Duration = .seconds(10),
  moduleRoot: URL? = nil, printed: PrintedLines? = nil
) throws -> LuaState {
  var configuration = LuaConfiguration(
    limits: LuaLimits(instructionBudget: budget, memoryLimit: memory, timeLimit: time),
    moduleRoot: moduleRoot)
  if let printed {
    configuration.print = { printed.lines.append($0) }
  }
  return try LuaState(configuration: configuration)
}

/// Runs `source` and returns the error it must throw.
func failure(_ state: LuaState, _ source: String, chunkName: String = "canary.lua") -> LuaError? {
  do {
    try state.run(source, chunkName: chunkName)
    return nil
  } catch {
    return error
  }
}

/// Asserts the state still works after a failure.
func stillWorks(_ state: LuaState) -> Bool {
  (try? state.run("return 1 + 1", chunkName: "check.lua")) == [.integer(2)]
}
