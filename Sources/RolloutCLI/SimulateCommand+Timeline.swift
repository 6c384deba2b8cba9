import Engine
import Foundation
import Scenarios

/// `rollout simulate`'s text: the timeline table, the checks, the summaries.
enum Timeline {
  /// One row per settled instant that changed what the table shows; operator actions and pauses
  /// as their own lines.
  static func text(_ run: ScenarioRun) -> String {
    let names = replicaSetColumns(run)
    let widths = names.map { max($0.title.count, 11) }
    var text = pad("time", 10) + " " + pad("step", 6) + " " + pad("weight", 7) + " "
    text += zip(names, widths).map { pad($0.title, $1) }.joined(separator: " ")
    text += " phase (reason)\n"
    text += String(repeating: " ", count: 26)
    text += widths.map { pad("des/rdy/av", $0) }.joined(separator: " ") + "\n"
    var previous: String?
    var actions = run.trace.filter {
      if case .event = $0.kind { return false }
      return true
    }[...]
    for sample in run.samples where sample.settled {
      while let action = actions.first, action.time <= sample.time {
        text += "  " + TraceText.line(action, start: run.start) + "\n"
        actions.removeFirst()
      }
      let step = sample.step.map { "\($0.index)/\($0.count)" } ?? "-"
      let weight = sample.weight.map { "\($0)%" } ?? "-"
      let cells = zip(names, widths).map { column, width in
        let rs = sample.replicaSets.first { $0.name == column.name }
        return pad(rs.map { "\($0.desired)/\($0.ready)/\($0.available)" } ?? "", width)
      }
      let phase = sample.phase.rawValue + (sample.reason.map { " (\($0))" } ?? "")
      let row =
        pad(step, 6) + " " + pad(weight, 7) + " " + cells.joined(separator: " ") + " " + phase
      if row == previous { continue }
      previous = row
      text += pad(clock(sample.time - run.start), 10) + " " + row + "\n"
    }
    for action in actions { text += "  " + TraceText.line(action, start: run.start) + "\n" }
    return text
  }

  /// The ReplicaSets in the run, oldest revision first, titled `name (rN)`.
  static func replicaSetColumns(_ run: ScenarioRun) -> [(name: String, title: String)] {
    var seen: [String: Int] = [:]
    for sample in run.samples {
      for rs in sample.replicaSets { seen[rs.name] = rs.revision }
    }
    return seen.sorted { ($0.value, $0.key) < ($1.value, $1.key) }.map {
      (name: $0.key, title: "\($0.key) (r\($0.value))")
    }
  }

  /// The promise and the expectations: what held, or each failure.
  static func checks(_ run: ScenarioRun, label: String) -> String {
    guard !run.failures.isEmpty else {
      return "checks (\(label)): the strategy's promise and every expectation held\n"
    }
    var text = "checks (\(label)): \(run.failures.count) failed\n"
    for failure in run.failures {
      text += "  expected  \(failure.expectation)\n"
      text +=
        "  got       \(failure.message.replacingOccurrences(of: "\n", with: "\n            "))\n"
    }
    return text
  }

  /// The summaries side by side, one column per strategy.
  static func summaries(_ columns: [(String, ScenarioSummary)]) -> String {
    let rows: [(String, (ScenarioSummary) -> String)] = [
      ("result", { "\($0.result)" + ($0.phase.map { " (\($0.rawValue))" } ?? "") }),
      ("duration", { formatDuration(($0.duration * 1000).rounded() / 1000) }),
      ("peak pods", { "\($0.peakPods)" }),
      ("minimum available", { "\($0.minAvailable)" }),
      ("surge pod-seconds", { String(format: "%g", ($0.surgePodSeconds * 10).rounded() / 10) }),
      ("waves", { "\($0.waves)" }),
    ]
    let width = max(18, columns.map { $0.0.count + 2 }.max() ?? 0)
    var text = pad("summary", 21) + columns.map { pad($0.0, width) }.joined() + "\n"
    for (title, value) in rows {
      text += pad("  " + title, 21) + columns.map { pad(value($0.1), width) }.joined() + "\n"
    }
    return text
  }
}
