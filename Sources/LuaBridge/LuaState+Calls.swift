import CLua
import CLuaShim

extension LuaState {
  /// Loads a text chunk and runs it, returning all its results.
  ///
  /// - Parameter chunkName: the name Lua uses in messages, e.g. `canary.lua` gives
  ///   `canary.lua:42: ...`. A name starting with `@` or `=` is passed through unchanged.
  @discardableResult
  public func run(_ source: String, chunkName: String) throws(LuaError) -> [LuaValue] {
    let top = lua_gettop(lua)
    defer { lua_settop(lua, top) }
    try loadChunk(source, chunkName: chunkName)
    try protectedCall(arguments: 0)
    return try results(above: top)
  }

  /// Runs a chunk and keeps its first result (typically a module table) in the registry.
  public func load(_ source: String, chunkName: String) throws(LuaError) -> LuaReference {
    let top = lua_gettop(lua)
    defer { lua_settop(lua, top) }
    try loadChunk(source, chunkName: chunkName)
    try protectedCall(arguments: 0)
    lua_settop(lua, top + 1)
    return LuaReference(id: lb_ref(lua))
  }

  /// Like ``load(_:chunkName:)``, for host code: the chunk receives one argument, a table of
  /// helpers that scripts never see:
  ///
  /// - `where([level])`: `"chunk:line"` of the Lua function `level` levels above the caller
  ///   of `where` (1, the default, is that caller), or `""` when that is not a Lua function
  ///   with line information. What `error(message, level)` would prefix, without the `": "`,
  ///   and without the cost of raising and catching an error.
  ///
  /// Errors never name the host chunk (one per state: the last one loaded): runtime errors
  /// raised in it, budget, time and memory errors name the innermost script line that called
  /// into it, or no location when no script is on the stack.
  public func loadHost(_ source: String, chunkName: String) throws(LuaError) -> LuaReference {
    let top = lua_gettop(lua)
    defer { lua_settop(lua, top) }
    try loadChunk(source, chunkName: chunkName)
    lb_markhost(lua)
    lb_pushhostlib(lua)
    try protectedCall(arguments: 1)
    lua_settop(lua, top + 1)
    return LuaReference(id: lb_ref(lua))
  }

  /// A reference to `table[field]` (a raw lookup), kept until ``release(_:)``.
  public func reference(_ table: LuaReference, field: String) throws(LuaError) -> LuaReference {
    let top = lua_gettop(lua)
    defer { lua_settop(lua, top) }
    let type = lb_getref(lua, table.id)
    guard type == LUA_TTABLE else {
      throw LuaError(
        kind: .runtime, message: "attempt to index a \(typeName(type)) value (reference)")
    }
    LuaStack.pushString(field, on: lua)
    lua_rawget(lua, -2)
    return LuaReference(id: lb_ref(lua))
  }

  /// Calls the function `function` refers to with `args`.
  public func call(_ function: LuaReference, _ args: [LuaValue]) throws(LuaError) -> [LuaValue] {
    let top = lua_gettop(lua)
    defer { lua_settop(lua, top) }
    try reserveStack(args.count)
    lb_getref(lua, function.id)
    return try callPushed(args, top: top, describe: "the referenced value")
  }

  /// Calls `table[field](args...)`; the field is looked up raw (no metamethods).
  public func call(_ table: LuaReference, field: String, _ args: [LuaValue]) throws(LuaError)
    -> [LuaValue]
  {
    let top = lua_gettop(lua)
    defer { lua_settop(lua, top) }
    try reserveStack(args.count)
    let type = lb_getref(lua, table.id)
    guard type == LUA_TTABLE else {
      throw LuaError(
        kind: .runtime, message: "attempt to index a \(typeName(type)) value (reference)")
    }
    LuaStack.pushString(field, on: lua)
    lua_rawget(lua, -2)
    lua_rotate(lua, -2, 1)
    lua_settop(lua, -2)
    return try callPushed(args, top: top, describe: "field '\(field)'")
  }

  /// Calls the global function `name` (raw lookup in the globals table).
  public func callGlobal(_ name: String, _ args: [LuaValue]) throws(LuaError) -> [LuaValue] {
    let top = lua_gettop(lua)
    defer { lua_settop(lua, top) }
    try reserveStack(args.count)
    lb_pushglobals(lua)
    LuaStack.pushString(name, on: lua)
    lua_rawget(lua, -2)
    lua_rotate(lua, -2, 1)
    lua_settop(lua, -2)
    return try callPushed(args, top: top, describe: "global '\(name)'")
  }

  /// The value `ref` refers to.
  public func value(of ref: LuaReference) throws(LuaError) -> LuaValue {
    let top = lua_gettop(lua)
    defer { lua_settop(lua, top) }
    lb_getref(lua, ref.id)
    do {
      return try LuaStack.value(at: -1, in: lua)
    } catch {
      throw LuaError.conversion(error, root: "value")
    }
  }

  /// Releases a reference; the value may then be collected.
  public func release(_ ref: LuaReference) {
    lb_unref(lua, ref.id)
  }

  // MARK: - Internals

  private func reserveStack(_ count: Int) throws(LuaError) {
    guard count < 100_000, lua_checkstack(lua, Int32(count) + 8) != 0 else {
      throw LuaError(kind: .host, message: "too many arguments (\(count))")
    }
  }

  private func typeName(_ type: Int32) -> String {
    String(cString: lua_typename(lua, type))
  }

  /// With the callee on top, pushes `args`, calls and converts the results.
  private func callPushed(_ args: [LuaValue], top: Int32, describe: String) throws(LuaError)
    -> [LuaValue]
  {
    try checkCallable(describe: describe)
    try pushArguments(args)
    try protectedCall(arguments: Int32(args.count))
    return try results(above: top)
  }

  /// Refuses a callee on top of the stack that can never be called.
  func checkCallable(describe: String) throws(LuaError) {
    let type = lua_type(lua, -1)
    if type != LUA_TFUNCTION && type != LUA_TTABLE && type != LUA_TUSERDATA {
      throw LuaError(
        kind: .runtime, message: "attempt to call a \(typeName(type)) value (\(describe))")
    }
  }

  /// Pushes call arguments (stack space already reserved).
  func pushArguments(_ args: [LuaValue]) throws(LuaError) {
    var index = 1
    for arg in args {
      do {
        try LuaStack.push(arg, on: lua)
      } catch {
        throw LuaError.conversion(error, root: "argument #\(index)")
      }
      index += 1
    }
  }

  func loadChunk(_ source: String, chunkName: String) throws(LuaError) {
    let name = chunkName.hasPrefix("@") || chunkName.hasPrefix("=") ? chunkName : "@" + chunkName
    var source = source
    let status = source.withUTF8 { bytes in
      lb_load(lua, bytes.baseAddress, bytes.count, name)
    }
    guard status == LUA_OK else {
      throw makeError(status: status, fallbackChunk: String(name.dropFirst()))
    }
  }

  func protectedCall(arguments: Int32) throws(LuaError) {
    let status = lb_pcall(lua, arguments)
    guard status == LUA_OK else {
      throw makeError(status: status, fallbackChunk: nil)
    }
  }

  func results(above top: Int32) throws(LuaError) -> [LuaValue] {
    let count = Int(lua_gettop(lua) - top)
    if count == 0 { return [] }
    var values: [LuaValue] = []
    values.reserveCapacity(count)
    for offset in 1...count {
      do {
        values.append(try LuaStack.value(at: top + Int32(offset), in: lua))
      } catch {
        throw LuaError.conversion(error, root: offset == 1 ? "result" : "result #\(offset)")
      }
    }
    return values
  }
}
