import Dashboard
import Engine

/// How decisions read on a terminal: `rollout history --decisions` and `rollout replay`.
enum DecisionLogFormat {
  /// The table of `rollout history NAME --decisions`:
  ///
  ///     TIME     REVISION  STEP  OUTCOME  SCALE                    MESSAGE / ERROR
  ///     t=0s     1         1     applied  web-6c9d5f 0->10         scaled up web-6c9d5f to 10
  ///     t=12s    2         3     refused  web-7f8b4c 0->20         surge.lua:3: decision would …
  ///
  /// A run of decisions that scaled nothing and said the same thing at the same instant (a
  /// strategy waiting while pods come up) is one row, with its step range (`4-7`).
  ///
  /// When a decision saw analysis runs, a MEASUREMENTS column shows each run's metrics with
  /// their last values and phases (`step-2 error-rate=[0.01] Successful×3`).
  static func table(_ records: [DecisionRecord]) -> String {
    let analysed = records.contains { !($0.snapshot.analysisRuns ?? []).isEmpty }
    var header = ["TIME", "REVISION", "STEP", "OUTCOME", "SCALE", "MESSAGE / ERROR"]
    if analysed { header.insert("MEASUREMENTS", at: 5) }
    let message = header.count - 1
    var rows: [[String]] = []
    var runStart: Int?
    for (index, record) in records.enumerated() {
      var row = [
        clock(record.time), String(record.revision), String(record.step),
        record.outcome.result.rawValue,
        DecisionSummary.scale(record.decision, in: record.snapshot),
        DecisionSummary.note(record.decision, record.outcome),
      ]
      if analysed { row.insert(measurements(record.snapshot.analysisRuns ?? []), at: 5) }
      if index > 0, let last = rows.last, repeats(record, records[index - 1]),
        last[message] == row[message], !analysed || last[5] == row[5]
      {
        let first = runStart ?? records[index - 1].step
        runStart = first
        rows[rows.count - 1][2] = "\(first)-\(record.step)"
        continue
      }
      runStart = nil
      rows.append(row)
    }
    let widths = (0..<header.count - 1).map { column in
      ([header] + rows).map { $0[column].count }.max() ?? 0
    }
    return ([header] + rows).map { row in
      row.enumerated().map { column, cell in
        column < widths.count ? pad(cell, widths[column] + 2) : cell
      }.joined()
    }.joined(separator: "\n") + "\n"
  }

  /// The runs a decision saw, as the dashboard shows them.
  static func measurements(_ runs: [AnalysisRun]) -> String { DecisionRow.measurements(runs) }

  /// Whether `record` only repeats `previous`: same instant and revision, applied, nothing
  /// scaled or paused by either.
  private static func repeats(_ record: DecisionRecord, _ previous: DecisionRecord) -> Bool {
    func idle(_ record: DecisionRecord) -> Bool {
      record.outcome.result == .applied && (record.decision?.scale.isEmpty ?? false)
        && record.decision?.pause == nil && (record.decision?.services.isEmpty ?? false)
    }
    return record.time == previous.time && record.revision == previous.revision && idle(record)
      && idle(previous)
  }
}
