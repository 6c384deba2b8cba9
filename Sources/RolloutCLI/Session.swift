import RolloutAPI

/// The command line's session: the engine's `RolloutSession`, opened from the store and
/// simulation options, with bad input reported as `InputError` (exit 2).
typealias Session = RolloutSession

extension RolloutSession {
  /// Opens (and locks) the store `options` names; the `simulation` flags apply over the
  /// settings the store last used. `existing`: the command reads or steers what is stored.
  convenience init(
    store options: StoreOptions, simulation: SimulationOptions?, existing: Bool = true
  )
    throws
  {
    do {
      try self.init(
        directory: options.path, existing: existing,
        settings: simulation.map { flags in { try flags.settings(over: $0) } })
    } catch {
      throw InputError(error)
    }
    speed = simulation?.speed
  }
}
