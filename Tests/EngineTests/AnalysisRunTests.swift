import Engine
import Testing

/// Argo Rollouts' rules for measuring and assessing an analysis run (analysis/analysis.go), as
/// tables: a metric's phase from its counts and limits, when measurements are due, how errors
/// count, and the run's phase from its metrics'.
@Suite struct AnalysisRunTests {
  /// A provider answering a scripted list of values (nil: an error), one per measurement.
  final class Scripted: MetricProvider, @unchecked Sendable {
    var answers: [Double?]
    var asked = 0
    init(_ answers: [Double?]) { self.answers = answers }
    func measure(_ request: MeasurementRequest) -> Result<JSONValue, MeasurementError> {
      defer { asked += 1 }
      guard asked < answers.count, let value = answers[asked] else {
        return .failure(MeasurementError("unreachable"))
      }
      return .success(.array([.double(value)]))
    }
  }

  static func metric(
    interval: String? = "10s", count: Int? = nil, failureLimit: Int? = nil,
    inconclusiveLimit: Int? = nil, consecutiveErrorLimit: Int? = nil,
    success: String? = "result[0] < 0.05", failure: String? = nil
  ) -> AnalysisMetric {
    AnalysisMetric(
      name: "error-rate", interval: interval, count: count.map(IntOrString.int),
      successCondition: success, failureCondition: failure,
      failureLimit: failureLimit.map(IntOrString.int),
      inconclusiveLimit: inconclusiveLimit.map(IntOrString.int),
      consecutiveErrorLimit: consecutiveErrorLimit.map(IntOrString.int),
      provider: MetricProviderSpec(simulated: SimulatedMetric()))
  }

  /// Runs `metric` against `answers`, measuring whenever one is due, until the run completes
  /// or 100 steps pass. Returns the run.
  static func drive(_ metric: AnalysisMetric, _ answers: [Double?]) -> AnalysisRun {
    var run = AnalysisRun(
      name: "web-1-step", label: "step", revision: 1, subject: "web-1", templates: ["t"],
      metrics: [metric], startedAt: 0)
    let provider = Scripted(answers)
    var now = 0.0
    for _ in 0..<100 {
      guard
        let next = run.advance(
          now: now, namespace: "default", images: [], provider: provider,
          judge: AnalysisMetric.judge)
      else { break }
      now = next
    }
    return run
  }

  struct Case: Sendable, CustomTestStringConvertible {
    var name: String
    var metric: AnalysisMetric
    var answers: [Double?]
    var phase: AnalysisPhase
    var measured: Int
    var message: String?
    var testDescription: String { name }
  }

  static let cases: [Case] = [
    Case(
      name: "count reached, all good", metric: metric(count: 3), answers: [0.01, 0.02, 0.01],
      phase: .successful, measured: 3, message: nil),
    Case(
      name: "one failure over failureLimit 0", metric: metric(count: 3),
      answers: [0.01, 0.08, 0.01], phase: .failed, measured: 2,
      message: "failed (1) > failureLimit (0); last value [0.08]"),
    Case(
      name: "failures within failureLimit 1", metric: metric(count: 3, failureLimit: 1),
      answers: [0.08, 0.01, 0.01], phase: .successful, measured: 3, message: nil),
    Case(
      name: "second failure over failureLimit 1", metric: metric(count: 5, failureLimit: 1),
      answers: [0.08, 0.01, 0.09], phase: .failed, measured: 3,
      message: "failed (2) > failureLimit (1)"),
    Case(
      name: "failureLimit -1 never fails", metric: metric(count: 3, failureLimit: -1),
      answers: [0.08, 0.09, 0.1], phase: .successful, measured: 3, message: nil),
    Case(
      name: "five errors in a row over the default limit 4", metric: metric(count: 3),
      answers: [nil, nil, nil, nil, nil], phase: .error, measured: 5,
      message: "consecutiveErrors (5) > consecutiveErrorLimit (4)"),
    Case(
      name: "errors are not counted and a success resets the run of them",
      metric: metric(count: 2, consecutiveErrorLimit: 1), answers: [nil, 0.01, nil, 0.01],
      phase: .successful, measured: 4, message: nil),
    Case(
      name: "two errors over consecutiveErrorLimit 1",
      metric: metric(count: 3, consecutiveErrorLimit: 1), answers: [0.01, nil, nil],
      phase: .error, measured: 3, message: "consecutiveErrors (2) > consecutiveErrorLimit (1)"),
    Case(
      name: "neither condition holds: inconclusive over the limit 0",
      metric: metric(count: 3, success: "result[0] < 0.05", failure: "result[0] > 0.1"),
      answers: [0.07], phase: .inconclusive, measured: 1,
      message: "inconclusive (1) > inconclusiveLimit (0)"),
    Case(
      name: "inconclusive within its limit",
      metric: metric(
        count: 2, inconclusiveLimit: 1, success: "result[0] < 0.05", failure: "result[0] > 0.1"),
      answers: [0.07, 0.01], phase: .successful, measured: 2, message: nil),
    Case(
      name: "a failure condition alone passes what it does not fail",
      metric: metric(count: 2, success: nil, failure: "result[0] > 0.1"), answers: [0.07, 0.09],
      phase: .successful, measured: 2, message: nil),
    Case(
      name: "no interval: measured once", metric: metric(interval: nil), answers: [0.01, 0.5],
      phase: .successful, measured: 1, message: nil),
    Case(
      name: "no conditions: every value passes", metric: metric(count: 2, success: nil),
      answers: [5, 6], phase: .successful, measured: 2, message: nil),
  ]

