import CLuaShim

extension LuaState {
  /// The instant `os.time()` and `os.date()` report, in seconds since 1970-01-01 UTC. Scripts
  /// never see the machine's clock; the host sets this before a call (0 until then).
  public var clock: Int64 {
    get { control.pointee.clock }
    set { control.pointee.clock = newValue }
  }

  /// Where `math.random`'s generator starts at every top-level call: the same seed and the
  /// same calls give the same numbers. `math.randomseed(x, y)` restarts it from `x` and `y`
  /// within a call, `math.randomseed()` from this seed.
  public var randomSeed: UInt64 {
    get { control.pointee.seed }
    set { control.pointee.seed = newValue }
  }
}
