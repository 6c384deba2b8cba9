/// Analysis runs: measured when due at every pass (a strategy pause included), started and
/// stopped as the strategy's decisions ask, and acted on as Argo Rollouts does when the strategy
/// leaves the judgement to the engine: a failed or errored run aborts the rollout back to
/// stable, an inconclusive one pauses it for a person.
extension SyncPass {
  /// The reason of a pause for an inconclusive run, as Argo's.
  static let inconclusiveReason = "InconclusiveAnalysisRun"

  /// Takes the measurements due now for this revision's running analyses and acts on the runs
  /// that completed.
  mutating func advanceAnalysis() {
    guard !state.analysisRuns.isEmpty else { return }
    for index in state.analysisRuns.indices where !state.analysisRuns[index].phase.isCompleted {
      if state.aborted || state.finished {
        state.analysisRuns[index].terminate(now: now)
      } else {
        let images = replicaSet(named: state.analysisRuns[index].subject)?.spec.template.images
        let next = state.analysisRuns[index].advance(
          now: now, namespace: deployment.metadata.effectiveNamespace, images: images ?? [],
          provider: controller.metricProvider, judge: AnalysisMetric.judge)
        result.wake(at: next)
      }
      let run = state.analysisRuns[index]
      guard run.phase.isCompleted else { continue }
      controller.emit(
        .analysis(time: now, deployment: key, run: run.name, phase: run.phase, message: run.message)
      )
      guard run.enforced, !state.aborted else { continue }
      switch run.phase {
      case .failed, .error:
        abort(because: "analysis run \(run.name): \(run.message ?? run.phase.rawValue)")
      case .inconclusive:
        state.pause = RolloutState.ActivePause(
          reason: Self.inconclusiveReason, since: now, until: nil)
        (state.phase, state.reason) = (.paused, Self.inconclusiveReason)
        controller.emit(
          .paused(time: now, deployment: key, reason: Self.inconclusiveReason, until: nil))
      case .pending, .running, .successful: break
      }
    }
  }

  /// The runs `requests` start (those whose label has no run for this revision yet), built
  /// before anything of the decision is applied, so a bad request refuses the whole decision.
  func prepareAnalyses(_ requests: [AnalysisRequest]?, newRS: ReplicaSet) throws(AnalysisSetupError)
    -> [AnalysisRun]
  {
    guard let requests, !requests.isEmpty else { return [] }
    let templates = try deployment.analysisTemplates()
    let stableHash = state.stableReplicaSet.flatMap { replicaSet(named: $0)?.podTemplateHash }
    let sources = ArgumentSources(
      deployment: deployment.view, stableHash: stableHash, latestHash: newRS.podTemplateHash)
    var runs: [AnalysisRun] = []
    for request in requests {
      let exists = state.analysisRuns.contains { $0.label == request.label }
      guard !exists, !runs.contains(where: { $0.label == request.label }) else { continue }
      let subject = request.subject ?? newRS.metadata.name
      guard replicaSet(named: subject) != nil else {
        throw AnalysisSetupError(
          "\(request.origin.map { "\($0): " } ?? "")analysis \"\(request.label)\": no ReplicaSet \"\(subject)\""
        )
      }
      do {
        runs.append(
          try AnalysisRun.start(
            request, templates: templates, sources: sources, revision: state.revision,
            subject: subject, now: now))
      } catch {
        throw AnalysisSetupError("\(request.origin.map { "\($0): " } ?? "")\(error.message)")
      }
    }
    return runs
  }

  /// Applies a decision's analysis parts after its scales: stops what it stops, starts what it
  /// starts (measuring at once what is due), and aborts when the strategy judged so.
  mutating func applyAnalysis(_ started: [AnalysisRun], decision: StrategyDecision) {
    for label in decision.stopAnalyses ?? [] {
      for index in state.analysisRuns.indices where state.analysisRuns[index].label == label {
        state.analysisRuns[index].terminate(now: now)
      }
    }
    for run in started {
      state.analysisRuns.append(run)
      controller.emit(
        .analysis(time: now, deployment: key, run: run.name, phase: .running, message: nil))
    }
    if let message = decision.abort { abort(because: message) }
    if !started.isEmpty || decision.complete { advanceAnalysis() }
  }

  /// Aborts the rollout back to stable as `rollout abort` does, saying why.
  mutating func abort(because message: String) {
    guard !state.aborted else { return }
    state.aborted = true
    state.finished = false
    state.endPause()
    state.abortedBecause = message
    (state.phase, state.reason) = (.degraded, RolloutState.Reason.aborted)
    let text = "Rollout aborted update to revision \(state.revision): \(message)"
    controller.emit(
      .degraded(time: now, deployment: key, reason: RolloutState.Reason.aborted, message: text))
    for index in state.analysisRuns.indices { state.analysisRuns[index].terminate(now: now) }
  }
}
