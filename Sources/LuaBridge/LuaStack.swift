import CLua
import CLuaShim

/// Moves ``LuaValue``s on and off a Lua stack using only API functions that cannot raise
/// (apart from allocation failures, which the allocator never reports while the host pushes
/// values; see ``LuaState``).
enum LuaStack {
  /// Nesting limit for tables in both directions (also stops cycles).
  static let maximumDepth = 128

  static func push(_ value: LuaValue, on lua: OpaquePointer, depth: Int = 0)
    throws(ConversionFailure)
  {
    switch value {
    case .nil: lua_pushnil(lua)
    case .boolean(let value): lua_pushboolean(lua, value ? 1 : 0)
    case .integer(let value): lua_pushinteger(lua, value)
    case .number(let value): lua_pushnumber(lua, value)
    case .string(let value): pushString(value, on: lua)
    case .array(let elements):
      try reserve(lua, depth: depth)
      lua_createtable(lua, Int32(clamping: elements.count), 0)
      var index: lua_Integer = 1
      for element in elements {
        do {
          try push(element, on: lua, depth: depth + 1)
        } catch {
          throw error.adding(.index(Int(index)))
        }
        lua_rawseti(lua, -2, index)
        index += 1
      }
    case .map(let entries):
      try reserve(lua, depth: depth)
      lua_createtable(lua, 0, Int32(clamping: entries.count))
      for (key, element) in entries {
        pushString(key, on: lua)
        do {
          try push(element, on: lua, depth: depth + 1)
        } catch {
          throw error.adding(.key(key))
        }
        lua_rawset(lua, -3)
      }
    }
  }

  @inline(__always)
  static func pushString(_ string: String, on lua: OpaquePointer) {
    var string = string
    string.withUTF8 { bytes in
      _ = lua_pushlstring(lua, bytes.baseAddress, bytes.count)
    }
  }

  private static func reserve(_ lua: OpaquePointer, depth: Int) throws(ConversionFailure) {
    guard depth < maximumDepth else {
      throw ConversionFailure("tables nested more than \(maximumDepth) levels deep")
    }
    guard lua_checkstack(lua, 4) != 0 else {
      throw ConversionFailure("Lua stack overflow")
    }
  }

  /// Reads the value at `index` (any valid index) without changing the stack.
  static func value(at index: Int32, in lua: OpaquePointer, depth: Int = 0)
    throws(ConversionFailure)
    -> LuaValue
  {
    switch lua_type(lua, index) {
    case LUA_TNIL, LUA_TNONE: return .nil
    case LUA_TBOOLEAN: return .boolean(lua_toboolean(lua, index) != 0)
    case LUA_TNUMBER:
      if lua_isinteger(lua, index) != 0 { return .integer(lua_tointegerx(lua, index, nil)) }
      return .number(lua_tonumberx(lua, index, nil))
    case LUA_TSTRING: return .string(string(at: index, in: lua))
    case LUA_TTABLE: return try table(at: lua_absindex(lua, index), in: lua, depth: depth)
    case let type:
      let name = String(cString: lua_typename(lua, type))
      throw ConversionFailure("a \(name) value cannot be converted")
    }
  }

  /// The string at `index`; the value must be a string (numbers would be converted in place).
  @inline(__always)
  static func string(at index: Int32, in lua: OpaquePointer) -> String {
    var length = 0
    guard let bytes = lua_tolstring(lua, index, &length) else { return "" }
    return String(decoding: UnsafeRawBufferPointer(start: bytes, count: length), as: UTF8.self)
  }

  private static func table(at table: Int32, in lua: OpaquePointer, depth: Int)
    throws(ConversionFailure) -> LuaValue
  {
    guard depth < maximumDepth else {
      throw ConversionFailure("tables nested more than \(maximumDepth) levels deep (a cycle?)")
    }
    guard lua_checkstack(lua, 4) != 0 else { throw ConversionFailure("Lua stack overflow") }
    let border = Int(lua_rawlen(lua, table))
    var elements: [LuaValue] = []
    var elementCount = 0
    var entries: [String: LuaValue] = [:]
    let top = lua_gettop(lua)
    defer { lua_settop(lua, top) }
    lua_pushnil(lua)
    while lua_next(lua, table) != 0 {
      let keyType = lua_type(lua, -2)
      if keyType == LUA_TSTRING {
        let key = string(at: -2, in: lua)
        do {
          entries[key] = try value(at: -1, in: lua, depth: depth + 1)
        } catch {
          throw error.adding(.key(key))
        }
      } else if keyType == LUA_TNUMBER, lua_isinteger(lua, -2) != 0 {
        let key = lua_tointegerx(lua, -2, nil)
        guard key >= 1, key <= border else {
          throw ConversionFailure(
            "a table with integer key \(key) is not a sequence 1...n and cannot be converted")
        }
        if elements.isEmpty { elements = Array(repeating: .nil, count: border) }
        do {
          elements[Int(key) - 1] = try value(at: -1, in: lua, depth: depth + 1)
        } catch {
          throw error.adding(.index(Int(key)))
        }
        elementCount += 1
      } else {
        let name = String(cString: lua_typename(lua, keyType))
        let detail = keyType == LUA_TNUMBER ? "a non-integer number" : "a \(name)"
        throw ConversionFailure("a table with \(detail) key cannot be converted")
      }
      lua_settop(lua, -2)
    }
    if elementCount > 0 {
      guard entries.isEmpty else {
        throw ConversionFailure("a table with both string and integer keys cannot be converted")
      }
      guard elementCount == border else {
        throw ConversionFailure("a table with holes is not a sequence 1...n")
      }
      return .array(elements)
    }
    return .map(entries)
  }
}
