import Engine
import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `get --watch` watches until interrupted, so a promote from another terminal shows; scripts
/// keep the old behaviour as `--until-done`.
@Suite struct WatchTests {
  @Test func watchSeesAPromoteFromAnotherProcessAndEndsAtCtrlC() throws {
    let box = try Sandbox()
    _ = try GlobalOptionTests.pausedCanary(box)
    let watch = try RolloutProcess.Running(
      ["get", "web-canary", "--watch", "--state", box.state, "-o", "jsonl"], cwd: box.directory,
      environment: [:])
    // The watcher has printed the paused tree and is waiting, not exited.
    try waitFor(watch, seconds: 20) { $0.contains("\"phase\":\"Paused\"") }
    #expect(watch.process.isRunning, "get --watch exited at the pause")
    let promote = try box.run(["promote", "web-canary", "--state", box.state])
    #expect(promote.status == 0, "\(promote)")
    try waitFor(watch, seconds: 20) { $0.contains("\"phase\":\"Healthy\"") }
    #expect(watch.process.isRunning, "get --watch exited when the rollout completed")
    kill(watch.process.processIdentifier, SIGINT)
    let result = try watch.wait(timeout: 20)
    #expect(!result.signaled, "\(result)")
    #expect(result.status == 0, "\(result)")
    let phases = try result.jsonLines().compactMap { $0["phase"]?.stringValue }
    #expect(phases.first == "Paused" && phases.last == "Healthy", "\(phases)")
  }

  @Test func untilDoneStopsAtThePauseWithItsExitCode() throws {
    let box = try Sandbox()
    _ = try GlobalOptionTests.pausedCanary(box)
    let result = try box.run(["get", "web-canary", "--until-done", "--state", box.state])
    #expect(result.status == 3, "\(result)")
    #expect(result.stdout.contains("Paused (CanaryPauseStep)"), "\(result)")
    #expect(result.stdout.contains("deployment \"web-canary\" is paused"), "\(result)")
  }

  /// Polls the running process's standard output until `condition` holds.
  private func waitFor(
    _ running: RolloutProcess.Running, seconds: Double, _ condition: (String) -> Bool
  ) throws {
    let start = ContinuousClock.now
    while ContinuousClock.now - start < .seconds(seconds) {
      if condition(running.currentStdout) { return }
      usleep(20_000)
    }
    throw RolloutProcessError(description: "timed out; stdout so far:\n\(running.currentStdout)")
  }
}
