import CLua
import CLuaShim

extension LuaState {
  /// A new empty table kept in the registry: a root for calls that reuse their argument.
  public func newTableReference() -> LuaReference {
    lua_createtable(lua, 0, 0)
    return LuaReference(id: lb_ref(lua))
  }

  /// Interns `names` for ``LuaTableWriter``: the writer's `key` arguments index this list.
  public func internKeys(_ names: [String]) -> LuaKeys {
    let top = lua_gettop(lua)
    defer { lua_settop(lua, top) }
    // names[i] at i + 1, and each name mapped back to i + 1 (LuaSlot.forEachKeyedField).
    lua_createtable(lua, Int32(clamping: names.count), Int32(clamping: names.count))
    for (index, name) in names.enumerated() {
      LuaStack.pushString(name, on: lua)
      lua_pushvalue(lua, -1)
      lua_rawseti(lua, -3, lua_Integer(index + 1))
      lua_pushinteger(lua, lua_Integer(index + 1))
      lua_rawset(lua, -3)
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
      .field(table, field), prefix, keys: keys, fieldCount: fieldCount, table: body)
    return try results(above: keySlot)
  }

  /// Like ``call(_:field:_:keys:fieldCount:table:)``, reading a single result in place with
  /// `read` (see ``LuaSlot``). When there is not exactly one result, or `read` returns nil, the
  /// results are converted to ``LuaValue``s as that call converts them (with the same errors),
  /// so the caller can report what is unexpected about them.
  ///
  /// With `root` (a table from ``newTableReference()``) the argument is that table, refilled
  /// in place, and the writer's
  /// ``LuaTableWriter/reusableTable(_:arrayCount:fieldCount:emptied:_:)`` refills the tables
  /// the previous call left: no allocation for a table of the same shape.
  /// Only for trusted callees: whatever a callee adds to those tables or changes in their
  /// metatables stays for the next call.
  public func call<Read>(
    _ table: LuaReference, field: String, _ prefix: [LuaValue], keys: LuaKeys,
    fieldCount: Int, reusing root: LuaReference? = nil,
    table body: (inout LuaTableWriter) -> Void,
    reading read: (LuaSlot) -> Read?
  ) throws(LuaError) -> LuaCallResults<Read> {
    try callReading(
      .field(table, field), prefix, keys: keys, fieldCount: fieldCount, reusing: root,
      table: body, reading: read)
  }

  /// Like ``call(_:field:_:keys:fieldCount:reusing:table:reading:)``, calling the function
  /// `function` refers to with the table as its only argument.
  public func call<Read>(
    _ function: LuaReference, keys: LuaKeys, fieldCount: Int, reusing root: LuaReference? = nil,
    table body: (inout LuaTableWriter) -> Void,
    reading read: (LuaSlot) -> Read?
  ) throws(LuaError) -> LuaCallResults<Read> {
    try callReading(
      .function(function), [], keys: keys, fieldCount: fieldCount, reusing: root, table: body,
      reading: read)
  }

  /// What a table call calls.
  private enum Callee {
    case field(LuaReference, String)
    case function(LuaReference)
  }

  private func callReading<Read>(
    _ callee: Callee, _ prefix: [LuaValue], keys: LuaKeys, fieldCount: Int,
    reusing root: LuaReference?, table body: (inout LuaTableWriter) -> Void,
    reading read: (LuaSlot) -> Read?
  ) throws(LuaError) -> LuaCallResults<Read> {
    let top = lua_gettop(lua)
    defer { lua_settop(lua, top) }
    let keySlot = try callWithTable(
      callee, prefix, keys: keys, fieldCount: fieldCount, reusing: root, table: body)
    if lua_gettop(lua) == keySlot + 1,
      let value = read(LuaSlot(lua: lua, index: keySlot + 1, depth: 0, keyTable: keySlot))
    {
      return .read(value)
    }
    return .values(try results(above: keySlot))
  }

  /// Pushes the interned keys, calls as ``call(_:field:_:keys:fieldCount:table:)`` describes
  /// and returns the stack index of the keys; the results are above it.
  private func callWithTable(
    _ callee: Callee, _ prefix: [LuaValue], keys: LuaKeys,
    fieldCount: Int, reusing root: LuaReference? = nil,
    table body: (inout LuaTableWriter) -> Void
  ) throws(LuaError) -> Int32 {
    guard lua_checkstack(lua, Int32(clamping: prefix.count) + 16) != 0 else {
      throw LuaError(kind: .host, message: "too many arguments (\(prefix.count + 1))")
    }
    lb_getref(lua, keys.reference.id)
    let keySlot = lua_gettop(lua)
    switch callee {
    case .field(let table, let field):
      let type = lb_getref(lua, table.id)
      guard type == LUA_TTABLE else {
        throw LuaError(
          kind: .runtime,
          message:
            "attempt to index a \(String(cString: lua_typename(lua, type))) value (reference)")
      }
      LuaStack.pushString(field, on: lua)
      lua_rawget(lua, -2)
      lua_rotate(lua, -2, 1)
      lua_settop(lua, -2)
      try checkCallable(describe: "field '\(field)'")
    case .function(let function):
      lb_getref(lua, function.id)
      try checkCallable(describe: "the referenced value")
    }
    try pushArguments(prefix)
    let reuse = root.map { lb_getref(lua, $0.id) == LUA_TTABLE } ?? false
    if !reuse {
      if root != nil { lua_settop(lua, -2) }
      lua_createtable(lua, 0, Int32(clamping: fieldCount))
    }
    // The names by pointer: the writers are made often and the array needs no retaining here.
    let failure = keys.names.withUnsafeBufferPointer { names in
      var writer = LuaTableWriter(
        lua: lua, keys: keySlot, depth: 0, names: names, reusing: reuse, reused: reuse)
      body(&writer)
      return writer.failure
    }
    if let failure {
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
