import CLua
import CLuaShim
import Foundation

/// A sandboxed Lua 5.4 state for running untrusted scripts.
///
/// The sandbox offers the base library without `dofile`/`loadfile` (`load` accepts text
/// chunks only), `string` without `dump`, `table`, `math`, `utf8`, `coroutine` and `os.time`,
/// `os.date`. Nothing reads the machine: `os.time()` and `os.date()` read ``clock`` (in UTC),
/// and `math.random` restarts from ``randomSeed`` at every top-level call; there is no
/// `os.clock`. There is no `io`, `debug` or `package`, and no file access except
/// `require` of modules the host registered (``addModule(_:source:)``) or `.lua` files under
/// ``LuaConfiguration/moduleRoot``. `print` goes to ``LuaConfiguration/print``.
/// `collectgarbage` only allows `"count"`, `"collect"`, `"step"` and `"isrunning"`, and
/// `setmetatable` refuses metatables with `__gc`, so no finalizer ever runs.
///
/// Every top-level call runs under ``limits``; a failing call throws a ``LuaError`` and leaves
/// the state usable.
///
/// Errors never unwind through Swift frames: everything that can raise a Lua error runs in C
/// inside a protected call, and Swift callbacks report errors to a C trampoline which raises
/// them after the Swift frame has returned. The memory limit is enforced only while Lua code
/// runs; while Swift pushes arguments or callback results the allocator does not refuse
/// (those values are bounded by host data), so an allocation failure can never raise inside
/// a Swift frame.
///
/// `LuaState` is deliberately not `Sendable`: a Lua state is single-threaded and re-entrant
/// only through callbacks. Confine each state to one isolation domain (an actor, a task, a
/// thread) and use it from there only.
public final class LuaState {
  let lua: OpaquePointer
  let control: UnsafeMutablePointer<lb_Control>
  var configuration: LuaConfiguration
  var functions: [FunctionBox] = []
  var modules: [String: String] = [:]

  /// The limits applied to each top-level call.
  public var limits: LuaLimits {
    get { configuration.limits }
    set {
      configuration.limits = newValue
      applyLimits()
    }
  }

  /// Creates a sandboxed state.
  public init(configuration: LuaConfiguration = .init()) throws(LuaError) {
    let control = UnsafeMutablePointer<lb_Control>.allocate(capacity: 1)
    control.initialize(to: lb_Control())
    control.pointee.budget = Int64(clamping: configuration.limits.instructionBudget)
    guard let lua = lb_newstate(control) else {
      control.deallocate()
      throw LuaError(kind: .memory, message: "cannot create a Lua state")
    }
    self.lua = lua
    self.control = control
    self.configuration = configuration
    applyLimits()
    control.pointee.owner = Unmanaged.passUnretained(self).toOpaque()
    control.pointee.callback = { lua, box in
      guard let lua, let box else { return -1 }
      return Unmanaged<FunctionBox>.fromOpaque(box).takeUnretainedValue().invoke(lua)
    }
    control.pointee.print = { owner, text, length in
      guard let owner else { return }
      let state = Unmanaged<LuaState>.fromOpaque(owner).takeUnretainedValue()
      let line = String(decoding: UnsafeRawBufferPointer(start: text, count: length), as: UTF8.self)
      state.configuration.print(line)
    }
    control.pointee.resolve = { owner, lua, name in
      guard let owner, let lua, let name else { return -1 }
      let state = Unmanaged<LuaState>.fromOpaque(owner).takeUnretainedValue()
      return state.resolveModule(String(cString: name), on: lua)
    }
    let status = lb_opensandbox(lua)
    guard status == LUA_OK else {
      let message = LuaStack.string(at: -1, in: lua)
      throw LuaError(kind: status == LUA_ERRMEM ? .memory : .runtime, message: message)
    }
  }

  deinit {
    // Detach the owner first: nothing may call back into Swift while the state closes.
    control.pointee.owner = nil
    control.pointee.callback = nil
    control.pointee.print = nil
    control.pointee.resolve = nil
    lb_close(lua)
    control.deallocate()
  }

  private func applyLimits() {
    let limits = configuration.limits
    lb_setlimits(
      lua, Int64(clamping: limits.instructionBudget), max(0, limits.memoryLimit),
      limits.timeLimitNanoseconds, limits.meteredInstructions ? 1 : 0)
  }

  /// Bytes currently allocated by the state.
  public var memoryInUse: Int { control.pointee.used }
}
