import AsyncHTTPClient
import Engine
import Foundation
import MetricProviders
import NIOCore

/// The wall time one analysis interval adds to the metric provider's own answer time: a
/// stand-in Prometheus answers after a set delay; (a) is a plain `HTTPClient` request to it,
/// (b) `AnalysisRun.advance` taking one due measurement through `HTTPMetricProviders`, both
/// from a plain thread, interleaved so that drift in the machine's load hits both alike.
enum AnalysisIntervalBench {
  static let query =
    #"sum(rate(http_requests_total{job="web",code=~"5.."}[5m]))"#
    + #" / sum(rate(http_requests_total{job="web"}[5m]))"#

  /// Timings of one delay, in nanoseconds.
  struct Figures: Sendable {
    var delay: Int
    var raw: LatencySamples
    var engine: LatencySamples
    /// `HTTPMetricProviders.measure` alone: (b) without the run's bookkeeping and judging.
    var provider: LatencySamples
    /// `advance` with an in-process provider: the engine's own share, no HTTP at all.
    var inProcess: LatencySamples
  }

  static func run(delays: [Int]) throws {
    let server = try PrometheusStandIn.start()
    defer { server.stop() }
    let providers = HTTPMetricProviders()
    let client = HTTPClient(eventLoopGroupProvider: .singleton)
    defer {
      try? blocking {
        await providers.shutdown()
        try await client.shutdown()
      }
    }
    var figures: [Figures] = []
    for delay in delays {
      let address = server.address(delay: delay)
      figures.append(
        try onPlainThread {
          try measure(delay: delay, address: address, providers: providers, client: client)
        })
    }
    report(figures)
  }

  /// Rounds of (a), the provider alone and (b), after a warm-up that opens the pooled
  /// connections.
  static func measure(
    delay: Int, address: String, providers: HTTPMetricProviders, client: HTTPClient
  ) throws -> Figures {
    let pairs = delay == 0 ? 3_000 : max(200, 2_500 / delay)
    let url =
      "\(address)/api/v1/query?query="
      + (query.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
    var run = analysisRun(address: address)
    var now = run.startedAt
    var figures = Figures(
      delay: delay, raw: LatencySamples(capacity: pairs),
      engine: LatencySamples(capacity: pairs), provider: LatencySamples(capacity: pairs),
      inProcess: LatencySamples(capacity: pairs))
    func raw() throws {
      let response = try client.execute(request: .init(url: url), deadline: .now() + .seconds(10))
        .wait()
      guard response.status == .ok, let body = response.body, body.readableBytes > 0 else {
        throw BenchFailure("the stand-in answered \(response.status) without a body")
      }
    }
    func engine() throws {
      guard
        let next = run.advance(
          now: now, namespace: "default", images: ["example/web:2.0"], provider: providers,
          judge: AnalysisMetric.judge)
      else { throw BenchFailure("the run completed: \(run.message ?? run.phase.rawValue)") }
      try check(run, at: now)
      now = next
    }
    let request = MeasurementRequest(metric: run.metrics[0], run: run.name)
    func provider() throws {
      guard case .success(.array(let values)) = providers.measure(request), values.count == 1
      else { throw BenchFailure("the provider gave no one-series vector") }
    }
    for _ in 0..<(delay == 0 ? 300 : 30) {
      try raw()
      try provider()
      try engine()
    }
    for index in 0..<pairs {
      // Alternate the order, so that none always follows another.
      if index.isMultiple(of: 2) {
        try figures.raw.time(raw)
        try figures.provider.time(provider)
        try figures.engine.time(engine)
      } else {
        try figures.engine.time(engine)
        try figures.provider.time(provider)
        try figures.raw.time(raw)
      }
    }
    figures.inProcess = try inProcess(pairs: max(pairs, 3_000))
    return figures
  }

  /// `advance` answered by a provider in this process with what the stand-in answers.
  static func inProcess(pairs: Int) throws -> LatencySamples {
    var run = analysisRun(address: "http://127.0.0.1:1")
    var now = run.startedAt
    var samples = LatencySamples(capacity: pairs)
    let provider = FixedProvider(value: .array([.double(Double(PrometheusStandIn.value)!)]))
    for index in 0..<(pairs + 300) {
      let start = ContinuousClock.now
      let next = run.advance(
        now: now, namespace: "default", images: ["example/web:2.0"], provider: provider,
        judge: AnalysisMetric.judge)
      if index >= 300 { samples.append((ContinuousClock.now - start).nanoseconds) }
      try check(run, at: now)
      guard let next else { throw BenchFailure("the run completed") }
      now = next
    }
    return samples
  }

  /// A run of one metric measured every 30 s: each `advance` at the time it returns takes
  /// one measurement.
  static func analysisRun(address: String) -> AnalysisRun {
    let metric = AnalysisMetric(
      name: "error-rate", interval: "30s", successCondition: "result[0] < 0.05",
      failureCondition: "result[0] >= 0.1",
      provider: MetricProviderSpec(
        prometheus: PrometheusMetric(address: address, query: query, timeout: 10)))
    return AnalysisRun(
      name: "web-6d4cf56db6-2-step-3", label: "step-3", revision: 2, subject: "web-6d4cf56db6",
      templates: ["error-rate"], metrics: [metric], startedAt: 1_000)
  }

  /// The measurement at `now` was taken and carries the stand-in's value.
  static func check(_ run: AnalysisRun, at now: Double) throws {
    guard let last = run.results.first?.measurements.last, last.at == now,
      last.value == "[\(PrometheusStandIn.value)]", last.phase == .successful
    else {
      let last = run.results.first?.measurements.last
      throw BenchFailure(
        "no successful measurement at \(now): \(last.map { "\($0)" } ?? "none")")
    }
  }

  static func report(_ figures: [Figures]) {
    let table = BenchTable(widths: [50, 9, 9])
    print("added wall time per analysis interval, µs (one due metric, Prometheus vector)")
    table.row(["", "p50", "p99"])
    table.rule()
    for figure in figures {
      let added = figure.engine.minus(figure.raw)
      // A paired difference's tail is one side's outlier, not added time: its median only.
      let rows: [(String, Double, Double?)] = [
        ("(a) plain HTTPClient request", figure.raw.p50, figure.raw.p99),
        ("(b) AnalysisRun.advance via HTTPMetricProviders", figure.engine.p50, figure.engine.p99),
        ("(b) - (a)", figure.engine.p50 - figure.raw.p50, figure.engine.p99 - figure.raw.p99),
        ("(b) - (a), median of paired differences", added.p50, nil),
        ("HTTPMetricProviders.measure alone", figure.provider.p50, figure.provider.p99),
        ("advance, in-process provider (no HTTP)", figure.inProcess.p50, figure.inProcess.p99),
      ]
      print("stand-in answers after \(figure.delay) ms, \(figure.raw.count) rounds:")
      for (label, p50, p99) in rows {
        table.row(
          ["  " + label, oneDecimal(p50 / 1_000), p99.map { oneDecimal($0 / 1_000) } ?? ""])
      }
    }
    print("target: (b) - (a) under 1000 µs")
  }
}

/// Answers every measurement with one value, at once.
private struct FixedProvider: MetricProvider {
  let value: JSONValue

  func measure(_ request: MeasurementRequest) -> Result<JSONValue, MeasurementError> {
    .success(value)
  }
}
