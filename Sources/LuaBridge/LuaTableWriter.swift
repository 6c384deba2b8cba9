import CLua
import CLuaShim

/// Field names interned once in a state (``LuaState/internKeys(_:)``) and pushed by index: no
/// hashing of the name on either side of the bridge at each call.
public struct LuaKeys: Sendable {
  let reference: LuaReference
  /// The names, in the order their indices refer to.
  public let names: [String]
}

/// Builds one table argument directly on the Lua stack, field by field, instead of through a
/// ``LuaValue`` (whose dictionaries hash every key in Swift, and again in Lua). For hosts that
/// call with the same shape of table at every step.
///
/// Every method appends to the table the writer was made for; ``table(_:arrayCount:fieldCount:_:)``
/// nests. A ``LuaValue`` that cannot be converted is remembered and reported by the call.
public struct LuaTableWriter: ~Copyable {
  let lua: OpaquePointer
  /// The absolute stack index of the interned key table.
  let keys: Int32
  /// Depth of this table (for the nesting limit of ``LuaValue`` fields).
  let depth: Int
  /// The key names, for error paths only (the call's ``LuaKeys/names``, alive throughout).
  let names: UnsafeBufferPointer<String>
  /// Whether ``reusableTable(_:arrayCount:fieldCount:emptied:_:)`` may refill the table a
  /// previous call left at its key (see
  /// ``LuaState/call(_:field:_:keys:fieldCount:reusing:table:reading:)``).
  let reusing: Bool
  /// Whether this table is one a previous call made.
  let reused: Bool
  var failure: ConversionFailure?

  init(
    lua: OpaquePointer, keys: Int32, depth: Int, names: UnsafeBufferPointer<String>,
    reusing: Bool = false,
    reused: Bool = false
  ) {
    self.lua = lua
    self.keys = keys
    self.depth = depth
    self.names = names
    self.reusing = reusing
    self.reused = reused
  }

  /// Whether tables are refilled in place rather than made afresh: a writer that reuses must
  /// also ``clear(_:)`` the optional fields it does not set.
  public var isReusing: Bool { reusing }

  /// Sets `key` (an index into the ``LuaKeys``) to an integer.
  public mutating func set(_ key: Int, _ value: Int) {
    pushKey(key)
    lua_pushinteger(lua, lua_Integer(value))
    lua_rawset(lua, -3)
  }

  public mutating func set(_ key: Int, _ value: Double) {
    pushKey(key)
    lua_pushnumber(lua, value)
    lua_rawset(lua, -3)
  }

  public mutating func set(_ key: Int, _ value: Bool) {
    pushKey(key)
    lua_pushboolean(lua, value ? 1 : 0)
    lua_rawset(lua, -3)
  }

  public mutating func set(_ key: Int, _ value: String) {
    pushKey(key)
    LuaStack.pushString(value, on: lua)
    lua_rawset(lua, -3)
  }

  /// Sets `key` to a value converted as ``LuaState/call(_:_:)`` converts arguments.
  public mutating func set(_ key: Int, value: LuaValue) {
    pushKey(key)
    push(value, key: key)
    lua_rawset(lua, -3)
  }

  /// Sets the string key `name` (a key not known in advance) to a string.
  public mutating func set(name: String, _ value: String) {
    LuaStack.pushString(name, on: lua)
    LuaStack.pushString(value, on: lua)
    lua_rawset(lua, -3)
  }

  /// Sets the string key `name` to an integer.
  public mutating func set(name: String, _ value: Int) {
    LuaStack.pushString(name, on: lua)
    lua_pushinteger(lua, lua_Integer(value))
    lua_rawset(lua, -3)
  }

  /// Sets the string key `name` to a number.
  public mutating func set(name: String, _ value: Double) {
    LuaStack.pushString(name, on: lua)
    lua_pushnumber(lua, value)
    lua_rawset(lua, -3)
  }

  /// Sets the string key `name` to a boolean.
  public mutating func set(name: String, _ value: Bool) {
    LuaStack.pushString(name, on: lua)
    lua_pushboolean(lua, value ? 1 : 0)
    lua_rawset(lua, -3)
  }

