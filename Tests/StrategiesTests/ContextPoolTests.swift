import Engine
import LuaBridge
import Simulator
import Testing

@testable import Strategies

/// The per-deployment `ctx` tables of the stock fast path: what a step may skip, and when it
/// must write everything again.
@Suite struct ContextPoolTests {
  static func snapshot(_ name: String, available: Int = 0) -> StrategySnapshot {
    var snapshot = Fixture.snapshot(
      replicas: 4, maxSurge: 1, maxUnavailable: 1,
      new: Fixture.rs("\(name)-2", replicas: 1, available: available, revision: 2),
      old: [Fixture.rs("\(name)-1", replicas: 4), Fixture.rs("\(name)-0", replicas: 0)])
    snapshot.deployment.name = name
    return snapshot
  }

  @Test func aCheckedInSnapshotIsDiffedAgainst() throws {
    let lua = try LuaState()
    var pool = ContextPool()
    let first = pool.checkOut(Self.snapshot("web"), in: lua)
    #expect(!first.unchanged.deployment, "a new table holds nothing")
    pool.checkIn(Self.snapshot("web"))
    let second = pool.checkOut(Self.snapshot("web", available: 1), in: lua)
    #expect(second.table == first.table)
    #expect(second.unchanged.deployment && second.unchanged.fenceposts)
    #expect(!second.unchanged.newReplicaSet, "availability changed")
    #expect(second.unchanged.oldReplicaSet(0) && second.unchanged.oldReplicaSet(1))
    #expect(!second.unchanged.oldReplicaSet(2), "there is no third old ReplicaSet")
  }

  @Test func aStepThatDidNotCheckInLeavesNothingToDiff() throws {
    let lua = try LuaState()
    var pool = ContextPool()
    _ = pool.checkOut(Self.snapshot("web"), in: lua)
    pool.checkIn(Self.snapshot("web"))
    _ = pool.checkOut(Self.snapshot("web"), in: lua)  // and the step fails: no checkIn
    let next = pool.checkOut(Self.snapshot("web"), in: lua)
    #expect(!next.unchanged.deployment && !next.unchanged.newReplicaSet)
  }

  @Test func deploymentsHaveTablesOfTheirOwnAndTheLeastRecentlyUsedGo() throws {
    let lua = try LuaState()
    var pool = ContextPool(capacity: 2)
    let web = pool.checkOut(Self.snapshot("web"), in: lua)
    pool.checkIn(Self.snapshot("web"))
    let api = pool.checkOut(Self.snapshot("api"), in: lua)
    pool.checkIn(Self.snapshot("api"))
    #expect(web.table != api.table)
    #expect(pool.checkOut(Self.snapshot("api"), in: lua).unchanged.deployment)
    pool.checkIn(Self.snapshot("api"))
    // A third deployment: web, the least recently stepped, is dropped.
    _ = pool.checkOut(Self.snapshot("db"), in: lua)
    #expect(pool.entries.count <= 2)
    #expect(pool.entries[ContextPool.Key(namespace: "default", name: "web")] == nil)
    #expect(!pool.checkOut(Self.snapshot("web"), in: lua).unchanged.deployment)
  }

  /// Written into reused tables, diffed against the last snapshot, `ctx` holds exactly what a
  /// fresh write of the same snapshot holds: over a run of two deployments taking turns, with
  /// `replicas` changed in Lua after each step as `scale` changes it.
  @Test func aDiffedWriteEqualsAFreshOne() throws {
    let lua = try LuaState()
    let host = try lua.loadHost(
      """
      local function copy(t)
        if type(t) ~= "table" then return t end
        local c = {}
        for k, v in pairs(t) do c[k] = copy(v) end
        return c
      end
      return {
        Context = {}, ReplicaSet = {},
        look = function(ctx)
          local seen = copy(ctx)
          ctx.newRS.replicas = -1
          for _, rs in ipairs(ctx.oldRSs) do rs.replicas = -2 end
          return seen
        end,
      }
      """, chunkName: "probe.lua")
    let metatables = HostMetatables(
      context: try lua.reference(host, field: "Context"),
      replicaSet: try lua.reference(host, field: "ReplicaSet"))
    let look = try lua.reference(host, field: "look")
    let keys = lua.internKeys(SnapshotKeys.names)
    func ctx(_ snapshot: StrategySnapshot, root: LuaReference?, unchanged: Unchanged) throws
      -> LuaValue?
    {
      let result = try lua.call(
        look, keys: keys, fieldCount: SnapshotKeys.contextFieldCount, reusing: root,
        table: { snapshot.write(to: &$0, metatables: metatables, unchanged: unchanged) },
        reading: { $0.value })
      guard case .read(let value) = result else { return nil }
      return value
    }
    var pool = ContextPool()
    var random = SeededGenerator(seed: 11)
    for index in 0..<300 {
      let snapshot = StockFastPathTests.snapshot(
        index: index, params: ["n": .int(index % 3)], &random)
      let (table, unchanged) = pool.checkOut(snapshot, in: lua)
      let pooled = try ctx(snapshot, root: table, unchanged: unchanged)
      pool.checkIn(snapshot)
      let fresh = try ctx(snapshot, root: nil, unchanged: Unchanged())
      #expect(pooled != nil)
      #expect(pooled == fresh, "step \(index)")
    }
  }
}
