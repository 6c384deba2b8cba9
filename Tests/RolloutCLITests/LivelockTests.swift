import Foundation
import Testing

/// A strategy that flip-flops at one instant: the rollout ends Degraded (Livelock) with the
/// usual summary, and later commands report it without running the strategy again.
@Suite struct LivelockTests {
  static let flip = """
    function step(ctx)
      local new = ctx.newRS
      if new.replicas == 1 then new:scale(2) else new:scale(1) end
    end
    """

  static func decisions(_ box: Sandbox) throws -> Int {
    try String(contentsOfFile: box.state + "/decisions.jsonl", encoding: .utf8)
      .split(separator: "\n").count
  }

  @Test func aFlipFloppingStrategyIsDegradedAndReportedLater() throws {
    let box = try Sandbox()
    try box.write("flip.lua", Self.flip)
    let run = try box.run([
      "--state", box.state, "--strategy", "flip.lua", "-o", "jsonl", Sandbox.example("web-v1.yaml"),
    ])
    #expect(run.status == 1, "\(run)")
    let summary = try run.summary()
    #expect(summary["result"]?.stringValue == "degraded")
    #expect(summary["reason"]?.stringValue == "Livelock")
    #expect(summary["exitCode"]?.intValue == 1)
    let message = try #require(summary["message"]?.stringValue)
    let name = try #require(try run.scaleLines().first?.replicaSet)
    #expect(message.hasPrefix("flip.lua changed its decision at each of 1000 passes at t=0s"))
    #expect(
      message.hasSuffix(
        "(livelock), alternating between: scale \(name) to 1; scale \(name) to 2"),
      "\(message)")
    let recorded = try Self.decisions(box)

    let status = try box.run(["status", "--state", box.state, "web"])
    #expect(status.status == 1, "\(status)")
    #expect(status.stdout.contains("deployment \"web\" is degraded (Livelock): \(message)"))
    let get = try box.run(["get", "--state", box.state, "web"])
    #expect(get.stdout.contains("Degraded (Livelock)"), "\(get)")
    // Neither asked the strategy again.
    #expect(try Self.decisions(box) == recorded)
  }

  @Test func theTextSummaryFollowsTheDegradedLine() throws {
    let box = try Sandbox()
    try box.write("flip.lua", Self.flip)
    let run = try box.run([
      "--state", box.state, "--strategy", "flip.lua", Sandbox.example("web-v1.yaml"),
    ])
    #expect(run.status == 1, "\(run)")
    let lines = run.stdout.split(separator: "\n").map(String.init)
    #expect(lines.suffix(2).first?.hasPrefix("deployment \"web\" is degraded (Livelock): ") == true)
    #expect(lines.last?.hasPrefix("  revision 1, 0s virtual") == true, "\(lines.suffix(3))")
    #expect(!run.stderr.contains("Error"), "\(run.stderr)")
  }
}
