import Foundation
import LuaBridge

/// The Lua side of a stock rolling step on its own: `host.lua` and `rolling.lua` run by a Lua
/// loop on tables built once, with no Swift between steps. What no bridge can go below, so the
/// decision figures can be read against it.
enum ScriptFloor {
  /// Runs `rolling.step` through the host `iterations` times on a ctx of `olds` old
  /// ReplicaSets (the decision suite's snapshots); nanoseconds per step, or nil when the
  /// sources are not in the working directory (run the bench from the repository).
  static func nanosecondsPerStep(olds: Int, iterations: Int) throws -> Double? {
    let directory = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    guard
      let host = try? String(
        contentsOf: directory.appending(path: "Sources/Strategies/Lua/host.lua"), encoding: .utf8),
      let rolling = try? String(
        contentsOf: directory.appending(path: "strategies/rolling.lua"), encoding: .utf8)
    else { return nil }
    var configuration = LuaConfiguration()
    configuration.limits = LuaLimits(memoryLimit: 256 << 20, timeLimit: .seconds(600))
    configuration.limits.meteredInstructions = false
    let lua = try LuaState(configuration: configuration)
    // The sandbox has no os.clock: the driver times itself with the host's CPU clock.
    lua.register("cpuclock") { _ in [.number(Double(clock()) / Double(CLOCKS_PER_SEC))] }
    let driver = try lua.loadHost(driverSource, chunkName: "floor.lua")
    let result = try lua.call(
      driver, field: "measure",
      [.string(host), .string(rolling), .integer(Int64(olds)), .integer(Int64(iterations))])
    guard case .number(let nanoseconds)? = result.first else { return nil }
    return nanoseconds
  }

  static let driverSource = """
    local hostlib = ...
    local driver = {}
    function driver.measure(hostSource, rollingSource, olds, iterations)
      local host = assert(load(hostSource, "=host.lua", "t", _ENV))(hostlib)
      host.bind(rollingSource, "@rolling.lua", true)
      local step, ReplicaSet = host.step, host.ReplicaSet
      local function rs(name, n, available)
        return setmetatable({
          name = name, revision = 1, replicas = n, currentReplicas = n, readyReplicas = available,
          availableReplicas = available, terminatingReplicas = 0, images = { "example/web" },
          createdAt = 0,
        }, ReplicaSet)
      end
      local function size(i) return 10 // olds + (i <= 10 % olds and 1 or 0) end
      local contexts = {}
      for available = 0, 3 do
        local old = {}
        for i = 1, olds do old[i] = rs("web-old" .. i, size(i), size(i)) end
        contexts[available + 1] = setmetatable({
          deployment = { name = "web", replicas = 10, labels = {}, annotations = {} },
          newRS = rs("web-new", 3, available), oldRSs = old,
          fenceposts = { maxSurge = 3, maxUnavailable = 2 }, now = 42, state = {}, params = {},
          services = {}, operator = {},
        }, host.Context)
      end
      local function reset(ctx)
        -- What the engine's rewrite of `replicas` undoes after each step.
        ctx.newRS.replicas = 3
        for i = 1, olds do ctx.oldRSs[i].replicas = size(i) end
      end
      local start = cpuclock()
      for i = 1, iterations do reset(contexts[i % 4 + 1]) end
      local resetting = cpuclock() - start
      start = cpuclock()
      for i = 1, iterations do
        local ctx = contexts[i % 4 + 1]
        reset(ctx)
        step(ctx)
      end
      return (cpuclock() - start - resetting) / iterations * 1e9
    end
    return driver
    """
}
