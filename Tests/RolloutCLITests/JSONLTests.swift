import Engine
import Foundation
import Testing

/// `--output jsonl`: one JSON object per line, scale lines in order, one summary per deployment.
@Suite struct JSONLTests {
  /// web (rolling) and worker (recreate) in one multi-document manifest.
  func twoDeployments(_ box: Sandbox, workerAnnotations: String = "") throws -> String {
    let web = try String(contentsOfFile: Sandbox.example("web-v1.yaml"), encoding: .utf8)
    var worker = try String(contentsOfFile: Sandbox.example("recreate.yaml"), encoding: .utf8)
    if !workerAnnotations.isEmpty {
      worker = worker.replacingOccurrences(
        of: "  name: worker\n", with: "  name: worker\n  annotations:\n\(workerAnnotations)")
    }
    return try box.write("both.yaml", web + "---\n" + worker)
  }

  @Test func everyLineIsAnEventAndTheRunEndsWithSummaries() throws {
    let box = try Sandbox()
    let result = try box.run([try twoDeployments(box), "--state", box.state, "-o", "jsonl"])
    #expect(result.status == 0, "\(result)")
    let lines = try result.jsonLines()
    #expect(lines.allSatisfy { $0.type != nil && $0["time"]?.doubleValue != nil }, "\(result)")
    let events = lines.prefix { $0.type != "summary" }
    let summaries = lines.dropFirst(events.count)
    #expect(summaries.count == 2 && summaries.allSatisfy { $0.type == "summary" }, "\(result)")
    #expect(Set(summaries.compactMap { $0["deployment"]?.stringValue }) == ["web", "worker"])
    for summary in summaries {
      for key in ["revision", "duration", "peakPods", "minAvailable", "result", "exitCode"] {
        #expect(summary[key] != nil, "summary without \(key): \(summary)")
      }
    }
    let times = events.compactMap { $0["time"]?.doubleValue }
    #expect(times == times.sorted(), "events out of time order")
    let scales = lines.filter { $0.type == "scale" }
    #expect(scales.count == 2)
    for scale in scales {
      for key in ["deployment", "replicaSet", "revision", "from", "to"] {
        #expect(scale[key] != nil, "scale line without \(key): \(scale)")
      }
    }
    let byDeployment = Dictionary(
      grouping: scales, by: { $0["deployment"]?.stringValue ?? "" })
    #expect(byDeployment["web"]?.first?["to"]?.intValue == 10)
    #expect(byDeployment["worker"]?.first?["to"]?.intValue == 4)
  }

  @Test func exitCodeIsTheWorstOutcome() throws {
    let box = try Sandbox()
    try box.write("hold.lua", "function step(ctx) ctx:pause(\"Gate\") end\n")
    let manifest = try twoDeployments(
      box, workerAnnotations: "    rollout.dev/strategy: hold.lua\n")
    let result = try box.run([manifest, "--state", box.state, "-o", "jsonl"])
    #expect(result.status == 3, "\(result)")
    let summaries = try result.jsonLines().filter { $0.type == "summary" }
    let outcome = Dictionary(
      uniqueKeysWithValues: summaries.map {
        ($0["deployment"]?.stringValue ?? "", $0["result"]?.stringValue ?? "")
      })
    #expect(outcome == ["web": "complete", "worker": "paused"])
  }

  @Test func seededJitterIsDeterministic() throws {
    var runs: [[ScaleLine]] = []
    for _ in 0..<2 {
      let box = try Sandbox()
      _ = try box.run([Sandbox.example("web-v1.yaml"), "--state", box.state])
      let v2 = try box.run([
        Sandbox.example("web-v2.yaml"), "--state", box.state, "-o", "jsonl", "--ready-jitter", "3s",
        "--seed", "42",
      ])
      #expect(v2.status == 0, "\(v2)")
      runs.append(try v2.scaleLines())
    }
    #expect(runs[0] == runs[1])
    // Jitter makes pods Ready at uneven times: some scale happens off the 2 s grid.
    #expect(runs[0].contains { $0.time != $0.time.rounded() }, "\(runs[0])")
  }
}