  /// Sets element `index` (1-based) to a string.
  public mutating func append(_ index: Int, _ value: String) {
    LuaStack.pushString(value, on: lua)
    lua_rawseti(lua, -2, lua_Integer(index))
  }

  /// Sets element `index` (1-based) to an integer.
  public mutating func append(_ index: Int, _ value: Int) {
    lua_pushinteger(lua, lua_Integer(value))
    lua_rawseti(lua, -2, lua_Integer(index))
  }

  /// Sets element `index` (1-based) to a number.
  public mutating func append(_ index: Int, _ value: Double) {
    lua_pushnumber(lua, value)
    lua_rawseti(lua, -2, lua_Integer(index))
  }

  /// Sets element `index` (1-based) to a boolean.
  public mutating func append(_ index: Int, _ value: Bool) {
    lua_pushboolean(lua, value ? 1 : 0)
    lua_rawseti(lua, -2, lua_Integer(index))
  }

  /// Sets the string key `name` to a new table filled by `body`.
  public mutating func table(
    name: String, arrayCount: Int = 0, fieldCount: Int = 0,
    _ body: (inout LuaTableWriter) -> Void
  ) {
    LuaStack.pushString(name, on: lua)
    nested(arrayCount: arrayCount, fieldCount: fieldCount, key: nil, name: name, body)
    lua_rawset(lua, -3)
  }

  /// Sets `key` to the value already at `source` in this table (the same value: for a table,
  /// the same table). Raw reads and writes.
  public mutating func alias(_ key: Int, to source: Int) {
    pushKey(key)
    pushKey(source)
    lua_rawget(lua, -3)
    lua_rawset(lua, -3)
  }

  /// Sets `key` to element `index` of the table already at `source` in this table (nil if
  /// there is none). Raw reads and writes.
  public mutating func alias(_ key: Int, to source: Int, element index: Int) {
    pushKey(key)
    pushKey(source)
    if lua_rawget(lua, -3) == LUA_TTABLE {
      lua_rawgeti(lua, -1, lua_Integer(index))
      lua_rotate(lua, -2, 1)
      lua_settop(lua, -2)
    }
    lua_rawset(lua, -3)
  }

  /// Sets the metatable of this table to the table `metatable` refers to (for hosts that hand
  /// scripts objects of their own; protect it with a `__metatable` field). A reused table
  /// that has a metatable keeps it.
  public mutating func setMetatable(_ metatable: LuaReference) {
    if reused, lua_getmetatable(lua, -1) != 0 {
      lua_settop(lua, -2)
      return
    }
    if lb_getref(lua, metatable.id) == LUA_TTABLE {
      lua_setmetatable(lua, -2)
    } else {
      lua_settop(lua, -2)
      record(ConversionFailure("the metatable reference is not a table"), nil, name: "metatable")
    }
  }

  /// Sets `key` to a new table sized for `arrayCount` elements and `fieldCount` fields, filled
  /// by `body`.
  public mutating func table(
    _ key: Int, arrayCount: Int = 0, fieldCount: Int = 0, _ body: (inout LuaTableWriter) -> Void
  ) {
    pushKey(key)
    nested(arrayCount: arrayCount, fieldCount: fieldCount, key: key, body)
    lua_rawset(lua, -3)
  }

  /// Sets element `index` (1-based) to a new table filled by `body`.
  public mutating func table(
    at index: Int, arrayCount: Int = 0, fieldCount: Int = 0,
    _ body: (inout LuaTableWriter) -> Void
  ) {
    nested(arrayCount: arrayCount, fieldCount: fieldCount, key: -index, body)
    lua_rawseti(lua, -2, lua_Integer(index))
  }

  /// Sets `key` to a table filled by `body`: the table a previous call left there when the
  /// writer reuses (refilled in place: `body` must set every field, and ``clear(_:)`` or
  /// ``truncate(after:)`` what is gone, unless `emptied` first, as for maps), else a new one.
  public mutating func reusableTable(
    _ key: Int, arrayCount: Int = 0, fieldCount: Int = 0, emptied: Bool = false,
    _ body: (inout LuaTableWriter) -> Void
  ) {
    if reusing {
      pushKey(key)
      if lua_rawget(lua, -2) == LUA_TTABLE {
        if emptied { empty() }
        refill(key: key, body)
        return
      }
      lua_settop(lua, -2)
    }
    table(key, arrayCount: arrayCount, fieldCount: fieldCount, body)
  }

