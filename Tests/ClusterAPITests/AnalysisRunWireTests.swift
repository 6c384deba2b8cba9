import Engine
import Foundation
import Testing

@testable import ClusterAPI

/// An engine `AnalysisRun` in Argo's wire form: metadata, the resolved metrics as `spec`, and
/// the status with each metric's counts and measurements on the served clock.
@Suite struct AnalysisRunWireTests {
  /// Unix seconds at cluster time 0: 2023-11-14T22:13:20Z.
  static let epoch = 1_700_000_000.0
  static let encoding = WireEncoding(clock: WireClock(epoch: epoch))
  static let owner = AnalysisRunOwner(
    apiVersion: "argoproj.io/v1alpha1", kind: "Rollout", name: "shop", namespace: "prod",
    uid: "uid-shop")

  /// A completed run: `error-rate` failed after three measurements (one an error), `latency`
  /// terminated as Successful.
  static func failedRun() -> AnalysisRun {
    let errorRate = AnalysisMetric(
      name: "error-rate", interval: "30s", count: .int(3),
      successCondition: "result[0] < 0.05", failureLimit: .int(0),
      provider: MetricProviderSpec(
        prometheus: PrometheusMetric(address: "http://prom:9090", query: "rate(errors[1m])")))
    let latency = AnalysisMetric(
      name: "latency", provider: MetricProviderSpec(simulated: SimulatedMetric(metric: "p99")))
    var run = AnalysisRun(
      name: "shop-6d4f8b7c9-2-step-1", label: "step-1", revision: 2, subject: "shop-6d4f8b7c9",
      templates: ["error-rate", "latency"], metrics: [errorRate, latency], startedAt: 100)
    run.results[0].phase = .failed
    run.results[0].count = 2
    run.results[0].successful = 1
    run.results[0].failed = 1
    run.results[0].error = 1
    run.results[0].consecutiveError = 0
    run.results[0].message = "failed (1) > failureLimit (0)"
    run.results[0].measurements = [
      Engine.Measurement(phase: .successful, value: "[0.01]", at: 100),
      Engine.Measurement(phase: .error, value: nil, at: 130, message: "connection refused"),
      Engine.Measurement(phase: .failed, value: "[0.2]", at: 160),
    ]
    run.results[1].phase = .successful
    run.results[1].message = "run terminated"
    run.phase = .failed
    run.message = "metric \"error-rate\" assessed Failed due to failed (1) > failureLimit (0)"
    run.finishedAt = 160
    run.terminated = true
    return run
  }

  @Test func metadataNamesTheRunItsRolloutAndTheAnalysedHash() throws {
    let object = Self.encoding.analysisRun(
      Self.failedRun(), owner: Self.owner, podTemplateHash: "6d4f8b7c9")
    #expect(object["apiVersion"] == "argoproj.io/v1alpha1")
    #expect(object["kind"] == "AnalysisRun")
    let metadata = try #require(object["metadata"])
    #expect(metadata["name"] == "shop-6d4f8b7c9-2-step-1")
    #expect(metadata["namespace"] == "prod")
    #expect(metadata["creationTimestamp"] == "2023-11-14T22:15:00Z")
    #expect(metadata["labels"] == ["rollouts-pod-template-hash": "6d4f8b7c9"])
    #expect(metadata["annotations"]?["rollout.argoproj.io/revision"] == "2")
    let owner = try #require(metadata["ownerReferences"]?.arrayValue?.first)
    #expect(owner["kind"] == "Rollout")
    #expect(owner["apiVersion"] == "argoproj.io/v1alpha1")
    #expect(owner["name"] == "shop")
    #expect(owner["uid"] == "uid-shop")
    #expect(owner["controller"] == true)
    #expect(Self.owner.owns(object))
    let other = AnalysisRunOwner(
      apiVersion: "apps/v1", kind: "Deployment", name: "shop", namespace: "prod", uid: nil)
    #expect(!other.owns(object))
    let unknown = Self.encoding.analysisRun(
      Self.failedRun(), owner: Self.owner, podTemplateHash: nil)
    #expect(unknown["metadata"]?["labels"] == nil)
  }

