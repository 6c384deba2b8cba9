import Foundation
import Testing

/// `rollout controller` under what real clusters do to controllers: crashes, conflicts, errors,
/// dropped watches, outages, a second replica, RBAC and bad credentials.
@Suite(.serialized) struct ControllerResilienceTests {
  /// The sizes each ReplicaSet goes through in a fault-free timed canary of web 1.0 → 2.0.
  static func referenceSequences() throws -> [[Int]] {
    let harness = try ControllerHarness()
    defer { try? harness.stop() }
    try harness.startRecorder()
    try harness.startController()
    try harness.apply(ControllerHarness.timedCanary(image: "example/web:1.0"))
    try harness.waitForHealthy()
    try harness.setImage("example/web:2.0")
    try harness.waitForHealthy()
    usleep(500_000)
    return harness.scaleSequences()
  }

  @Test func killedAtRandomMomentsTheControllerStillCompletesTheRolloutSafely() throws {
    let reference = try Self.referenceSequences()
    let harness = try ControllerHarness()
    defer { try? harness.stop() }
    try harness.startRecorder()
    var controller = try harness.startController()
    try harness.apply(ControllerHarness.timedCanary(image: "example/web:1.0"))
    try harness.waitForHealthy()
    try harness.setImage("example/web:2.0")
    // Kill -9 at seeded random moments, ten times, while the canary rolls.
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<10 {
      usleep(UInt32.random(in: 100_000...900_000, using: &generator))
      controller.killHard()
      _ = try? controller.wait(timeout: 10)
      controller = try harness.startController()
    }
    try harness.waitForHealthy()
    usleep(500_000)
    let sets = try harness.replicaSets(app: "web")
    #expect(sets.count == 2, "one ReplicaSet per revision, no duplicates: \(sets)")
    // 5 replicas, maxSurge 25% (2): never more than 7 pods asked for.
    #expect(harness.peakDesired() <= 7, "\(harness.recordedScales())")
    #expect(harness.scaleSequences() == reference)
  }

  @Test func conflictsErrorsDroppedWatchesAndAnOutageChangeNothingButTime() throws {
    let reference = try Self.referenceSequences()
    let harness = try ControllerHarness(serveExtra: [
      "--inject-faults",
      "conflicts=0.25,errors=0.1,drop-watches=2s,outage=6s+10s,agent=rollout-controller,seed=7",
    ])
    defer { try? harness.stop() }
    try harness.startRecorder()
    try harness.startController()
    try harness.apply(ControllerHarness.timedCanary(image: "example/web:1.0"))
    try harness.waitForHealthy(timeout: 120)
    try harness.setImage("example/web:2.0")
    try harness.waitForHealthy(timeout: 120)
    usleep(500_000)
    #expect(try harness.replicaSets(app: "web").count == 2)
    #expect(harness.peakDesired() <= 7, "\(harness.recordedScales())")
    #expect(harness.scaleSequences() == reference)
  }

  @Test func twoControllersElectOneLeaderAndTheOtherTakesOverWhenItDies() throws {
    let harness = try ControllerHarness()
    defer { try? harness.stop() }
    let first = try harness.startController(["--leader-elect"])
    try harness.waitFor("a leader") { first.currentStdout.contains("rollout controller: leading") }
    let second = try harness.startController(["--leader-elect"])
    try harness.apply(ControllerHarness.timedCanary(image: "example/web:1.0"))
    try harness.waitForHealthy()
    #expect(!second.currentStdout.contains("rollout controller: leading"))
    let holder = try harness.served.kubectl([
      "get", "lease", "rollout-controller", "-o", "jsonpath={.spec.holderIdentity}",
    ]).stdout
    #expect(holder.hasSuffix("_\(first.process.processIdentifier)"), "\(holder)")
    first.killHard()
    // Within leaseDuration + retryPeriod (12 s, `LeaderElectorTests` checks the numbers); the
    // wait is generous because a loaded machine is slow, not because the Lease is.
    try harness.waitFor("the standby to lead", timeout: 60) {
      second.currentStdout.contains("rollout controller: leading")
    }
    try harness.setImage("example/web:2.0")
    try harness.waitForHealthy()
  }

  @Test func rbacRefusalIsNamedAndNothingIsWritten() throws {
    let harness = try ControllerHarness(serveExtra: [
      "--inject-faults", "forbid=create:replicasets,agent=rollout-controller",
    ])
    defer { try? harness.stop() }
    let controller = try harness.startController(["--log-level", "warning"])
    try harness.apply(ControllerHarness.timedCanary(image: "example/web:1.0"))
    try harness.waitFor("the refusal in the log", timeout: 30) {
      let log = (try? String(contentsOfFile: controller.stderrPath, encoding: .utf8)) ?? ""
      return log.contains("RBAC forbids") && log.contains("create replicasets.apps")
    }
    #expect(try harness.replicaSets(app: "web").isEmpty)
    #expect(try harness.rollout("web", "{.status}").isEmpty, "no status without its ReplicaSet")
  }

  @Test func aRefusedTokenStopsTheControllerWithAClearError() throws {
    let harness = try ControllerHarness()
    defer { try? harness.stop() }
    let text = try String(contentsOfFile: harness.served.kubeconfig, encoding: .utf8)
    let badConfig = try harness.served.sandbox.write(
      "bad-kubeconfig",
      text.replacingOccurrences(
        of: #"token: [A-Za-z0-9._-]+"#, with: "token: expired", options: .regularExpression))
    let result = try harness.served.sandbox.run([
      "controller", "--kubeconfig", badConfig, "-n", "default", "--metrics-addr", "off",
    ])
    #expect(result.status == 1)
    #expect(result.stderr.contains("401 Unauthorized"), "\(result.stderr)")
    #expect(result.stderr.contains("refused the credentials"))
  }
}
