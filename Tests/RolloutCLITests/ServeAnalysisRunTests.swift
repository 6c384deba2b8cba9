import Engine
import Foundation
import Testing

/// `kubectl get analysisruns` on `rollout serve`: the runs in a Rollout's state served as Argo
/// `AnalysisRun`s. The server stores Rollouts as written (`--rollouts external`), so the test
/// writes the state with kubectl as a controller would.
@Suite(.serialized) struct ServeAnalysisRunTests {
  static let runName = "shop-6d4f8b7c9-2-step-1"

  /// A state holding one run: `error-rate` measured `values` (judged failed from 0.1 up), the
  /// run and metric in `phase`.
  static func state(values: [Double], phase: AnalysisPhase) throws -> String {
    let metric = AnalysisMetric(
      name: "error-rate", interval: "10s", count: .int(values.count),
      successCondition: "result < 0.1", failureLimit: .int(0),
      provider: MetricProviderSpec(
        prometheus: PrometheusMetric(address: "http://prometheus:9090", query: "errors")))
    var run = AnalysisRun(
      name: runName, label: "step-1", revision: 2, subject: "shop-6d4f8b7c9",
      templates: ["error-rate"], metrics: [metric], startedAt: 30)
    for (index, value) in values.enumerated() {
      let verdict: AnalysisPhase = value < 0.1 ? .successful : .failed
      run.results[0].measurements.append(
        Engine.Measurement(phase: verdict, value: String(value), at: 30 + Double(index) * 10))
      run.results[0].count += 1
      if verdict == .successful {
        run.results[0].successful += 1
      } else {
        run.results[0].failed += 1
      }
    }
    run.results[0].phase = phase
    run.phase = phase
    if phase == .failed {
      run.message = "metric \"error-rate\" assessed Failed due to failed (1) > failureLimit (0)"
    }
    var state = RolloutState(phase: .progressing, revision: 2)
    state.analysisRuns = [run]
    return String(decoding: try ExactJSON.encode(state), as: UTF8.self)
  }

  static func rollout(state: String) throws -> String {
    let object: JSONValue = [
      "apiVersion": "argoproj.io/v1alpha1", "kind": "Rollout",
      "metadata": ["name": "shop", "annotations": [RolloutState.annotation: .string(state)]],
      "spec": [
        "replicas": 1, "selector": ["matchLabels": ["app": "shop"]],
        "template": [
          "metadata": ["labels": ["app": "shop"]],
          "spec": ["containers": [["name": "shop", "image": "example/shop:2.0"]]],
        ],
        "strategy": ["canary": ["steps": [["setWeight": 20]]]],
      ],
    ]
    return try object.exactText()
  }

  @Test func kubectlListsAndShowsTheRunsOfARolloutsState() throws {
    let served = try ServeKubectlTests.Served(extra: ["--rollouts", "external"])
    let none = try served.kubectl(["get", "analysisruns"])
    #expect(none.status == 0, "\(none.stderr)")
    #expect(none.stderr.contains("No resources found in default namespace."), "\(none.stderr)")

    let resources = try served.kubectl(["api-resources", "--api-group=argoproj.io"])
    #expect(resources.status == 0, "\(resources.stderr)")
    let line = resources.stdout.split(separator: "\n").first { $0.hasPrefix("analysisruns ") }
    let fields = line.map { $0.split(separator: " ").map(String.init) } ?? []
    #expect(
      fields == ["analysisruns", "ar", "argoproj.io/v1alpha1", "true", "AnalysisRun"],
      "\(resources.stdout)")

    let failed = try Self.state(values: [0.01, 0.5], phase: .failed)
    let applied = try served.kubectl(["apply", "-f", "-"], input: try Self.rollout(state: failed))
    #expect(applied.status == 0, "\(applied.stderr)")

    let list = try served.kubectl(["get", "analysisruns"])
    #expect(list.status == 0, "\(list.stderr)")
    let rows = list.stdout.split(separator: "\n").map {
      $0.split(separator: " ").map(String.init)
    }
    #expect(rows.first == ["NAME", "STATUS", "AGE"], "\(list.stdout)")
    #expect(rows.dropFirst().map { Array($0.prefix(2)) } == [[Self.runName, "Failed"]])
    let short = try served.kubectl(["get", "ar", "-o", "wide"])
    #expect(short.status == 0, "\(short.stderr)")
    #expect(short.stdout.contains("METRICS"), "\(short.stdout)")
    #expect(short.stdout.contains("error-rate=Failed"), "\(short.stdout)")
    let selected = try served.kubectl([
      "get", "ar", "-l", "rollouts-pod-template-hash=6d4f8b7c9", "-o", "name",
    ])
    #expect(selected.stdout == "analysisrun.argoproj.io/\(Self.runName)\n", "\(selected.stderr)")

    let shown = try served.kubectl(["get", "analysisrun", Self.runName, "-o", "json"])
    #expect(shown.status == 0, "\(shown.stderr)")
    let run = try JSONValue(exactText: shown.stdout)
    #expect(run["kind"] == "AnalysisRun")
    #expect(run["apiVersion"] == "argoproj.io/v1alpha1")
    let owner = run["metadata"]?["ownerReferences"]?.arrayValue?.first
    #expect(owner?["kind"] == "Rollout")
    #expect(owner?["name"] == "shop")
    #expect(owner?["controller"] == true)
    #expect(run["metadata"]?["labels"]?["rollouts-pod-template-hash"] == "6d4f8b7c9")
    #expect(run["metadata"]?["creationTimestamp"] == run["status"]?["startedAt"])
    #expect(run["spec"]?["metrics"]?.arrayValue?.first?["successCondition"] == "result < 0.1")
    let status = run["status"]
    #expect(status?["phase"] == "Failed")
    #expect(status?["message"]?.stringValue?.hasPrefix("metric \"error-rate\"") == true)
    let result = status?["metricResults"]?.arrayValue?.first
    #expect(result?["name"] == "error-rate")
    #expect(result?["phase"] == "Failed")
    #expect(result?["count"] == 2)
    #expect(result?["successful"] == 1)
    #expect(result?["failed"] == 1)
    #expect(result?["consecutiveError"] == 0)
    let measurements = result?["measurements"]?.arrayValue ?? []
    #expect(measurements.map { $0["value"] } == ["0.01", "0.5"])
    #expect(measurements.map { $0["phase"] } == ["Successful", "Failed"])
    #expect(measurements.allSatisfy { $0["startedAt"] != nil && $0["finishedAt"] != nil })

    let deleted = try served.kubectl(["delete", "ar", Self.runName])
    #expect(deleted.status != 0)
    #expect(deleted.stderr.contains("MethodNotAllowed"), "\(deleted.stderr)")

    let passed = try Self.state(values: [0.01, 0.02], phase: .successful)
    let annotated = try served.kubectl([
      "annotate", "rollout", "shop", "--overwrite", "\(RolloutState.annotation)=\(passed)",
    ])
    #expect(annotated.status == 0, "\(annotated.stderr)")
    let phase = try served.kubectl([
      "get", "ar", Self.runName, "-o",
      "jsonpath={.status.phase} {.status.metricResults[0].successful}",
    ])
    #expect(phase.stdout == "Successful 2", "\(phase.stderr)")

    let gone = try served.kubectl(["delete", "rollout", "shop"])
    #expect(gone.status == 0, "\(gone.stderr)")
    let after = try served.kubectl(["get", "ar", Self.runName])
    #expect(after.status != 0)
    #expect(after.stderr.contains("NotFound"), "\(after.stderr)")
    _ = try served.stop()
  }
}
