import LuaBridge
import Testing

/// Calls with a table written by ``LuaTableWriter``: made afresh, or refilled in place for a
/// trusted callee; results read in place with interned keys; and unmetered states.
@Suite struct TableCallTests {
  static let keys = ["record", "n", "list", "map", "optional", "alpha", "beta"]
  static let host = """
    local host = {}
    -- A callee that also adds a field of its own, which only a fresh table forgets.
    function host.look(ctx)
      ctx.record.extra = (ctx.record.extra or 0) + 1
      local names = {}
      for k in pairs(ctx.map) do names[#names + 1] = k end
      table.sort(names)
      return {
        identity = tostring(ctx.record), n = ctx.record.n, list = #ctx.list,
        map = table.concat(names, ","), optional = ctx.optional, extra = ctx.record.extra,
      }
    end
    function host.pair() return { alpha = 1, zeta = 2 } end
    return host
    """

  /// Calls `look` with n, a list of `count` elements, a map with `key`, optional `optional`.
  static func look(
    _ state: LuaState, _ host: LuaReference, _ keys: LuaKeys, root: LuaReference?,
    n: Int, count: Int, key: String, optional: Int?
  ) throws -> [String: LuaValue] {
    let results = try state.call(
      host, field: "look", [], keys: keys, fieldCount: 4, reusing: root,
      table: { ctx in
        ctx.reusableTable(0, fieldCount: 1) { $0.set(1, n) }
        ctx.reusableTable(2, arrayCount: count) { list in
          for index in 1...count { list.append(index, index * 10) }
          list.truncate(after: count)
        }
        ctx.reusableTable(3, emptied: true) { $0.set(name: key, true) }
        if let optional { ctx.set(4, optional) } else if ctx.isReusing { ctx.clear(4) }
      }, reading: { _ in Optional<Int>.none })
    guard case .values(let values) = results, case .map(let fields)? = values.first else {
      Issue.record("no table from look: \(results)")
      return [:]
    }
    return fields
  }

  @Test func aReusedTableIsRefilledInPlace() throws {
    let state = try makeState()
    let host = try state.loadHost(Self.host, chunkName: "host.lua")
    let keys = state.internKeys(Self.keys)
    let root = state.newTableReference()
    let first = try Self.look(state, host, keys, root: root, n: 1, count: 3, key: "a", optional: 5)
    let second = try Self.look(
      state, host, keys, root: root, n: 2, count: 1, key: "b", optional: nil)
    #expect(first["identity"] == second["identity"])
    #expect(second["n"] == 2)
    #expect(second["list"] == 1, "elements after the count are removed")
    #expect(second["map"] == "b", "an emptied map keeps nothing of the last call")
    #expect(second["optional"] == nil, "a cleared field is gone")
    // The contract for trusted callees: what they add stays.
    #expect(second["extra"] == 2)
  }

  @Test func withoutARootEveryCallGetsFreshTables() throws {
    let state = try makeState()
    let host = try state.loadHost(Self.host, chunkName: "host.lua")
    let keys = state.internKeys(Self.keys)
    let first = try Self.look(state, host, keys, root: nil, n: 1, count: 3, key: "a", optional: 5)
    let second = try Self.look(state, host, keys, root: nil, n: 2, count: 1, key: "b", optional: 7)
    #expect(second["extra"] == 1)
    #expect(second["list"] == 1)
    #expect(second["map"] == "b")
    #expect(second["optional"] == 7)
    #expect(first["optional"] == 5)
  }

  @Test func resultFieldsAreNamedByTheirInternedIndex() throws {
    let state = try makeState()
    let host = try state.loadHost(Self.host, chunkName: "host.lua")
    let keys = state.internKeys(Self.keys)
    let results = try state.call(
      host, field: "pair", [], keys: keys, fieldCount: 0, table: { _ in },
      reading: { slot -> [String: Int?]? in
        var seen: [String: Int?] = [:]
        let read = slot.forEachKeyedField { key, value in
          seen["\(value.integer ?? 0)"] = key
          return true
        }
        return read ? seen : nil
      })
    guard case .read(let seen) = results else {
      Issue.record("not read in place: \(results)")
      return
    }
    #expect(seen["1"] == .some(5), "alpha is key 5")
    #expect(seen["2"] == .some(nil), "zeta is no interned key")
  }

  @Test func anUnmeteredStateHasNoInstructionBudgetButKeepsItsMemoryCap() throws {
    var configuration = LuaConfiguration(
      limits: LuaLimits(instructionBudget: 1_000, memoryLimit: 4 << 20))
    configuration.limits.meteredInstructions = false
    let state = try LuaState(configuration: configuration)
    let loop = "local n = 0 for i = 1, 100000 do n = n + 1 end return n"
    #expect(try state.run(loop, chunkName: "loop.lua") == [100_000])
    let hog = failure(state, "local t = {} for i = 1, 1e7 do t[i] = i end", chunkName: "hog.lua")
    #expect(hog?.kind == .memory, "\(String(describing: hog))")
    // Metered again, the same loop is over budget.
    state.limits.meteredInstructions = true
    let error = failure(state, loop, chunkName: "loop.lua")
    #expect(error?.kind == .instructionBudget, "\(String(describing: error))")
    #expect(try state.run("return 1 + 1", chunkName: "small.lua") == [2])
  }
}
