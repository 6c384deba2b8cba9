import Engine

/// One decision of the log in the words of `rollout history --decisions`: what the strategy saw
/// of operators and analyses (its inputs), what it decided and what came of it (its outcome),
/// with the script line of an error.
public struct DecisionRow: Sendable, Hashable, Codable {
  public var revision: Int
  public var step: Int
  /// Cluster time, seconds.
  public var time: Double
  /// `applied`, `refused` or `failed`.
  public var outcome: String
  /// The degraded reason of a refused or failed decision.
  public var reason: String?
  /// `web-7f8b4c 0->3, web-6c9d5f 10->8`, or `-`.
  public var scale: String
  /// The error (naming the script line), else the decision's message, pause and completion.
  public var message: String
  /// What operators asked for that the decision saw: `promote`, `promote --full`, `abort`.
  public var `operator`: [String]
  /// The analysis runs it saw, their metrics' last values (`step-2 Running: error-rate=[0.01]…`).
  public var measurements: String?
  public var weight: Int?
  /// The strategy file (`canary.lua`, `stock:canary`).
  public var strategy: String

  public init(_ record: DecisionRecord) {
    revision = record.revision
    step = record.step
    time = record.time
    outcome = record.outcome.result.rawValue
    reason = record.outcome.reason
    scale = DecisionSummary.scale(record.decision, in: record.snapshot)
    message = DecisionSummary.note(record.decision, record.outcome)
    let intents = record.snapshot.operatorIntents
    var asked: [String] = []
    if intents.promoted { asked.append("promote") }
    if intents.promoteFull { asked.append("promote --full") }
    if intents.aborted { asked.append("abort") }
    `operator` = asked
    let runs = record.snapshot.analysisRuns ?? []
    measurements = runs.isEmpty ? nil : Self.measurements(runs)
    weight = record.decision?.weight
    strategy = record.strategy.identity ?? record.strategy.name
  }

  /// The runs a decision saw: `label phase: metric=value phase×count`, runs separated by `; `.
  public static func measurements(_ runs: [AnalysisRun]) -> String {
    runs.map { run in
      let metrics = run.results.map { result in
        let value = result.measurements.last.map { $0.value ?? "error" } ?? "-"
        let phases = result.measurements.last.map { " \($0.phase.rawValue)" } ?? ""
        return "\(result.name)=\(value)\(phases)×\(result.measurements.count)"
      }
      return "\(run.label) \(run.phase.rawValue): " + metrics.joined(separator: ", ")
    }.joined(separator: "; ")
  }
}
