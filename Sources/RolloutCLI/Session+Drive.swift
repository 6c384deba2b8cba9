import Engine
import RolloutAPI

extension RolloutSession {
  /// Runs the rollouts of `keys` to their outcomes, reporting as `format` asks. Returns the
  /// exit code (the worst outcome's).
  func drive(_ keys: [ObjectKey], output format: OutputOptions.Format) throws -> Int32 {
    try drive(keys, reporter: Reporters.make(format))
  }

  /// Runs the rollouts of `keys` to their outcomes, reporting to `reporter`. Returns the exit
  /// code (the worst outcome's).
  func drive(_ keys: [ObjectKey], reporter: any Reporter) throws -> Int32 {
    let wallStart = ContinuousClock.now
    let outcomes = try drive(keys, observer: reporter)
    let wall = ContinuousClock.now - wallStart
    let seconds = Double(wall.components.seconds) + Double(wall.components.attoseconds) / 1e18
    reporter.finished(outcomes, keys: keys, wallSeconds: seconds)
    return outcomes.map(\.result.exitCode).max { rank($0) < rank($1) } ?? ExitStatus.complete
  }

  /// Failure outranks a pause, a pause outranks completion.
  private func rank(_ code: Int32) -> Int {
    switch code {
    case ExitStatus.failed: return 3
    case ExitStatus.paused: return 2
    default: return 1
    }
  }
}
