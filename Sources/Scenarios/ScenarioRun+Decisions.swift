import Engine

extension ScenarioRun {
  /// A rollout's recorded decisions as a run, so a live rollout is charted with the same drawing
  /// as `simulate --chart`: a sample at each decision (what the strategy saw), one more for
  /// `current` (the Deployment and its ReplicaSets now), a mark where a decision first saw an
  /// operator's promote or abort, pause bands from the decisions' pauses, and a bar per analysis
  /// run it saw. `decisions` are one revision's, oldest first.
  public init(
    decisions: [DecisionRecord], current: Deployment?, replicaSets: [ReplicaSet], now: Double
  ) {
    var samples: [ScenarioSample] = []
    var trace: [TraceEntry] = []
    var previous = OperatorIntents()
    var seenRuns: [String: AnalysisPhase] = [:]
    for record in decisions {
      let snapshot = record.snapshot
      let pause = record.decision?.pause
      samples.append(
        ScenarioSample(
          time: record.time, settled: true, replicas: snapshot.deployment.replicas,
          fenceposts: snapshot.fenceposts,
          replicaSets: snapshot.allReplicaSets.sorted { $0.revision < $1.revision }.map {
            ReplicaSetSample(
              name: $0.name, revision: $0.revision, desired: $0.replicas,
              current: $0.currentReplicas, terminating: $0.terminatingReplicas,
              ready: $0.readyReplicas, available: $0.availableReplicas, images: $0.images)
          },
          phase: pause == nil ? .progressing : .paused, reason: pause?.reason,
          weight: record.decision?.weight, step: record.decision?.step,
          paused: snapshot.deployment.paused || pause != nil, activeAvailable: nil,
          newVersionFaulty: false))
      let intents = snapshot.operatorIntents
      if intents.promoted && !previous.promoted {
        trace.append(TraceEntry(time: record.time, kind: .action(.promote(full: false))))
      }
      if intents.promoteFull && !previous.promoteFull {
        trace.append(TraceEntry(time: record.time, kind: .action(.promote(full: true))))
      }
      if intents.aborted && !previous.aborted {
        trace.append(TraceEntry(time: record.time, kind: .action(.abort)))
      }
      previous = intents
      for run in snapshot.analysisRuns ?? [] where seenRuns[run.name] != run.phase {
        if seenRuns[run.name] == nil {
          trace.append(Self.analysisEntry(run, record, phase: .running, at: run.startedAt))
        }
        if run.phase.isCompleted {
          trace.append(Self.analysisEntry(run, record, phase: run.phase, at: record.time))
        }
        seenRuns[run.name] = run.phase
      }
    }
    if let current {
      let state = RolloutState.read(from: current)
      samples.append(
        ScenarioSample(
          time: now, settled: true, replicas: current.replicas,
          fenceposts: (try? current.strategyFenceposts())
            ?? Fenceposts(maxSurge: 0, maxUnavailable: 0),
          replicaSets: replicaSets.filter(current.controls)
            .sorted { ($0.revision, $0.metadata.name) < ($1.revision, $1.metadata.name) }
            .map {
              ReplicaSetSample(
                name: $0.metadata.name, revision: $0.revision, desired: $0.replicas,
                current: $0.currentReplicas, terminating: $0.terminatingReplicas,
                ready: $0.readyReplicas, available: $0.availableReplicas,
                images: $0.spec.template.images)
            },
          phase: state.phase, reason: state.reason,
          weight: state.actualWeight ?? state.desiredWeight, step: state.step,
          paused: current.spec.isPaused || state.pause != nil, activeAvailable: nil,
          newVersionFaulty: false))
    }
    self.init(
      start: decisions.first?.time ?? now, end: max(now, decisions.last?.time ?? now),
      outcome: nil, trace: trace, samples: samples, baseline: nil, failures: [],
      deployment: current, promise: .surge)
  }

  private static func analysisEntry(
    _ run: AnalysisRun, _ record: DecisionRecord, phase: AnalysisPhase, at time: Double
  ) -> TraceEntry {
    TraceEntry(
      time: time,
      kind: .event(
        .analysis(
          time: time, deployment: ObjectKey(record.namespace, record.deployment), run: run.name,
          phase: phase, message: phase == .running ? nil : run.message)))
  }
}
