import Foundation

/// A named group of measurements, selected by `rollout-bench <name>`.
struct BenchSuite: Sendable {
  let name: String
  let run: @Sendable () throws -> Void
}

/// Times `iterations` runs of `body` and prints the cost per iteration.
func measure(_ label: String, iterations: Int, _ body: (Int) throws -> Void) rethrows {
  let clock = ContinuousClock()
  for warmup in 0..<min(iterations / 10, 10_000) { try body(warmup) }
  let start = clock.now
  for iteration in 0..<iterations { try body(iteration) }
  let elapsed = clock.now - start
  let (seconds, attoseconds) = elapsed.components
  let nanoseconds = Double(seconds) * 1e9 + Double(attoseconds) / 1e9
  report(label, nanosecondsPerOperation: nanoseconds / Double(iterations), iterations: iterations)
}

/// Prints one figure in the common format.
func report(_ label: String, nanosecondsPerOperation: Double, iterations: Int) {
  let padded = label.padding(toLength: 58, withPad: " ", startingAt: 0)
  print("\(padded) \(formatted(nanosecondsPerOperation)) ns/op  (\(iterations) iterations)")
}

private func formatted(_ value: Double) -> String {
  let rounded = (value * 10).rounded() / 10
  let text = "\(rounded)"
  return String(repeating: " ", count: max(0, 8 - text.count)) + text
}
