import Engine
import Foundation
import Testing

/// Exit 1: a strategy that fails or decides something impossible degrades the rollout, and
/// nothing that step decided is applied; fixing the script and applying again goes on.
@Suite struct StrategyFailureTests {
  struct Case: Sendable, CustomTestStringConvertible {
    var name: String
    var script: String
    /// What the degraded message must say (after the script's `file.lua:<line>:`).
    var line: Int
    var says: String
    var testDescription: String { name }
  }

  static let cases: [Case] = [
    Case(
      name: "runtime error after a scale",
      script: """
        function step(ctx)
          ctx.newRS:scale(1)
          local missing = #ctx.oldRSs == 0 and {} or nil
          return missing.field
        end
        """, line: 4, says: "attempt to index a nil value"),
    Case(
      name: "negative count",
      script: """
        function step(ctx)
          ctx.newRS:scale(#ctx.oldRSs > 0 and -1 or 1)
        end
        """, line: 2, says: "cannot be negative"),
    Case(
      name: "unknown ReplicaSet",
      script: """
        function step(ctx)
          ctx.newRS:scale(1)
          ctx.newRS.name = "ghost"
          ctx.newRS:scale(3)
        end
        """, line: 4, says: "unknown ReplicaSet \"ghost\""),
    Case(
      name: "absurd count",
      script: """
        function step(ctx)
          ctx.newRS:scale(2)
          ctx.newRS:scale(100000)
        end
        """, line: 3, says: "absurd"),
    Case(
      name: "memory exhausted",
      script: """
        function step(ctx)
          local s = #ctx.oldRSs > 0 and "x" or nil
          ctx.newRS:scale(1)
          while s do s = s .. s end
        end
        """, line: 4, says: "not enough memory (memory limit of 67108864 bytes exceeded)"),
    Case(
      name: "a host method called with a dot",
      script: """
        function step(ctx)
          if #ctx.oldRSs > 0 then ctx.newRS.scale(1) end
        end
        """, line: 2, says: "attempt to index a number value"),
  ]

  /// A script that fails at its very first step (here: a parameter it requires is missing)
  /// fails the rollout as a failure at any later step does: exit 1, Degraded (StrategyFailed),
  /// the script's message; applying again with the parameter completes it.
  @Test func failingAtTheFirstStepFailsLikeAnyStep() throws {
    let box = try Sandbox()
    let v1 = try box.run([Sandbox.example("web-v1.yaml"), "--state", box.state])
    #expect(v1.status == 0, "\(v1)")
    let script = try box.write(
      "needs.lua",
      """
      function step(ctx)
        if ctx.params.batch == nil then error("parameter batch is required", 0) end
        require("rollout.rolling").step(ctx)
      end
      """)
    let result = try box.run([
      "--strategy", script, Sandbox.example("web-v2.yaml"), "--state", box.state, "-o", "jsonl",
    ])
    #expect(result.status == 1, "\(result)")
    #expect(try result.summary()["reason"]?.stringValue == "StrategyFailed", "\(result)")
    #expect(
      try result.summary()["message"]?.stringValue?.contains("parameter batch is required") == true)
    #expect(try result.scaleLines().isEmpty, "\(result)")
    let fixed = try box.run([
      "--strategy", script, "--param", "batch=2", Sandbox.example("web-v2.yaml"), "--state",
      box.state,
    ])
    #expect(fixed.status == 0, "\(fixed)")
  }

  /// A valid strategy that reads the previous version on an update runs on the cluster as it
  /// is: nothing runs it first on a made-up snapshot without old ReplicaSets.
  @Test func aStrategyReadingTheOldReplicaSetOnAnUpdateRollsOut() throws {
    let box = try Sandbox()
    let v1 = try box.run([Sandbox.example("web-v1.yaml"), "--state", box.state])
    #expect(v1.status == 0, "\(v1)")
    let script = try box.write(
      "from-previous.lua",
      """
      function step(ctx)
        ctx:message("from " .. ctx.oldRSs[1].name)
        require("rollout.rolling").step(ctx)
      end
      """)
    let v2 = try box.run([
      "--strategy", script, Sandbox.example("web-v2.yaml"), "--state", box.state, "-o", "jsonl",
    ])
    #expect(v2.status == 0, "\(v2)")
    #expect(!v2.stdout.contains("preflight") && !v2.stderr.contains("preflight"), "\(v2)")
    #expect(try v2.summary()["result"]?.stringValue == "complete", "\(v2)")
  }

  @Test(arguments: cases)
  func degradesScalesNothingThenRecovers(_ failing: Case) throws {
    let box = try Sandbox()
    let v1 = try box.run([Sandbox.example("web-v1.yaml"), "--state", box.state])
    #expect(v1.status == 0, "\(v1)")
    let script = try box.write("step.lua", failing.script)

    let result = try box.run([
      "--strategy", script, Sandbox.example("web-v2.yaml"), "--state", box.state, "-o", "jsonl",
    ])
    #expect(result.status == 1, "\(result)")
    let lines = try result.jsonLines()
    let degraded = try #require(lines.firstIndex { $0.type == "degraded" }, "\(result)")
    let message = lines[degraded]["message"]?.stringValue ?? ""
    #expect(message.contains("step.lua:\(failing.line):"), "\(message)")
    #expect(message.contains(failing.says), "\(message)")
    #expect(lines[degraded]["reason"]?.stringValue == "StrategyFailed")
    // The failing step's decision is refused whole: no scale at all, before or after.
    #expect(try result.scaleLines().isEmpty, "\(result)")
    #expect(try result.summary()["result"]?.stringValue == "degraded")

    let get = try box.run(["get", "web", "--state", box.state])
    #expect(get.stdout.contains("Degraded (StrategyFailed)"), "\(get)")
    #expect(get.stdout.contains("step.lua:\(failing.line):"), "\(get)")
    #expect(get.stdout.contains("example/web:1.0"), "\(get)")

    // Applying the same broken script again fails the same way (and scales nothing).
    let again = try box.run([
      "--strategy", script, Sandbox.example("web-v2.yaml"), "--state", box.state, "-o", "jsonl",
    ])
    #expect(again.status == 1, "\(again)")
    #expect(try again.scaleLines().isEmpty)

    // Fixed: the operator applies again and the rollout resumes and completes.
    try box.write("step.lua", "local rolling = require \"rollout.rolling\"\nstep = rolling.step\n")
    let fixed = try box.run([
      "--strategy", script, Sandbox.example("web-v2.yaml"), "--state", box.state, "-o", "jsonl",
    ])
    #expect(fixed.status == 0, "\(fixed)")
    let summary = try fixed.summary()
    #expect(summary["revision"]?.intValue == 2)
    #expect(summary["result"]?.stringValue == "complete")
    #expect(try fixed.scaleLines().last.map { [$0.revision, $0.to] } == [1, 0])
    let healthy = try box.run(["get", "web", "--state", box.state])
    #expect(healthy.stdout.contains("Healthy"), "\(healthy)")
  }
}
