import Engine
import Foundation
import Testing

/// Strategies written by users: `examples/strategies/batches.lua` and pauses.
@Suite struct CustomStrategyTests {
  /// A sandbox where web:1.0 is rolled out.
  func webAtV1() throws -> Sandbox {
    let box = try Sandbox()
    let v1 = try box.run([Sandbox.example("web-v1.yaml"), "--state", box.state])
    #expect(v1.status == 0, "\(v1)")
    return box
  }

  @Test func batchesGrowTheNewReplicaSetTwoAtATimeAndBakeAMinute() throws {
    let box = try webAtV1()
    let result = try box.run([
      "--strategy", Sandbox.example("strategies/batches.lua"), "--param", "batch=2", "--param",
      "bake=1m", Sandbox.example("web-v2.yaml"), "--state", box.state, "-o", "jsonl",
    ])
    #expect(result.status == 0, "\(result)")
    let lines = try result.jsonLines()
    let growth = try result.scaleLines().filter { $0.revision == 2 && $0.to > $0.from }
    #expect(!growth.isEmpty)
    #expect(growth.allSatisfy { $0.to - $0.from <= 2 }, "\(growth)")
    #expect(growth.last?.to == 10)
    let paused = try #require(lines.first { $0.type == "paused" })
    let resumed = try #require(lines.first { $0.type == "resumed" })
    #expect(paused["reason"]?.stringValue == "Baking")
    let pausedAt = try #require(paused["time"]?.doubleValue)
    #expect(paused["until"]?.doubleValue == pausedAt + 60)
    #expect(resumed["time"]?.doubleValue == pausedAt + 60)
    // Nothing scaled while baking.
    let duringBake = try result.scaleLines().filter {
      $0.time > pausedAt && $0.time < pausedAt + 60
    }
    #expect(duringBake.isEmpty)
    let summary = try result.summary()
    #expect(try #require(summary["duration"]?.doubleValue) >= 60)
    #expect(summary["result"]?.stringValue == "complete")
  }

  @Test func strategyAndParamsFromAnnotations() throws {
    let box = try webAtV1()
    let manifest = try box.copy(
      example: "web-v2.yaml", to: "web-v2-annotated.yaml",
      replacing: [
        (
          "  annotations:\n",
          "  annotations:\n    rollout.dev/strategy: \(Sandbox.example("strategies/batches.lua"))\n"
            + "    rollout.dev/strategy-params: '{batch: 1, bake: 30s}'\n"
        )
      ])
    // --param overrides one key of the annotation; the other is kept.
    let result = try box.run([manifest, "--param", "batch=2", "--state", box.state, "-o", "jsonl"])
    #expect(result.status == 0, "\(result)")
    let growth = try result.scaleLines().filter { $0.revision == 2 && $0.to > $0.from }
    #expect(growth.contains { $0.to - $0.from == 2 }, "batch=2 from --param: \(growth)")
    #expect(growth.allSatisfy { $0.to - $0.from <= 2 })
    let paused = try #require(try result.jsonLines().first { $0.type == "paused" })
    #expect(paused["until"]?.doubleValue == (paused["time"]?.doubleValue ?? 0) + 30)
  }

  @Test func pauseWithoutDurationExitsThreeAndShowsPaused() throws {
    let box = try webAtV1()
    let script = try box.write(
      "hold.lua",
      """
      function step(ctx)
        ctx:pause("Waiting")
      end
      """)
    let result = try box.run([
      "--strategy", script, Sandbox.example("web-v2.yaml"), "--state", box.state,
    ])
    #expect(result.status == 3, "\(result)")
    #expect(result.stdout.contains("deployment \"web\" is paused (Waiting)"), "\(result)")
    let get = try box.run(["get", "web", "--state", box.state])
    #expect(get.status == 0, "\(get)")
    #expect(get.stdout.contains("Paused (Waiting)"), "\(get)")
    let status = try box.run(["status", "web", "--no-watch", "--state", box.state])
    #expect(status.status == 3, "\(status)")
  }

  @Test func timedPauseFinishesOnTheVirtualClock() throws {
    let box = try webAtV1()
    let script = try box.write(
      "bake.lua",
      """
      local rolling = require "rollout.rolling"
      function step(ctx)
        if not ctx.state.baked then
          ctx.state.baked = true
          ctx:pause("Bake", 600)
          return
        end
        rolling.step(ctx)
      end
      """)
    let result = try box.run([
      "--strategy", script, Sandbox.example("web-v2.yaml"), "--state", box.state, "-o", "jsonl",
    ])
    #expect(result.status == 0, "\(result)")
    let summary = try result.summary()
    #expect(try #require(summary["duration"]?.doubleValue) >= 600)
    #expect(summary["revision"]?.intValue == 2)
    #expect(
      try result.jsonLines().contains {
        $0.type == "resumed" && $0["reason"]?.stringValue == "Bake"
      })
  }
}
