import Foundation
import Testing

/// `rollout replay`: the recorded decisions through the current strategy file.
@Suite struct ReplayTests {
  /// Rolling in batches of at most `batch` new pods.
  static func policy(batch: Int) -> String {
    """
    local rolling = require "rollout.rolling"

    function step(ctx)
      local new = ctx.newRS
      local target = rolling.newReplicas(ctx)
      if target > new.replicas then
        new:scale(math.min(target, new.replicas + \(batch)))
        return
      end
      rolling.step(ctx)
    end
    """
  }

  /// web:1.0 then web:2.0 rolled out by `policy.lua` in batches of 2.
  static func rolledWithPolicy() throws -> Sandbox {
    let box = try Sandbox()
    try box.write("policy.lua", policy(batch: 2))
    for manifest in ["web-v1.yaml", "web-v2.yaml"] {
      let result = try box.run([
        Sandbox.example(manifest), "--strategy", "policy.lua", "--state", box.state,
      ])
      #expect(result.status == 0, "\(result)")
    }
    return box
  }

  static func decisionCount(_ box: Sandbox) throws -> Int {
    try String(contentsOfFile: box.state + "/decisions.jsonl", encoding: .utf8)
      .split(separator: "\n").count
  }

  @Test func anUnchangedStrategyReplaysIdentically() throws {
    let box = try Self.rolledWithPolicy()
    let count = try Self.decisionCount(box)
    let result = try box.run(["replay", "web", "--state", box.state])
    #expect(result.status == 0, "\(result)")
    #expect(result.stdout == "\(count) decisions replayed through policy.lua, all identical\n")
  }

  @Test func aChangedStrategyFileReportsTheFirstDifference() throws {
    let box = try Self.rolledWithPolicy()
    try box.write("policy.lua", Self.policy(batch: 3))
    let result = try box.run(["replay", "web", "--state", box.state])
    #expect(result.status == 1, "\(result)")
    let lines = result.stdout.split(separator: "\n").map(String.init)
    #expect(lines.count == 4, "\(result)")
    // Revision 1's first step: batch 2 recorded, batch 3 now.
    #expect(
      lines[0].hasPrefix(
        "decision 1 of revision 1 at t=0s differs (recorded with policy.lua fnv1a64:"))
    #expect(lines[1] == "  first difference: decision.scale[1].replicas: recorded 2, replayed 3")
    #expect(lines[2].hasPrefix("  recorded: applied | scale: web-") && lines[2].hasSuffix(" 0->2"))
    #expect(lines[3].hasPrefix("  replayed: applied | scale: web-") && lines[3].hasSuffix(" 0->3"))

    let all = try box.run(["replay", "web", "--all", "--state", box.state])
    #expect(all.status == 1, "\(all)")
    let differing = all.stdout.components(separatedBy: " differs").count - 1
    #expect(differing > 1, "\(all)")
    let count = try Self.decisionCount(box)
    #expect(
      all.stdout.hasSuffix(
        "\(count) decisions replayed through policy.lua, \(differing) differ\n"))
  }

  @Test func replayThroughAnotherStrategy() throws {
    let box = try Self.rolledWithPolicy()
    // The stock rolling strategy surges 3 at once where the policy took 2.
    let stock = try box.run(["replay", "web", "--strategy", "rolling", "--state", box.state])
    #expect(stock.status == 1, "\(stock)")
    #expect(stock.stdout.contains("replayed: applied"))
    // An envelope-breaking script is reported as refused.
    try box.write("surge.lua", "function step(ctx) ctx.newRS:scale(100) end")
    let surge = try box.run([
      "replay", "web", "--strategy", "surge.lua", "--revision", "2", "--state", box.state,
    ])
    #expect(surge.status == 1, "\(surge)")
    #expect(surge.stdout.contains("replayed: refused | scale: "), "\(surge)")
    #expect(surge.stdout.contains("surge.lua:1: decision would run"), "\(surge)")
  }

  /// A strategy keeping floats (and integers) in `ctx.state`: `ctx.now + 1` is a Lua float.
  static let stateful = """
    local rolling = require "rollout.rolling"

    function step(ctx)
      ctx.state.t = ctx.now + OFFSET
      ctx.state.n = 1
      rolling.step(ctx)
    end
    """

  @Test func floatsInStateReplayIdenticallyAndADifferenceNamesTheField() throws {
    let box = try Sandbox()
    try box.write("state.lua", Self.stateful.replacingOccurrences(of: "OFFSET", with: "1"))
    for manifest in ["web-v1.yaml", "web-v2.yaml"] {
      let result = try box.run([
        Sandbox.example(manifest), "--strategy", "state.lua", "--state", box.state,
      ])
      #expect(result.status == 0, "\(result)")
    }
    let log = try String(contentsOfFile: box.state + "/decisions.jsonl", encoding: .utf8)
    // Written as their kind: t a float (the first step at t=0 stores 0.0 + 1), n an integer.
    #expect(log.contains(#""state":{"n":1,"t":1.0}"#), "\(log)")

    let same = try box.run(["replay", "web", "--state", box.state])
    #expect(same.status == 0, "\(same)")
    #expect(same.stdout.hasSuffix("all identical\n"), "\(same)")

    try box.write("state.lua", Self.stateful.replacingOccurrences(of: "OFFSET", with: "1.5"))
    let changed = try box.run(["replay", "web", "--state", box.state])
    #expect(changed.status == 1, "\(changed)")
    // Same scales and messages: only the state differs, and the report says where.
    #expect(
      changed.stdout.contains("  first difference: decision.state.t: recorded 1.0, replayed 1.5"),
      "\(changed)")
    let json = try box.run(["replay", "web", "--state", box.state, "-o", "jsonl"])
    let differs = try #require(try json.jsonLines().first { $0.type == "differs" })
    #expect(differs["path"]?.stringValue == "decision.state.t")
    #expect(differs["recordedValue"]?.stringValue == "1.0")
    #expect(differs["replayedValue"]?.stringValue == "1.5")
  }

  @Test func badInput() throws {
    let box = try Self.rolledWithPolicy()
    let missing = try box.run(["replay", "nope", "--state", box.state])
    #expect(missing.status == 2)
    let strategy = try box.run(["replay", "web", "--strategy", "nope.lua", "--state", box.state])
    #expect(strategy.status == 2)
    #expect(strategy.stderr.contains("--strategy"), "\(strategy)")
  }
}
