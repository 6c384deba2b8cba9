import Engine
import LuaBridge

/// The `ctx` tables a stock strategy refills, one set per deployment, so that each step
/// rewrites only what changed since that deployment's last step even when many deployments
/// take turns (see `StrategySnapshot.write(to:metatables:unchanged:)`).
///
/// Bounded: past `capacity` deployments, the half least recently stepped is dropped (their
/// tables released to the collector); a dropped deployment's next step writes `ctx` in full.
struct ContextPool {
  struct Key: Hashable {
    var namespace: String
    var name: String
  }

  struct Entry {
    var table: LuaReference
    /// The snapshot `table` was last written from in full, if `valid`.
    var written: StrategySnapshot
    /// Whether `written` describes `table`: false from checkOut until the step succeeds.
    var valid = false
    var lastUsed: UInt64
  }

  let capacity: Int
  private(set) var entries: [Key: Entry] = [:]
  private var clock: UInt64 = 0

  init(capacity: Int = 4_096) {
    self.capacity = max(1, capacity)
  }

  /// The table for the deployment in `snapshot` and what `snapshot` shares with what the
  /// table holds; makes the table when there is none. Until ``checkIn(_:)`` the table counts as
  /// holding nothing known (a step that fails leaves nothing to diff against).
  mutating func checkOut(
    _ snapshot: StrategySnapshot, in lua: LuaState
  ) -> (table: LuaReference, unchanged: Unchanged) {
    clock += 1
    let key = Key(namespace: snapshot.deployment.namespace, name: snapshot.deployment.name)
    if let index = entries.index(forKey: key) {
      // A mutating call: the entry is worked on in place, not copied out of the dictionary.
      return entries.values[index].open(snapshot, at: clock)
    }
    if entries.count >= capacity { evict(in: lua) }
    let table = lua.newTableReference()
    entries[key] = Entry(table: table, written: snapshot, lastUsed: clock)
    return (table, Unchanged())
  }

  /// Records that the deployment's table now holds `snapshot` (its step succeeded).
  mutating func checkIn(_ snapshot: StrategySnapshot) {
    let key = Key(namespace: snapshot.deployment.namespace, name: snapshot.deployment.name)
    guard let index = entries.index(forKey: key) else { return }
    entries.values[index].written = snapshot
    entries.values[index].valid = true
  }

  /// Drops the least recently used half.
  private mutating func evict(in lua: LuaState) {
    let byAge = entries.sorted { $0.value.lastUsed < $1.value.lastUsed }
    for (key, entry) in byAge.prefix(max(1, entries.count / 2)) {
      lua.release(entry.table)
      entries.removeValue(forKey: key)
    }
  }
}

extension ContextPool.Entry {
  /// What `snapshot` shares with what the table holds; the table then counts as holding
  /// nothing known until the step checks in.
  mutating func open(
    _ snapshot: StrategySnapshot, at clock: UInt64
  ) -> (table: LuaReference, unchanged: Unchanged) {
    lastUsed = clock
    defer { valid = false }
    return (table, valid ? Unchanged(snapshot, since: written) : Unchanged())
  }
}
