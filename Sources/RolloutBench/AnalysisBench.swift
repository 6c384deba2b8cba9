import Foundation

extension BenchSuite {
  /// Analysis costs: condition parsing and evaluation, `AnalysisMetric.judge`, and the wall
  /// time an analysis interval adds to the metric provider's own answer time.
  ///
  /// `rollout-bench analysis [conditions | interval [DELAY_MS ...]]`: one part, or both; the
  /// interval part's stand-in Prometheus answers after each delay given (default 0 and 5 ms).
  static let analysis = BenchSuite(name: "analysis") {
    let arguments = Array(CommandLine.arguments.dropFirst(2))
    let part = arguments.first
    if part == nil || part == "conditions" { try AnalysisConditionBench.run() }
    if part == nil || part == "interval" {
      let given = arguments.dropFirst().compactMap { Int($0) }.filter { $0 >= 0 }
      try AnalysisIntervalBench.run(delays: given.isEmpty ? [0, 5] : given)
    }
  }
}

/// Runs `body` on a new plain thread (not Swift concurrency's pool, where blocking metric
/// providers must not run) and waits for its value.
func onPlainThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) throws -> T {
  let box = ThreadResultBox<T>()
  let done = DispatchSemaphore(value: 0)
  let thread = Thread {
    do { box.result = .success(try body()) } catch {
      box.result = .failure(BenchFailure("\(error)"))
    }
    done.signal()
  }
  thread.stackSize = 8 << 20
  thread.start()
  done.wait()
  guard let result = box.result else { throw BenchFailure("the thread returned nothing") }
  return try result.get()
}

/// Written by the thread before it signals, read after the wait: the semaphore orders them.
private final class ThreadResultBox<T: Sendable>: @unchecked Sendable {
  var result: Result<T, BenchFailure>?
}

/// `1234.5` as `1234.5`, with one decimal.
func oneDecimal(_ value: Double) -> String { String(format: "%.1f", value) }
