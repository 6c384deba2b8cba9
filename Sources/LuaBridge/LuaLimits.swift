/// Resource limits for scripts, applied to each top-level call into Lua
/// (``LuaState/run(_:chunkName:)``, ``LuaState/load(_:chunkName:)``, the `call` family).
///
/// Exceeding a limit fails the call with a ``LuaError`` and leaves the state usable.
public struct LuaLimits: Sendable, Hashable {
  /// Lua VM instructions per top-level call. Work done inside the bounded library functions
  /// (pattern matching, `table.insert/remove/move`) is charged too. Once exceeded the call
  /// keeps failing: `pcall` and coroutines cannot swallow the error.
  public var instructionBudget: Int
  /// Bytes of memory the state may hold while a script runs.
  public var memoryLimit: Int
  /// Wall-clock time per top-level call, checked by the instruction hook and inside the
  /// bounded C library functions (which the hook cannot see).
  public var timeLimit: Duration
  /// Whether instructions are counted against ``instructionBudget``. Counting needs Lua's
  /// count hook, which Lua 5.4 enters at every VM instruction once any count is set (about a
  /// tenth of a short call). `false` is for trusted code only, such as scripts compiled into
  /// the host: no budget, and the time limit holds only inside the bounded C functions, so a
  /// runaway loop is not stopped. The memory cap applies either way.
  public var meteredInstructions: Bool = true

  /// Creates limits; defaults are 10 million instructions, 64 MiB and 2 seconds.
  public init(
    instructionBudget: Int = 10_000_000,
    memoryLimit: Int = 64 << 20,
    timeLimit: Duration = .seconds(2)
  ) {
    self.instructionBudget = instructionBudget
    self.memoryLimit = memoryLimit
    self.timeLimit = timeLimit
  }

  var timeLimitNanoseconds: Int64 {
    let (seconds, attoseconds) = timeLimit.components
    let (nanos, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
    if overflow || seconds < 0 { return seconds < 0 ? 0 : Int64.max }
    let (total, overflow2) = nanos.addingReportingOverflow(attoseconds / 1_000_000_000)
    return overflow2 ? Int64.max : total
  }
}
