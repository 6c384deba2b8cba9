import CLua
import CLuaShim

extension LuaState {
  /// Builds the error for a failed load or call; the message is on top of the stack.
  func makeError(status: Int32, fallbackChunk: String?) -> LuaError {
    let control = self.control.pointee
    let traceback = recordedTraceback()
    let exceeded = Int(control.exceeded)
    if exceeded != LB_EXCEEDED_NONE {
      let text = cString(\.exceededMessage)
      let kind: LuaError.Kind = exceeded == LB_EXCEEDED_BUDGET ? .instructionBudget : .timeLimit
      return LuaError(kind: kind, luaMessage: text, traceback: traceback)
    }
    let message: String
    if lua_type(lua, -1) == LUA_TSTRING || lua_type(lua, -1) == LUA_TNUMBER {
      message = LuaStack.string(at: -1, in: lua)
    } else {
      message = "(error object is a \(String(cString: lua_typename(lua, lua_type(lua, -1)))) value)"
    }
    let memoryExceeded = control.memoryExceeded != 0
    if status == LUA_ERRMEM
      || (memoryExceeded && (status == LUA_ERRERR || message.hasSuffix("not enough memory")))
    {
      lb_fullgc(lua)
      return memoryError(
        fallbackChunk: fallbackChunk, exceeded: memoryExceeded, traceback: traceback)
    }
    if status == LUA_ERRSYNTAX {
      return LuaError(kind: .syntax, luaMessage: message)
    }
    let kind: LuaError.Kind = lb_ishosterror(lua, -1) != 0 ? .host : .runtime
    return LuaError(kind: kind, luaMessage: message, traceback: traceback)
  }

  private func memoryError(fallbackChunk: String?, exceeded: Bool, traceback: String?)
    -> LuaError
  {
    let chunk = cString(\.errorChunk)
    let line = Int(control.pointee.errorLine)
    let limit = configuration.limits.memoryLimit
    let message =
      exceeded
      ? "not enough memory (memory limit of \(limit) bytes exceeded)" : "not enough memory"
    return LuaError(
      kind: .memory, message: message, chunkName: chunk.isEmpty ? fallbackChunk : chunk,
      line: chunk.isEmpty || line <= 0 ? nil : line, traceback: traceback)
  }

  private func recordedTraceback() -> String? {
    lb_pushtraceback(lua)
    defer { lua_settop(lua, -2) }
    guard lua_type(lua, -1) == LUA_TSTRING else { return nil }
    return LuaStack.string(at: -1, in: lua)
  }

  private func cString<Tuple>(_ field: KeyPath<lb_Control, Tuple>) -> String {
    withUnsafePointer(to: control.pointee[keyPath: field]) { pointer in
      pointer.withMemoryRebound(
        to: CChar.self, capacity: MemoryLayout<Tuple>.size
      ) { String(cString: $0) }
    }
  }
}
