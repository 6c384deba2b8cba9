import Foundation
import Testing

/// `rollout controller --dashboard-addr`: the dashboard of a real API server's Rollouts (here
/// `rollout serve --rollouts external`), read through its own informers, with actions patched
/// onto the Rollout for the controller to carry out.
@Suite(.serialized) struct ControllerDashboardTests {
  /// curl against the dashboard (plain HTTP on loopback).
  static func curl(_ arguments: [String]) throws -> (code: Int, body: String) {
    try RolloutCLITests.curl(arguments)
  }

  @Test func theControllersDashboardShowsAndPromotesARollout() throws {
    let harness = try ControllerHarness()
    defer { try? harness.stop() }
    let controller = try harness.startController(["--dashboard-addr", "127.0.0.1:0"])
    var line: String?
    let start = ContinuousClock.now
    while line == nil, ContinuousClock.now - start < .seconds(30) {
      line = controller.currentStdout.split(separator: "\n")
        .first { $0.hasPrefix("rollout controller: dashboard: http://127.0.0.1:") }
        .map(String.init)
      if line == nil { usleep(50_000) }
    }
    let printed = try #require(line?.split(separator: " ").last.map(String.init))
    let parts = printed.components(separatedBy: "#token=")
    #expect(parts.count == 2)
    let (base, token) = (parts[0], parts.last ?? "")

    try harness.apply(ControllerHarness.canary(image: "example/web:1.0"))
    try harness.waitFor("the first revision to be Healthy") {
      try harness.rollout("web", "{.status.phase}") == "Healthy"
    }
    try harness.served.kubectl([
      "patch", "rollout", "web", "--type", "merge", "-p",
      #"{"spec":{"template":{"spec":{"containers":[{"name":"web","image":"example/web:2.0"}]}}}}"#,
    ])
    try harness.waitFor("the dashboard to show the canary paused") {
      try Self.curl([base + "api/rollouts"]).body.contains(#""phase":"Paused""#)
    }
    let detail = try Self.curl([base + "api/rollouts/default/web"])
    #expect(detail.code == 200)
    #expect(detail.body.contains(#""kind":"Rollout""#))
    #expect(detail.body.contains(#""roles":["stable"]"#), "\(detail.body)")
    // The pods come from the dashboard's own informers, the decisions from the log ConfigMap.
    #expect(detail.body.contains(#""status":"Running""#))
    #expect(detail.body.contains(#""strategy":"stock:canary""#))

    let promote = [
      "-X", "POST", "-H", "Content-Type: application/json", "--data", #"{"verb":"promote"}"#,
      base + "api/rollouts/default/web/actions",
    ]
    #expect(try Self.curl(promote).code == 403)
    let done = try Self.curl(["-H", "X-Rollout-Token: \(token)"] + promote)
    #expect(done.code == 200, "\(done.body)")
    try harness.waitFor("the canary to complete") {
      try harness.rollout("web", "{.status.phase}") == "Healthy"
        && Self.curl([base + "api/rollouts"]).body.contains(#""phase":"Healthy""#)
    }
  }
}
