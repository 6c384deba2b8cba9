import Engine
import Foundation
import Testing

/// Exit 1: a new revision that never becomes Ready exceeds its progress deadline, while the
/// old revision keeps serving within maxUnavailable.
@Suite struct ProgressDeadlineTests {
  @Test func neverReadyRevisionExceedsTheDeadline() throws {
    let box = try Sandbox()
    let v1 = try box.run([Sandbox.example("web-v1.yaml"), "--state", box.state])
    #expect(v1.status == 0, "\(v1)")
    let v2 = try box.copy(
      example: "web-v2.yaml", to: "web-v2-deadline.yaml",
      replacing: [("  replicas: 10\n", "  replicas: 10\n  progressDeadlineSeconds: 30\n")])

    let result = try box.run([
      v2, "--fault", "example/web:2.0=never-ready", "--state", box.state, "-o", "jsonl",
    ])
    #expect(result.status == 1, "\(result)")
    let lines = try result.jsonLines()
    let exceeded = try #require(lines.first { $0.type == "progressDeadlineExceeded" }, "\(result)")
    let start = try #require(lines.first?["time"]?.doubleValue)
    #expect(try #require(exceeded["time"]?.doubleValue) - start >= 30)
    let summary = try result.summary()
    #expect(summary["reason"]?.stringValue == "ProgressDeadlineExceeded")
    #expect(summary["result"]?.stringValue == "progressDeadlineExceeded")
    #expect(try #require(summary["minAvailable"]?.intValue) >= 8)

    // The old ReplicaSet never drops below replicas - maxUnavailable = 8: it is only scaled
    // down while the new pods are unavailable, so old replicas alone must stay >= 8.
    var old = 10
    for scale in try result.scaleLines() where scale.revision == 1 {
      #expect(scale.from == old)
      old = scale.to
      #expect(old >= 8, "\(scale)")
    }
    #expect(try result.scaleLines().filter { $0.revision == 2 }.map(\.to).max() == 5)

    let get = try box.run(["get", "web", "--state", box.state])
    #expect(get.stdout.contains("Degraded (ProgressDeadlineExceeded)"), "\(get)")
    let status = try box.run(["status", "web", "--no-watch", "--state", box.state])
    #expect(status.status == 1, "\(status)")
    #expect(status.stdout.contains("exceeded its progress deadline"), "\(status)")
  }
}
