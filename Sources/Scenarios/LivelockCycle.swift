import Engine
import Manifests
import Simulator

/// Finds the cycle a livelocked strategy kept repeating, from the trace at the instant it was
/// stopped: the shortest run of scales (or, without scales, of step messages) that repeats
/// back to back at the end.
enum LivelockCycle {
  /// `the cycle: web-2 1 -> 2, web-2 2 -> 1 (repeated)`, or what the strategy kept doing.
  static func describe(_ trace: [TraceEntry], at time: Double) -> String {
    let now = trace.filter { $0.time == time }
    let scales = now.compactMap { entry -> String? in
      guard case .event(.scaled(_, _, let rs, _, let from, let to, _)) = entry.kind else {
        return nil
      }
      return "\(rs) \(from) -> \(to)"
    }
    if let cycle = cycle(in: scales) {
      return "the cycle: \(cycle.joined(separator: ", ")) (repeated)"
    }
    let messages = now.compactMap { entry -> String? in
      guard case .event(.step(_, _, let message)) = entry.kind else { return nil }
      return message
    }
    if let cycle = cycle(in: messages) {
      return "the cycle: \(cycle.joined(separator: " | ")) (repeated)"
    }
    return "the cycle: no ReplicaSet was scaled; the strategy's state or status kept changing"
  }

  /// The shortest sequence that ends `items` at least twice in a row.
  static func cycle(in items: [String]) -> [String]? {
    guard items.count >= 2 else { return nil }
    for length in 1...(items.count / 2) {
      let last = items[(items.count - length)...]
      let before = items[(items.count - 2 * length)..<(items.count - length)]
      if Array(last) == Array(before) { return Array(last) }
    }
    return nil
  }
}
