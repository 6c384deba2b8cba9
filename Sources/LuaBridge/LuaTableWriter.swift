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
  /// The key names, for error paths only.
  let names: [String]
  var failure: ConversionFailure?

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
  /// scripts objects of their own; protect it with a `__metatable` field).
  public mutating func setMetatable(_ metatable: LuaReference) {
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

  // MARK: Internals

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
    var inner = LuaTableWriter(lua: lua, keys: keys, depth: depth + 1, names: names)
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

extension LuaState {
  /// Interns `names` for ``LuaTableWriter``: the writer's `key` arguments index this list.
  public func internKeys(_ names: [String]) -> LuaKeys {
    let top = lua_gettop(lua)
    defer { lua_settop(lua, top) }
    lua_createtable(lua, Int32(clamping: names.count), 0)
    for (index, name) in names.enumerated() {
      LuaStack.pushString(name, on: lua)
      lua_rawseti(lua, -2, lua_Integer(index + 1))
    }
    return LuaKeys(reference: LuaReference(id: lb_ref(lua)), names: names)
  }

  /// Calls `table[field](prefix..., t)` where `t` is a table of `fieldCount` fields built by
  /// `body` with the interned `keys`: the fast path for a host passing the same shape of
  /// table at every call. Results and errors are as ``call(_:field:_:)``'s.
  public func call(
    _ table: LuaReference, field: String, _ prefix: [LuaValue], keys: LuaKeys,
    fieldCount: Int, table body: (inout LuaTableWriter) -> Void
  ) throws(LuaError) -> [LuaValue] {
    let top = lua_gettop(lua)
    defer { lua_settop(lua, top) }
    let keySlot = try callWithTable(
      table, field: field, prefix, keys: keys, fieldCount: fieldCount, table: body)
    return try results(above: keySlot)
  }

  /// Like ``call(_:field:_:keys:fieldCount:table:)``, reading a single result in place with
  /// `read` (see ``LuaSlot``). When there is not exactly one result, or `read` returns nil, the
  /// results are converted to ``LuaValue``s as that call converts them (with the same errors),
  /// so the caller can report what is unexpected about them.
  public func call<Read>(
    _ table: LuaReference, field: String, _ prefix: [LuaValue], keys: LuaKeys,
    fieldCount: Int, table body: (inout LuaTableWriter) -> Void,
    reading read: (LuaSlot) -> Read?
  ) throws(LuaError) -> LuaCallResults<Read> {
    let top = lua_gettop(lua)
    defer { lua_settop(lua, top) }
    let keySlot = try callWithTable(
      table, field: field, prefix, keys: keys, fieldCount: fieldCount, table: body)
    if lua_gettop(lua) == keySlot + 1,
      let value = read(LuaSlot(lua: lua, index: keySlot + 1, depth: 0))
    {
      return .read(value)
    }
    return .values(try results(above: keySlot))
  }

  /// Pushes the interned keys, calls as ``call(_:field:_:keys:fieldCount:table:)`` describes
  /// and returns the stack index of the keys; the results are above it.
  private func callWithTable(
    _ table: LuaReference, field: String, _ prefix: [LuaValue], keys: LuaKeys,
    fieldCount: Int, table body: (inout LuaTableWriter) -> Void
  ) throws(LuaError) -> Int32 {
    guard lua_checkstack(lua, Int32(clamping: prefix.count) + 16) != 0 else {
      throw LuaError(kind: .host, message: "too many arguments (\(prefix.count + 1))")
    }
    lb_getref(lua, keys.reference.id)
    let keySlot = lua_gettop(lua)
    let type = lb_getref(lua, table.id)
    guard type == LUA_TTABLE else {
      throw LuaError(
        kind: .runtime,
        message: "attempt to index a \(String(cString: lua_typename(lua, type))) value (reference)")
    }
    LuaStack.pushString(field, on: lua)
    lua_rawget(lua, -2)
    lua_rotate(lua, -2, 1)
    lua_settop(lua, -2)
    try checkCallable(describe: "field '\(field)'")
    try pushArguments(prefix)
    lua_createtable(lua, 0, Int32(clamping: fieldCount))
    var writer = LuaTableWriter(lua: lua, keys: keySlot, depth: 0, names: keys.names)
    body(&writer)
    if let failure = writer.failure {
      throw LuaError.conversion(failure, root: "argument #\(prefix.count + 1)")
    }
    try protectedCall(arguments: Int32(prefix.count + 1))
    return keySlot
  }
}

/// The results of ``LuaState/call(_:field:_:keys:fieldCount:table:reading:)``: what the reader
/// read, or all results as ``LuaValue``s when it could not.
public enum LuaCallResults<Read> {
  case read(Read)
  case values([LuaValue])
}