  /// Sets element `index` (1-based) as ``reusableTable(_:arrayCount:fieldCount:emptied:_:)`` does.
  public mutating func reusableTable(
    at index: Int, arrayCount: Int = 0, fieldCount: Int = 0,
    _ body: (inout LuaTableWriter) -> Void
  ) {
    if reusing {
      if lua_rawgeti(lua, -1, lua_Integer(index)) == LUA_TTABLE {
        refill(key: -index, body)
        return
      }
      lua_settop(lua, -2)
    }
    table(at: index, arrayCount: arrayCount, fieldCount: fieldCount, body)
  }

  /// Removes `key` (sets it to nil).
  public mutating func clear(_ key: Int) {
    pushKey(key)
    lua_pushnil(lua)
    lua_rawset(lua, -3)
  }

  /// Removes the elements after `count`, up to the first that is already nil, from a reused
  /// table (a new one has none).
  public mutating func truncate(after count: Int) {
    guard reused else { return }
    var index = lua_Integer(count + 1)
    while lua_rawgeti(lua, -1, index) != LUA_TNIL {
      lua_settop(lua, -2)
      lua_pushnil(lua)
      lua_rawseti(lua, -2, index)
      index += 1
    }
    lua_settop(lua, -2)
  }

  // MARK: Internals

  /// Removes every entry of the table on top of the stack.
  private func empty() {
    lua_pushnil(lua)
    while lua_next(lua, -2) != 0 {
      lua_settop(lua, -2)
      lua_pushvalue(lua, -1)
      lua_pushnil(lua)
      lua_rawset(lua, -4)
    }
  }

  /// Fills the reused table on top of the stack, then pops it.
  private mutating func refill(key: Int, _ body: (inout LuaTableWriter) -> Void) {
    guard depth + 1 < LuaStack.maximumDepth, lua_checkstack(lua, 4) != 0 else {
      lua_settop(lua, -2)
      record(ConversionFailure("tables nested too deep or Lua stack overflow"), key)
      return
    }
    var inner = LuaTableWriter(
      lua: lua, keys: keys, depth: depth + 1, names: names, reusing: true, reused: true)
    body(&inner)
    if let failure = inner.failure { record(failure, key) }
    lua_settop(lua, -2)
  }

  private func pushKey(_ key: Int) {
    lua_rawgeti(lua, keys, lua_Integer(key + 1))
  }

  /// A key (>= 0) as a path component; -n is element n; nil is `name`.
  private func component(_ key: Int?, name: String) -> ConversionFailure.Component {
    guard let key else { return .key(name) }
    return key < 0 ? .index(-key) : .key(key < names.count ? names[key] : "?")
  }

  private mutating func nested(
    arrayCount: Int, fieldCount: Int, key: Int?, name: String = "",
    _ body: (inout LuaTableWriter) -> Void
  ) {
    guard depth + 1 < LuaStack.maximumDepth, lua_checkstack(lua, 4) != 0 else {
      lua_pushnil(lua)
      record(ConversionFailure("tables nested too deep or Lua stack overflow"), key, name: name)
      return
    }
    lua_createtable(lua, Int32(clamping: arrayCount), Int32(clamping: fieldCount))
    var inner = LuaTableWriter(
      lua: lua, keys: keys, depth: depth + 1, names: names, reusing: reusing)
    body(&inner)
    if let failure = inner.failure { record(failure, key, name: name) }
  }

  private mutating func push(_ value: LuaValue, key: Int) {
    do {
      try LuaStack.push(value, on: lua, depth: depth + 1)
    } catch {
      lua_pushnil(lua)
      record(error, key)
    }
  }

  private mutating func record(_ error: ConversionFailure, _ key: Int?, name: String = "") {
    if failure == nil { failure = error.adding(component(key, name: name)) }
  }
}
