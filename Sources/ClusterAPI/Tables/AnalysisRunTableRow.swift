import Engine

/// Rows of Argo `AnalysisRun`s: the printer columns of Argo's CustomResourceDefinition (NAME,
/// STATUS, AGE), and with `-o wide` each metric's phase and the run's message.
enum AnalysisRunTableRow {
  static let columns: [TableColumn] = [
    .name, .plain("Status", "AnalysisRun status"),
    .plain("Age", "Time since resource was created", type: "date"),
    .wide("Metrics", "Each metric and its phase."),
    .wide("Message", "Why the run completed as it did."),
  ]

  /// NAME STATUS AGE, wide METRICS MESSAGE; a missing phase is a null cell (`<none>`), as for
  /// any custom resource column.
  static func row(_ object: JSONValue, now: Double) -> TableRow {
    let status = object["status"]
    let metrics = (status?["metricResults"]?.arrayValue ?? []).map { result in
      "\(TableCells.text(result["name"]))=\(TableCells.text(result["phase"]))"
    }
    return TableRow(cells: [
      .string(TableCells.name(object)),
      status?["phase"].flatMap(\.stringValue).map(JSONValue.string) ?? .null,
      CustomResourceCells.date(object, now: now),
      metrics.isEmpty ? .null : .string(metrics.joined(separator: ",")),
      status?["message"].flatMap(\.stringValue).map(JSONValue.string) ?? .null,
    ])
  }
}
