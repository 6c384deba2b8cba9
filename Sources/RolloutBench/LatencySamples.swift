import Foundation

/// Timings of one operation, in nanoseconds, summarised by percentiles (never asserted on).
struct LatencySamples {
  private(set) var nanoseconds: [Double] = []

  init(capacity: Int = 0) { nanoseconds.reserveCapacity(capacity) }

  mutating func append(_ value: Double) { nanoseconds.append(value) }

  /// Times one call of `body` and records it.
  @discardableResult
  mutating func time<T>(_ body: () throws -> T) rethrows -> T {
    let start = ContinuousClock.now
    let value = try body()
    append((ContinuousClock.now - start).nanoseconds)
    return value
  }

  var count: Int { nanoseconds.count }

  /// The `fraction` percentile (0.5 for p50) by the nearest-rank rule; 0 without samples.
  func percentile(_ fraction: Double) -> Double {
    guard !nanoseconds.isEmpty else { return 0 }
    let sorted = nanoseconds.sorted()
    let rank = Int((fraction * Double(sorted.count)).rounded(.up))
    return sorted[min(max(rank, 1), sorted.count) - 1]
  }

  var p50: Double { percentile(0.5) }
  var p99: Double { percentile(0.99) }

  /// The element-wise difference `self[i] - other[i]` of two paired series.
  func minus(_ other: LatencySamples) -> LatencySamples {
    var result = LatencySamples(capacity: count)
    for (mine, theirs) in zip(nanoseconds, other.nanoseconds) { result.append(mine - theirs) }
    return result
  }
}

extension Duration {
  var nanoseconds: Double {
    let (seconds, attoseconds) = components
    return Double(seconds) * 1e9 + Double(attoseconds) / 1e9
  }
}

/// A fixed-width table printed row by row: the first column left-aligned, the rest right.
struct BenchTable {
  let widths: [Int]

  func row(_ cells: [String]) {
    var line = ""
    for (index, cell) in cells.enumerated() {
      let width = index < widths.count ? widths[index] : cell.count
      let pad = String(repeating: " ", count: max(0, width - cell.count))
      line += index == 0 ? cell + pad : "  " + pad + cell
    }
    print(line)
  }

  func rule() {
    print(String(repeating: "-", count: widths.reduce(0, +) + 2 * (widths.count - 1)))
  }
}
