import CLua
import CLuaShim

/// One value on the Lua stack, read in place with raw API calls that never raise: no
/// metamethods, no conversions, no ``LuaValue`` in between. For hosts that read the same shape
/// of result at every call (``LuaState/call(_:field:_:keys:fieldCount:table:reading:)``).
///
/// Valid only inside the closure that received it: the stack moves on afterwards.
public struct LuaSlot {
  let lua: OpaquePointer
  /// Absolute stack index.
  let index: Int32
  /// Table nesting depth of the value, for the nesting limit of ``value()``.
  let depth: Int
  /// Absolute stack index of the interned key table (``LuaKeys``), 0 when there is none.
  var keyTable: Int32 = 0

  /// Whether the value is nil.
  public var isNil: Bool { lua_type(lua, index) == LUA_TNIL }

  /// Whether the value is a table.
  public var isTable: Bool { lua_type(lua, index) == LUA_TTABLE }

  /// The value if it is a string (numbers are not converted).
  public var string: String? {
    lua_type(lua, index) == LUA_TSTRING ? LuaStack.string(at: index, in: lua) : nil
  }

  /// The value if it is a Lua integer (not a float).
  public var integer: Int? {
    guard lua_type(lua, index) == LUA_TNUMBER, lua_isinteger(lua, index) != 0 else { return nil }
    return Int(lua_tointegerx(lua, index, nil))
  }

  /// The value if it is a number, integer or float.
  public var number: Double? {
    guard lua_type(lua, index) == LUA_TNUMBER else { return nil }
    if lua_isinteger(lua, index) != 0 { return Double(lua_tointegerx(lua, index, nil)) }
    return lua_tonumberx(lua, index, nil)
  }

  /// The value if it is a boolean.
  public var boolean: Bool? {
    lua_type(lua, index) == LUA_TBOOLEAN ? lua_toboolean(lua, index) != 0 : nil
  }

  /// The value as a ``LuaValue``, converted as call results are; nil when it cannot be.
  public var value: LuaValue? {
    try? LuaStack.value(at: index, in: lua, depth: depth)
  }

  /// The length of a table (`rawlen`: its border, as `#` without metamethods); nil when the
  /// value is not a table.
  public var length: Int? {
    lua_type(lua, index) == LUA_TTABLE ? Int(lua_rawlen(lua, index)) : nil
  }

  /// Reads element `position` of a table raw, with `body`; nil when the value is not a table.
  public func withElement<Result>(_ position: Int, _ body: (LuaSlot) -> Result?) -> Result? {
    guard lua_type(lua, index) == LUA_TTABLE, lua_checkstack(lua, 1) != 0 else { return nil }
    let top = lua_gettop(lua)
    defer { lua_settop(lua, top) }
    lua_rawgeti(lua, index, lua_Integer(position))
    var value = LuaSlot(lua: lua, index: top + 1, depth: depth + 1)
    value.keyTable = keyTable
    return body(value)
  }

  /// Like ``forEachField(_:)``, naming each key by its index in the call's ``LuaKeys`` (nil for
  /// a string that is not one of them), so no Swift string is made for a key. False as that
  /// method is, and when the slot did not come from a call with interned keys.
  public func forEachKeyedField(_ body: (Int?, LuaSlot) -> Bool) -> Bool {
    guard keyTable != 0 else { return false }
    return visitEntries(stack: 5) { value in
      guard lua_type(lua, -2) == LUA_TSTRING else { return false }
      // The key table maps each name back to its 1-based position.
      lua_pushvalue(lua, -2)
      var isKey: Int32 = 0
      let position =
        lua_rawget(lua, keyTable) == LUA_TNUMBER ? lua_tointegerx(lua, -1, &isKey) : 0
      lua_settop(lua, -2)
      return body(isKey != 0 ? Int(position) - 1 : nil, value)
    }
  }

  /// Visits every entry of a table whose keys are all strings, in `next` order, until `body`
  /// returns false. False when the value is not such a table, `body` stopped, or the stack or
  /// nesting limit was reached.
  public func forEachField(_ body: (String, LuaSlot) -> Bool) -> Bool {
    visitEntries(stack: 4) { value in
      lua_type(lua, -2) == LUA_TSTRING && body(LuaStack.string(at: -2, in: lua), value)
    }
  }

  /// Runs `visit` for each entry of a table, in `next` order, with the key at -2 and the value
  /// in the slot it is given, until it returns false.
  private func visitEntries(stack: Int32, _ visit: (LuaSlot) -> Bool) -> Bool {
    guard lua_type(lua, index) == LUA_TTABLE, depth < LuaStack.maximumDepth,
      lua_checkstack(lua, stack) != 0
    else { return false }
    let top = lua_gettop(lua)
    defer { lua_settop(lua, top) }
    var value = LuaSlot(lua: lua, index: top + 2, depth: depth + 1)
    value.keyTable = keyTable
    lua_pushnil(lua)
    while lua_next(lua, index) != 0 {
      guard visit(value) else { return false }
      lua_settop(lua, -2)
    }
    return true
  }

  /// Visits the elements of a sequence `1...n` (a table with no other keys; an empty table is
  /// an empty sequence) in order, until `body` returns false. False when the value is not
  /// such a table, `body` stopped, or the stack or nesting limit was reached.
  public func forEachElement(_ body: (LuaSlot) -> Bool) -> Bool {
    guard lua_type(lua, index) == LUA_TTABLE, depth < LuaStack.maximumDepth,
      lua_checkstack(lua, 4) != 0
    else { return false }
    let top = lua_gettop(lua)
    defer { lua_settop(lua, top) }
    let count = lua_Integer(lua_rawlen(lua, index))
    // No keys but 1...count: the table's `next` visits exactly count entries.
    var entries: lua_Integer = 0
    lua_pushnil(lua)
    while lua_next(lua, index) != 0 {
      entries += 1
      guard lua_type(lua, -2) == LUA_TNUMBER, lua_isinteger(lua, -2) != 0, entries <= count
      else { return false }
      let key = lua_tointegerx(lua, -2, nil)
      guard key >= 1, key <= count else { return false }
      lua_settop(lua, -2)
    }
    guard entries == count else { return false }
    var element = LuaSlot(lua: lua, index: top + 1, depth: depth + 1)
    element.keyTable = keyTable
    var position: lua_Integer = 1
    while position <= count {
      lua_rawgeti(lua, index, position)
      guard body(element) else { return false }
      lua_settop(lua, top)
      position += 1
    }
    return true
  }
}
