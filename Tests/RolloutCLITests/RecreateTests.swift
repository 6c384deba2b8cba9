import Engine
import Foundation
import Testing

/// `examples/recreate.yaml`: every old pod is gone before a new one is created.
@Suite struct RecreateTests {
  /// Applies worker:1.0, then worker:2.0 with `flags`; returns the second run.
  func rollOut(flags: [String]) throws -> RolloutResult {
    let box = try Sandbox()
    let v1 = try box.run([Sandbox.example("recreate.yaml"), "--state", box.state])
    #expect(v1.status == 0, "\(v1)")
    let v2 = try box.copy(
      example: "recreate.yaml", to: "worker-v2.yaml",
      replacing: [("example/worker:1.0", "example/worker:2.0")])
    return try box.run([v2, "--state", box.state, "-o", "jsonl"] + flags)
  }

  @Test func oldScaledToZeroBeforeNewScaledUp() throws {
    let result = try rollOut(flags: [])
    #expect(result.status == 0, "\(result)")
    let scales = try result.scaleLines()
    #expect(scales.map { [$0.revision, $0.from, $0.to] } == [[1, 4, 0], [2, 0, 4]], "\(scales)")
    let summary = try result.summary()
    #expect(summary["peakPods"]?.intValue == 4)
    #expect(summary["revision"]?.intValue == 2)
  }

  @Test(arguments: [5.0, 30.0])
  func newWaitsForTheOldPodsToTerminate(grace: Double) throws {
    let result = try rollOut(flags: ["--terminate-after", "\(Int(grace))s"])
    #expect(result.status == 0, "\(result)")
    let scales = try result.scaleLines()
    let down = try #require(scales.first { $0.revision == 1 && $0.to == 0 })
    let up = try #require(scales.first { $0.revision == 2 && $0.to == 4 })
    #expect(up.time - down.time >= grace, "\(scales)")
    #expect(scales.firstIndex(of: down)! < scales.firstIndex(of: up)!)
    // Terminating pods count: old and new never run together, so never more than 4 pods.
    #expect(try result.summary()["peakPods"]?.intValue == 4)
  }
}
