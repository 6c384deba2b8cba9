import Engine
import Simulator
import Testing

/// `--metric GLOB:NAME=VALUE` and the simulated provider that answers from such rules.
@Suite struct MetricRuleTests {
  @Test(arguments: [
    ("example/web:2.*:error-rate=0.08", "example/web:2.*", "error-rate", "0.08"),
    ("web:*:latency=NaN", "web:*", "latency", "NaN"),
    ("*:ok=error", "*", "ok", "error"),
    ("*:ok=empty", "*", "ok", "empty"),
  ])
  func parses(_ text: String, _ pattern: String, _ name: String, _ value: String) throws {
    let rule = try MetricRule.parse(text)
    #expect(rule.pattern == pattern)
    #expect(rule.name == name)
    #expect(rule.points.map(\.value.description) == [value])
    #expect(rule.description == text)
  }

  @Test(arguments: [
    ("web:2", "expected GLOB:NAME=VALUE"), ("web=1", "expected GLOB:NAME before '='"),
    (":x=1", "the image pattern is empty"), ("web:=1", "the metric name is empty"),
    ("web:x=high", "is not a value"),
  ])
  func refuses(_ text: String, _ reason: String) {
    #expect(throws: MetricRuleParseError.self) { try MetricRule.parse(text) }
    do {
      _ = try MetricRule.parse(text)
    } catch {
      #expect(error.reason.contains(reason))
    }
  }

  static func request(_ metric: AnalysisMetric, images: [String], now: Double = 0)
    -> MeasurementRequest
  {
    MeasurementRequest(metric: metric, run: "r", images: images, now: now)
  }

  @Test func answersByImageAndTimeAndStandsInForPrometheus() throws {
    let provider = SimulatedMetricProvider(rules: [
      MetricRule(
        pattern: "web:2*", name: "error-rate",
        points: [.init(at: 0, value: .number(0.01)), .init(at: 60, value: .number(0.2))]),
      try MetricRule.parse("web:1*:error-rate=0"),
      try MetricRule.parse("web:*:broken=error"),
    ])
    let prometheus = AnalysisMetric(
      name: "error-rate",
      provider: MetricProviderSpec(prometheus: PrometheusMetric(address: "http://x", query: "q")))
    #expect(provider.answers(prometheus))
    #expect(
      provider.measure(Self.request(prometheus, images: ["web:2.0"], now: 10))
        == .success(.array([.double(0.01)])))
    #expect(
      provider.measure(Self.request(prometheus, images: ["web:2.0"], now: 61))
        == .success(.array([.double(0.2)])))
    #expect(
      provider.measure(Self.request(prometheus, images: ["web:1.0"]))
        == .success(.array([.double(0)])))
    let simulated = AnalysisMetric(
      name: "errors", provider: MetricProviderSpec(simulated: SimulatedMetric(metric: "broken")))
    guard case .failure(let error) = provider.measure(Self.request(simulated, images: ["web:2"]))
    else {
      Issue.record("an error rule must fail the measurement")
      return
    }
    #expect(error.message.contains("simulated error"))
    let other = AnalysisMetric(
      name: "latency",
      provider: MetricProviderSpec(prometheus: PrometheusMetric(address: "http://x", query: "q")))
    #expect(!provider.answers(other))
    guard case .failure(let missing) = provider.measure(Self.request(other, images: ["web:2"]))
    else {
      Issue.record("no rule and no fallback must fail")
      return
    }
    #expect(missing.message.contains("--metric"))
  }
}
