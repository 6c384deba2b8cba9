import Engine

/// A decision case's `analysis:`: the runs the strategy sees in `ctx.analysis`.
extension DecisionCaseParser {
  /// The analysis runs the strategy sees, short form:
  ///
  ///     analysis:
  ///       - label: step-2
  ///         phase: Running
  ///         metrics:
  ///           error-rate: {values: [0.001, 0.0005], phases: [Successful, Successful]}
  ///
  /// Measurements are Successful unless `phases` says otherwise; a metric's phase is Running
  /// unless given; `null` in `values` is an error measurement.
  static func analysisRuns(_ item: TestFileReader, snapshot: StrategySnapshot)
    throws(TestFileError) -> [AnalysisRun]
  {
    var runs: [AnalysisRun] = []
    for entry in try item.list() {
      _ = try entry.only(["label", "phase", "message", "subject", "metrics", "enforced"])
      let label = try entry.required("label").string()
      let metricsItem = try entry.required("metrics")
      guard let members = metricsItem.value.objectValue else {
        throw metricsItem.error("expected a map of metric names")
      }
      let names = members.keys.sorted()
      var run = AnalysisRun(
        name: "\(snapshot.deployment.name)-\(label)", label: label,
        revision: snapshot.newReplicaSet.revision,
        subject: try entry.optional("subject")?.string() ?? snapshot.newReplicaSet.name,
        templates: [],
        metrics: names.map { AnalysisMetric(name: $0, provider: MetricProviderSpec()) },
        enforced: try entry.optional("enforced")?.bool() ?? true, startedAt: snapshot.now)
      for (index, name) in names.enumerated() {
        let metric = metricsItem.child(name, members[name]!)
        _ = try metric.only(["values", "phases", "phase"])
        let values = try metric.optional("values")?.list() ?? []
        let phases = try metric.optional("phases")?.list() ?? []
        for (position, value) in values.enumerated() {
          var phase: AnalysisPhase = value.value == .null ? .error : .successful
          if position < phases.count {
            guard let given = AnalysisPhase(rawValue: try phases[position].string()) else {
              throw phases[position].error("expected Successful, Failed, Error or Inconclusive")
            }
            phase = given
          }
          let text: String?
          switch value.value {
          case .null: text = nil
          case .int(let number): text = String(number)
          case .double(let number): text = JSONValue.double(number).measurementText
          case .string(let string): text = string
          default: text = value.value.measurementText
          }
          run.results[index].record(
            Measurement(phase: phase, value: text, at: snapshot.now, message: nil))
        }
        if let phase = metric.optional("phase") {
          guard let given = AnalysisPhase(rawValue: try phase.string()) else {
            throw phase.error("expected Running, Successful, Failed, Error or Inconclusive")
          }
          run.results[index].phase = given
        }
      }
      if let phase = entry.optional("phase") {
        guard let given = AnalysisPhase(rawValue: try phase.string()) else {
          throw phase.error("expected Running, Successful, Failed, Error or Inconclusive")
        }
        run.phase = given
      }
      run.message = try entry.optional("message")?.string()
      runs.append(run)
    }
    return runs
  }
}