  @Test(arguments: cases)
  func argoRules(_ c: Case) {
    let run = Self.drive(c.metric, c.answers)
    #expect(run.phase == c.phase)
    #expect(run.results[0].measurements.count == c.measured)
    if let message = c.message {
      #expect(run.message?.contains(message) == true, "\(run.message ?? "no message")")
    } else {
      #expect(run.phase != .successful || run.message == nil)
    }
  }

  @Test func measurementsFollowTheIntervalAfterTheInitialDelay() {
    var metric = Self.metric(count: 3)
    metric.initialDelay = "30s"
    var run = AnalysisRun(
      name: "r", label: "l", revision: 1, subject: "web-1", templates: [], metrics: [metric],
      startedAt: 100)
    let provider = Scripted([0.01, 0.01, 0.01])
    var times: [Double] = []
    var now = 100.0
    while let next = run.advance(
      now: now, namespace: "default", images: [], provider: provider,
      judge: AnalysisMetric.judge)
    {
      if next > now { now = next } else { break }
      times.append(now)
    }
    #expect(run.results[0].measurements.map(\.at) == [130, 140, 150])
    #expect(run.phase == .successful)
  }

  @Test func anErrorWithoutAnIntervalIsRetriedAfterTenSeconds() {
    var run = AnalysisRun(
      name: "r", label: "l", revision: 1, subject: "web-1", templates: [],
      metrics: [Self.metric(interval: nil)], startedAt: 0)
    let next = run.advance(
      now: 0, namespace: "default", images: [], provider: Scripted([nil]),
      judge: AnalysisMetric.judge)
    #expect(next == AnalysisRun.errorRetryInterval)
    #expect(run.results[0].consecutiveError == 1)
    #expect(run.results[0].count == 0)
  }

  @Test func aFailingMetricTerminatesTheOthersAndTheRunIsTheWorst() {
    var slow = Self.metric(interval: "1m", count: 10)
    slow.name = "latency"
    var run = AnalysisRun(
      name: "r", label: "l", revision: 1, subject: "web-1", templates: [],
      metrics: [Self.metric(count: 3), slow], startedAt: 0)
    run.advance(
      now: 0, namespace: "default", images: [], provider: Scripted([0.5, 0.01]),
      judge: AnalysisMetric.judge)
    #expect(run.result("error-rate")?.phase == .failed)
    #expect(run.result("latency")?.phase == .successful)
    #expect(run.phase == .failed)
    #expect(run.message?.hasPrefix("metric \"error-rate\" assessed Failed") == true)
    #expect(run.nextDue() == nil)
  }

  @Test func terminatingCompletesRunningMetricsAsSuccessful() {
    var run = AnalysisRun(
      name: "r", label: "l", revision: 1, subject: "web-1", templates: [],
      metrics: [Self.metric()], startedAt: 0)
    run.advance(
      now: 0, namespace: "default", images: [], provider: Scripted([0.01]),
      judge: AnalysisMetric.judge)
    #expect(run.phase == .running)
    run.terminate(now: 5)
    #expect(run.phase == .successful)
    #expect(run.terminated)
    #expect(run.message == "run terminated")
  }

  @Test func aConditionThatCannotBeEvaluatedIsAnErrorMeasurement() {
    let metric = Self.metric(success: "result.missing > 1")
    let (phase, message) = metric.judge(.array([.double(1)]))
    #expect(phase == .error)
    #expect(message?.hasPrefix("successCondition:") == true)
  }

  @Test func measurementsKeepTheLastTen() {
    let run = Self.drive(Self.metric(count: 12), Array(repeating: 0.01, count: 12))
    #expect(run.results[0].measurements.count == MetricResult.retained)
    #expect(run.results[0].count == 12)
  }
}
