import Engine
import Foundation

/// What a success or failure condition costs: parsing it (once per metric) and evaluating it
/// (once per measurement), for the conditions Argo Rollouts' documentation uses, and
/// `AnalysisMetric.judge` on a metric with both conditions.
enum AnalysisConditionBench {
  /// A condition and the measured value it is evaluated against.
  struct Case {
    var source: String
    var value: JSONValue
    /// What the condition yields for `value`, checked before timing.
    var expected: Bool
  }

  static let cases: [Case] = [
    Case(source: "result[0] >= 0.95", value: .array([.double(0.97)]), expected: true),
    Case(source: "result < 0.01 && result >= 0", value: .double(0.004), expected: true),
    Case(
      source: "len(result) > 0 && all(result, {# < 0.05})",
      value: .array([.double(0.012), .double(0.031), .double(0.004)]), expected: true),
    // A scalar query that found no data answers NaN: the left side decides.
    Case(source: "isNaN(result) || result[0] < 0.05", value: .double(.nan), expected: true),
  ]

  /// Calls timed together per sample: a clock read costs tens of nanoseconds, an evaluation a
  /// few hundred, so a sample is the mean of this many calls.
  static let batch = 8
  static let samples = 20_000

  static func run() throws {
    let table = BenchTable(widths: [46, 9, 9, 9, 9])
    print("condition costs, ns per call (p50/p99 of \(samples) samples of \(batch) calls each)")
    table.row(["condition", "parse p50", "parse p99", "eval p50", "eval p99"])
    table.rule()
    for test in cases {
      let condition = try AnalysisCondition(parsing: test.source)
      let holds = try condition.holds(for: test.value)
      guard holds == test.expected else {
        throw BenchFailure("\(test.source) gave \(holds) for \(test.value), not \(test.expected)")
      }
      let parse = try sample { _ in try AnalysisCondition(parsing: test.source) }
      let evaluate = try sample { _ in try condition.holds(for: test.value) }
      table.row(
        [test.source] + [parse.p50, parse.p99, evaluate.p50, evaluate.p99].map(oneDecimal))
    }
    let metric = AnalysisMetric(
      name: "error-rate", interval: "30s", successCondition: "result[0] < 0.05",
      failureCondition: "result[0] >= 0.1",
      provider: MetricProviderSpec(
        prometheus: PrometheusMetric(address: "http://127.0.0.1:9090", query: "error_rate")))
    let values: [JSONValue] = [.array([.double(0.012)]), .array([.double(0.2)])]
    for value in values {
      let phase = AnalysisMetric.judge(metric, value).0
      let judged = sample { _ in AnalysisMetric.judge(metric, value) }
      table.row(
        ["AnalysisMetric.judge \(value.measurementText): \(phase.rawValue)"]
          + ["", "", oneDecimal(judged.p50), oneDecimal(judged.p99)])
    }
    print("")
  }

  /// `samples` samples, each the mean time of `batch` calls of `body`, after a warm-up.
  static func sample<T>(_ body: (Int) throws -> T) rethrows -> LatencySamples {
    for warmup in 0..<(samples * batch / 10) { keep(try body(warmup)) }
    var result = LatencySamples(capacity: samples)
    let clock = ContinuousClock()
    for index in 0..<samples {
      let start = clock.now
      for call in 0..<batch { keep(try body(index &* batch &+ call)) }
      result.append((clock.now - start).nanoseconds / Double(batch))
    }
    return result
  }
}

/// Keeps the optimiser from discarding a value that is computed only to be timed.
@inline(never)
func keep<T>(_ value: T) {
  withExtendedLifetime(value) {}
}