  @Test func specHoldsTheResolvedMetricsInArgosFields() throws {
    let object = Self.encoding.analysisRun(
      Self.failedRun(), owner: Self.owner, podTemplateHash: nil)
    let metrics = try #require(object["spec"]?["metrics"]?.arrayValue)
    #expect(metrics.count == 2)
    #expect(metrics[0]["name"] == "error-rate")
    #expect(metrics[0]["interval"] == "30s")
    #expect(metrics[0]["count"] == 3)
    #expect(metrics[0]["failureLimit"] == 0)
    #expect(metrics[0]["successCondition"] == "result[0] < 0.05")
    #expect(metrics[0]["provider"]?["prometheus"]?["query"] == "rate(errors[1m])")
    #expect(metrics[1]["interval"] == nil)
    #expect(object["spec"]?["terminate"] == true)
  }

  @Test func statusHasThePhaseMessageAndEachMetricsCounts() throws {
    let run = Self.failedRun()
    let status = try #require(
      Self.encoding.analysisRun(run, owner: Self.owner, podTemplateHash: nil)["status"])
    #expect(status["phase"] == "Failed")
    #expect(status["message"]?.stringValue == run.message)
    #expect(status["startedAt"] == "2023-11-14T22:15:00Z")
    #expect(status["completedAt"] == "2023-11-14T22:16:00Z")
    #expect(
      status["runSummary"]
        == ["count": 2, "successful": 1, "failed": 1, "inconclusive": 0, "error": 0])
    let results = try #require(status["metricResults"]?.arrayValue)
    #expect(results.count == 2)
    let expected: [(field: String, errorRate: JSONValue, latency: JSONValue)] = [
      ("name", "error-rate", "latency"), ("phase", "Failed", "Successful"),
      ("count", 2, 0), ("successful", 1, 0), ("failed", 1, 0), ("inconclusive", 0, 0),
      ("error", 1, 0), ("consecutiveError", 0, 0),
      ("message", "failed (1) > failureLimit (0)", "run terminated"),
    ]
    for row in expected {
      #expect(results[0][row.field] == row.errorRate, "error-rate \(row.field)")
      #expect(results[1][row.field] == row.latency, "latency \(row.field)")
    }
    #expect(results[1]["measurements"] == .array([]))
  }

  /// Each measurement: its phase, value and message, started (and, once completed, finished)
  /// at the time it was taken.
  @Test(
    arguments: [
      (
        Engine.Measurement(phase: .successful, value: "[0.01]", at: 100), "Successful", "[0.01]",
        nil,
        "2023-11-14T22:15:00Z", true
      ),
      (
        Engine.Measurement(phase: .error, value: nil, at: 130, message: "connection refused"),
        "Error",
        nil, "connection refused", "2023-11-14T22:15:30Z", true
      ),
      (
        Engine.Measurement(phase: .failed, value: "NaN", at: 3_661.5), "Failed", "NaN", nil,
        "2023-11-14T23:14:21Z", true
      ),
      (
        Engine.Measurement(phase: .running, value: nil, at: 0), "Running", nil, nil,
        "2023-11-14T22:13:20Z", false
      ),
    ] as [(Engine.Measurement, String, String?, String?, String, Bool)])
  func measurementsAreArgosMeasurements(
    measurement: Engine.Measurement, phase: String, value: String?, message: String?, time: String,
    finished: Bool
  ) throws {
    var run = Self.failedRun()
    run.results[0].measurements = [measurement]
    let object = Self.encoding.analysisRun(run, owner: Self.owner, podTemplateHash: nil)
    let wire = try #require(
      object["status"]?["metricResults"]?.arrayValue?.first?["measurements"]?.arrayValue?.first)
    #expect(wire["phase"]?.stringValue == phase)
    #expect(wire["value"]?.stringValue == value)
    #expect(wire["message"]?.stringValue == message)
    #expect(wire["startedAt"]?.stringValue == time)
    #expect(wire["finishedAt"]?.stringValue == (finished ? time : nil))
  }

  @Test(
    arguments: [
      (nil, 0), ("", 0), ("{\"phase\":\"Healthy\"}", 0), ("not json", 0),
    ] as [(String?, Int)])
  func aStateWithoutRunsHasNone(text: String?, count: Int) {
    #expect(ServedState.runs(inState: text).count == count)
  }

  @Test func aStateWithRunsHasThemInOrder() throws {
    var state = RolloutState(phase: .progressing, revision: 2)
    var second = Self.failedRun()
    second.name = "shop-6d4f8b7c9-2-background"
    state.analysisRuns = [Self.failedRun(), second]
    let text = String(decoding: try ExactJSON.encode(state), as: UTF8.self)
    let runs = ServedState.runs(inState: text)
    #expect(runs.map(\.name) == ["shop-6d4f8b7c9-2-step-1", "shop-6d4f8b7c9-2-background"])
    #expect(runs.first == Self.failedRun())
  }
}
