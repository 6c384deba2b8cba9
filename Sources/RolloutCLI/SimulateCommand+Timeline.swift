import Charts
import Engine
import Foundation
import Scenarios

/// `rollout simulate`'s text: the timeline table, the checks, the summaries.
enum Timeline {
  /// One row per settled instant that changed what the table shows; operator actions and pauses
  /// as their own lines.
  static func text(_ run: ScenarioRun) -> String {
    let names = Chart.replicaSetColumns(run)
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
    // Each column as wide as its widest cell, two spaces between columns.
    let widths = columns.map { column in
      ([column.0] + rows.map { $0.1(column.1) }).map(\.count).max() ?? 0
    }
    func line(_ title: String, _ cells: [String]) -> String {
      let padded = zip(cells, widths).map { pad($0, $1) }.joined(separator: "  ")
      return pad(title, 21) + String(padded.reversed().drop { $0 == " " }.reversed()) + "\n"
    }
    var text = line("summary", columns.map(\.0))
    for (title, value) in rows {
      text += line("  " + title, columns.map { value($0.1) })
    }
    return text
  }

  /// The run as JSON objects: a `sample` per settled instant that changed anything, an
  /// `action` per operator action, the `check` and the `summary`.
  static func json(_ run: ScenarioRun, strategy: String) -> [JSONValue] {
    var objects: [JSONValue] = []
    var previous: JSONValue?
    for sample in run.samples where sample.settled {
      var object: [String: JSONValue] = [
        "type": "sample", "strategy": .string(strategy),
        "phase": .string(sample.phase.rawValue),
        "reason": sample.reason.map(JSONValue.string) ?? .null,
        "step": sample.step.map { .object(["index": .int($0.index), "count": .int($0.count)]) }
          ?? .null,
        "weight": sample.weight.map(JSONValue.int) ?? .null,
        "replicaSets": .array(
          sample.replicaSets.map {
            .object([
              "name": .string($0.name), "revision": .int($0.revision),
              "desired": .int($0.desired), "ready": .int($0.ready),
              "available": .int($0.available),
            ])
          }),
      ]
      if previous == .object(object) { continue }
      previous = .object(object)
      object["time"] = .double(sample.time - run.start)
      objects.append(.object(object))
    }
    for entry in run.trace {
      switch entry.kind {
      case .action(let action):
        objects.append(
          .object([
            "type": "action", "strategy": .string(strategy),
            "time": .double(entry.time - run.start), "action": .string(action.description),
          ]))
      case .refused(let action, let why):
        objects.append(
          .object([
            "type": "action", "strategy": .string(strategy),
            "time": .double(entry.time - run.start), "action": .string(action.description),
            "refused": .string("\(why)"),
          ]))
      default: continue
      }
    }
    objects.append(
      .object([
        "type": "check", "strategy": .string(strategy), "passed": .bool(run.failures.isEmpty),
        "failures": .array(
          run.failures.map {
            .object(["expected": .string($0.expectation), "got": .string($0.message)])
          }),
      ]))
    let summary = ScenarioSummary(run)
    objects.append(
      .object([
        "type": "summary", "strategy": .string(strategy), "result": .string(summary.result),
        "phase": summary.phase.map { .string($0.rawValue) } ?? .null,
        "duration": .double(summary.duration), "peakPods": .int(summary.peakPods),
        "minAvailable": .int(summary.minAvailable),
        "surgePodSeconds": .double(summary.surgePodSeconds), "waves": .int(summary.waves),
      ]))
    return objects
  }
}
