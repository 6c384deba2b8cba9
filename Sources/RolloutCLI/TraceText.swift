import Engine
import Foundation
import Scenarios

/// A scenario's trace as people read it.
enum TraceText {
  /// `t=1m2s     web: scaled web-2 (revision 2) 2 -> 4`, times since the update.
  static func line(_ entry: TraceEntry, start: Double) -> String {
    let text: String
    switch entry.kind {
    case .event(let event): text = event.line
    case .action(let action): text = "operator: \(action)"
    case .refused(let action, let message): text = "operator: \(action) refused: \(message)"
    case .note(let note): text = note
    }
    return "\(pad(clock(entry.time - start), 10)) \(text)"
  }

  /// The trace lines around cluster time `time` (the last ones when there is none): up to 6
  /// before it and 3 after.
  static func excerpt(_ run: ScenarioRun, around time: Double?) -> [String] {
    let trace = run.trace
    guard !trace.isEmpty else { return [] }
    let time = time ?? run.end
    let pivot = trace.lastIndex { $0.time <= time } ?? 0
    let lower = max(0, pivot - 6)
    let upper = min(trace.count, pivot + 4)
    var lines = trace[lower..<upper].map { line($0, start: run.start) }
    if lower > 0 { lines.insert("…", at: 0) }
    if upper < trace.count { lines.append("…") }
    return lines
  }
}
