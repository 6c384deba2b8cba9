import Engine
import Foundation
import Testing

/// Analysis end to end through the built binary on the simulated cluster: `--metric` stands in
/// for the template's Prometheus; a failed run aborts (exit 1, naming the metric and value),
/// an inconclusive one pauses for `rollout promote`, `rollout retry` runs it again; the runs
/// show in `get` and `history --decisions`, and `replay` re-runs the strategy on what it saw.
@Suite struct AnalysisTests {
  let rule = "example/web:2.*:error-rate"

  @Test func aFailedRunAbortsNamingTheMetricAndARetryPasses() throws {
    let box = try Sandbox()
    let (v1, v2) = try AnalysisManifests.write(box, metric: AnalysisManifests.errorRate())
    #expect(try box.run([v1, "--state", box.state]).status == 0)
    let failed = try box.run([v2, "--state", box.state, "--metric", "\(rule)=0.3"])
    #expect(failed.stdout.contains("aborted"), "\(failed)")
    #expect(failed.stdout.contains("was aborted and is back on its stable version"), "\(failed)")
    #expect(
      failed.stdout.contains(
        "metric \"error-rate\" assessed Failed due to failed (1) > failureLimit (0); last value [0.3]"
      ), "\(failed)")

    let get = try box.run(["get", "web", "--state", box.state])
    #expect(get.stdout.contains("(step-2) ✖ Failed"), "\(get)")
    #expect(get.stdout.contains("error-rate   ✖ Failed       1 measured: [0.3] ✖"), "\(get)")
    let history = try box.run(["history", "web", "--decisions", "--state", box.state])
    #expect(history.stdout.contains("MEASUREMENTS"), "\(history)")
    #expect(history.stdout.contains("step-2 Failed: error-rate=[0.3] Failed×1"), "\(history)")
    let replay = try box.run(["replay", "web", "--state", box.state])
    #expect(replay.status == 0, "\(replay)")
    #expect(replay.stdout.contains("all identical"), "\(replay)")

    // retry starts the analysis afresh; the new version now measures well.
    let retried = try box.run(["retry", "web", "--state", box.state, "--metric", "\(rule)=0.01"])
    #expect(retried.status == 0, "\(retried)")
    let after = try box.run(["get", "web", "--state", box.state])
    #expect(after.stdout.contains("(step-2) ✔ Successful"), "\(after)")
    #expect(after.stdout.contains("3 measured: [0.01] ✔, [0.01] ✔, [0.01] ✔"), "\(after)")
  }

  @Test func anInconclusiveRunPausesForAPersonAndPromoteGoesOn() throws {
    let box = try Sandbox()
    let (v1, v2) = try AnalysisManifests.write(box, metric: AnalysisManifests.errorRate())
    #expect(try box.run([v1, "--state", box.state]).status == 0)
    let paused = try box.run([v2, "--state", box.state, "--metric", "\(rule)=0.07", "-o", "jsonl"])
    #expect(paused.status == 3, "\(paused)")
    #expect(try paused.summary()["reason"]?.stringValue == "InconclusiveAnalysisRun")
    let promoted = try box.run(["promote", "web", "--state", box.state])
    #expect(promoted.status == 0, "\(promoted)")
    #expect(promoted.stdout.contains("successfully rolled out"), "\(promoted)")
  }

  @Test func badTemplatesAreBadInputAndApplyNothing() throws {
    let box = try Sandbox()
    let (v1, _) = try AnalysisManifests.write(box, metric: AnalysisManifests.errorRate())
    #expect(try box.run([v1, "--state", box.state]).status == 0)
    let before = try box.storeFiles()

    let missing = try box.write(
      "missing.yaml",
      AnalysisManifests.app(image: "example/web:2.0", metric: AnalysisManifests.errorRate())
        .replacingOccurrences(of: "name: health\n", with: "name: other\n"))
    let refused = try box.run([missing, "--state", box.state])
    #expect(refused.status == 2, "\(refused)")
    #expect(
      refused.stderr.contains(
        "params.steps[1].analysis.templates[0].templateName: no AnalysisTemplate \"health\""),
      "\(refused)")

    let syntax = try box.write(
      "syntax.yaml",
      AnalysisManifests.app(image: "example/web:2.0", metric: AnalysisManifests.errorRate())
        .replacingOccurrences(of: "result[0] < 0.05", with: "result[0] < )"))
    let bad = try box.run([syntax, "--state", box.state])
    #expect(bad.status == 2, "\(bad)")
    #expect(bad.stderr.contains("spec.metrics[0].successCondition: column 13"), "\(bad)")
    #expect(try box.storeFiles() == before)
  }

  @Test func anUnreachableProviderErrorsUntilItsLimitNeverASilentSuccess() throws {
    let box = try Sandbox()
    // Port 1 on loopback: nothing listens; the rollout runs on the wall clock, sped up.
    let metric = AnalysisManifests.errorRate(
      provider: "prometheus: {address: \"http://127.0.0.1:1\", query: up, timeout: 2}",
      interval: "2s", errorLimit: 1)
    let (v1, v2) = try AnalysisManifests.write(box, metric: metric)
    #expect(try box.run([v1, "--state", box.state]).status == 0)
    let result = try box.run([v2, "--state", box.state, "--speed", "20"])
    #expect(result.status == 1, "\(result)")
    #expect(
      result.stdout.contains("consecutiveErrors (2) > consecutiveErrorLimit (1)"), "\(result)")
    #expect(result.stdout.contains("127.0.0.1:1"), "\(result)")
  }

  @Test func simulateMarksAnalysisRunsAndTheirOutcomeOnTheChart() throws {
    let box = try Sandbox()
    let (v1, _) = try AnalysisManifests.write(box, metric: AnalysisManifests.errorRate())
    let chart = box.path("chart.svg")
    let passed = try box.run([
      "simulate", v1, "--image", "web=example/web:2.0", "--metric", "\(rule)=0.01", "--chart",
      chart,
    ])
    #expect(passed.status == 0, "\(passed)")
    let good = try String(contentsOfFile: chart, encoding: .utf8)
    #expect(good.contains("data-run=\"web-"), "\(good)")
    #expect(good.contains("data-phase=\"Successful\""))
    let failed = try box.run([
      "simulate", v1, "--image", "web=example/web:2.0", "--metric", "\(rule)=0.5", "--chart",
      chart,
    ])
    #expect(failed.stdout.contains("aborted"), "\(failed)")
    let bad = try String(contentsOfFile: chart, encoding: .utf8)
    #expect(bad.contains("data-phase=\"Failed\""), "\(bad)")
    #expect(!bad.contains("data-phase=\"Successful\""))
  }

  @Test func evalShowsTheAnalysisAStepRequests() throws {
    let box = try Sandbox()
    let script = try box.write(
      "judge.lua",
      """
      function step(ctx)
        ctx:analyze("x", {templates = {"t"}, args = {service = "web", n = 3}})
        ctx:message(ctx.analysis.x.phase)
      end
      """)
    let result = try box.run([
      "eval", "--strategy", script, "--snapshot", Sandbox.example("snapshot.yaml"),
    ])
    #expect(result.status == 0, "\(result)")
    let decision = try JSONValue(yaml: result.stdout)
    #expect(decision["message"] == "Pending")
    let request = decision["analyses"]?.arrayValue?.first
    #expect(request?["label"] == "x")
    #expect(request?["origin"] == "judge.lua:2")
    #expect(
      request?["args"]
        == .array([
          .object(["name": "n", "value": "3"]), .object(["name": "service", "value": "web"]),
        ]))
  }
}
