import Engine
import Foundation
import Testing

/// The decision log through the binary: `<store>/decisions.jsonl` filled while rollouts run,
/// `rollout history NAME --decisions` showing it, and the safety envelope stopping a script.
@Suite struct DecisionHistoryTests {
  /// A sandbox where web:1.0 then web:2.0 are rolled out with the stock rolling strategy.
  static func rolledTwice() throws -> Sandbox {
    let box = try Sandbox()
    for manifest in ["web-v1.yaml", "web-v2.yaml"] {
      let result = try box.run([Sandbox.example(manifest), "--state", box.state])
      #expect(result.status == 0, "\(result)")
    }
    return box
  }

  static func records(_ box: Sandbox) throws -> [DecisionRecord] {
    let text = try String(contentsOfFile: box.state + "/decisions.jsonl", encoding: .utf8)
    return try text.split(separator: "\n").map { try DecisionRecord(line: String($0)) }
  }

  @Test func everyDecisionIsAppendedWithItsInputsAndOutcome() throws {
    let box = try Self.rolledTwice()
    let records = try Self.records(box)
    #expect(records.allSatisfy { $0.deployment == "web" && $0.namespace == "default" })
    #expect(records.allSatisfy { $0.outcome == .applied })
    #expect(records.allSatisfy { $0.strategy.identity == "stock:rolling" })
    #expect(records.allSatisfy { $0.snapshotDigest == DecisionRecord.digest(of: $0.snapshot) })
    for revision in [1, 2] {
      let steps = records.filter { $0.revision == revision }.map(\.step)
      #expect(steps == Array(1...max(1, steps.count)), "revision \(revision): \(steps)")
    }
    let firstOfTwo = try #require(records.first { $0.revision == 2 })
    #expect(firstOfTwo.decision?.scale.map(\.replicas) == [3])
    #expect(firstOfTwo.snapshot.oldReplicaSets.map(\.replicas) == [10])
    #expect(records.last?.decision?.complete == true)
  }

  @Test func historyListsTheDecisions() throws {
    let box = try Self.rolledTwice()
    let records = try Self.records(box)
    let result = try box.run(["history", "web", "--decisions", "--state", box.state])
    #expect(result.status == 0, "\(result)")
    let lines = result.stdout.split(separator: "\n").map(String.init)
    // Every recorded step is on a row; a run of identical waiting decisions is one row (`4-7`).
    #expect(Self.stepsCovered(lines) == records.count, "\(result.stdout)")
    #expect(lines.contains { $0.contains("waiting") && Self.steps(of: $0) > 1 })
    let header = try #require(lines.first)
    #expect(header.hasPrefix("TIME"))
    for column in ["REVISION", "STEP", "OUTCOME", "SCALE", "MESSAGE / ERROR"] {
      #expect(header.contains(column))
    }
    let new = try #require(records.first { $0.revision == 2 }?.decision?.scale.first).replicaSet
    #expect(
      lines.contains {
        $0.hasPrefix("t=2s") && $0.contains(" 2 ") && $0.contains("applied")
          && $0.contains("\(new) 0->3") && $0.contains("scaled up \(new) to 3")
      }, "\(result.stdout)")

    let second = try box.run([
      "history", "web", "--decisions", "--revision", "2", "--state", box.state,
    ])
    #expect(second.status == 0, "\(second)")
    #expect(
      Self.stepsCovered(second.stdout.split(separator: "\n").map(String.init))
        == records.filter { $0.revision == 2 }.count)
  }

  /// How many steps a table row stands for: its STEP column, `3` (one) or `4-7` (four).
  static func steps(of row: String) -> Int {
    let cells = row.split(separator: " ", omittingEmptySubsequences: true)
    let bounds = cells.count > 2 ? cells[2].split(separator: "-").compactMap { Int($0) } : []
    guard let first = bounds.first, let last = bounds.last, first <= last else { return 0 }
    return last - first + 1
  }

  /// How many recorded steps the table's rows (after the header) stand for.
  static func stepsCovered(_ lines: [String]) -> Int {
    lines.dropFirst().reduce(0) { $0 + steps(of: $1) }
  }

  @Test func aScriptThatDoublesTheReplicasIsStoppedAndLogged() throws {
    let box = try Sandbox()
    #expect(try box.run([Sandbox.example("web-v1.yaml"), "--state", box.state]).status == 0)
    try box.write(
      "surge.lua",
      """
      function step(ctx)
        local new = ctx.newRS
        new:scale(2 * ctx.deployment.replicas)
      end
      """)
    let result = try box.run([
      Sandbox.example("web-v2.yaml"), "--strategy", "surge.lua", "--state", box.state,
    ])
    #expect(result.status == 1, "\(result)")
    let message =
      "surge.lua:3: decision would run 30 pods, above the envelope of replicas + maxSurge = 13 (maxSurge 3, from the manifest)"
    #expect(result.stdout.contains("degraded (EnvelopeViolation): \(message)"), "\(result)")
    #expect(!result.stdout.contains("scaled web-"), "nothing scaled: \(result)")

    let record = try #require(try Self.records(box).last)
    #expect(record.revision == 2)
    #expect(record.step == 1)
    #expect(record.outcome.result == .refused)
    #expect(record.outcome.error == message)
    #expect(record.strategy.name == "surge.lua")

    let history = try box.run(["history", "web", "--decisions", "--state", box.state])
    let last = try #require(history.stdout.split(separator: "\n").last)
    #expect(last.contains("refused") && last.contains(" 0->20") && last.contains(message))
  }

  @Test func noDecisionsYet() throws {
    let box = try Sandbox()
    #expect(try box.run([Sandbox.example("web-v1.yaml"), "--state", box.state]).status == 0)
    try FileManager.default.removeItem(atPath: box.state + "/decisions.jsonl")
    let result = try box.run(["history", "web", "--decisions", "--state", box.state])
    #expect(result.status == 0)
    #expect(result.stdout == "no decisions recorded for deployment \"web\"\n")
  }
}
