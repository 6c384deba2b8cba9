/// The rollout step: the strategy sees a snapshot and decides; the engine validates the whole
/// decision, then applies all of it or none of it.
extension SyncPass {
  /// Runs one strategy step. Returns whether any ReplicaSet was scaled.
  mutating func step(newRS: ReplicaSet, oldRSs: [ReplicaSet], fenceposts: Fenceposts)
    throws(ClusterError) -> Bool
  {
    startRolloutIfNew(revision: newRS.revision)
    advanceAnalysis()
    if state.blocksSteps { return false }
    if !pauseElapsed() { return false }
    if state.finished { return false }
    var snapshot = makeSnapshot(newRS: newRS, oldRSs: oldRSs, fenceposts: fenceposts)
    let strategy: any RolloutStrategy
    do {
      snapshot.params = try controller.decoded.parameters(of: deployment)
      strategy = try controller.strategy(for: deployment)
    } catch {
      degrade(reason: DeploymentCondition.Reason.strategyFailed, message: "\(error)")
      return false
    }
    let verdict = DecisionVerdict.judge(strategy, on: snapshot)
    if let observe = controller.onDecision {
      observe(
        DecisionRecord(
          deployment: key, revision: newRS.revision, snapshot: snapshot,
          strategy: strategy.provenance, verdict: verdict))
    }
    guard let decision = verdict.decision, verdict.outcome.result == .applied else {
      degrade(
        reason: verdict.outcome.reason ?? DeploymentCondition.Reason.strategyFailed,
        message: verdict.outcome.error ?? "refused")
      return false
    }
    let started: [AnalysisRun]
    do {
      started = try prepareAnalyses(decision.analyses, newRS: newRS)
    } catch {
      degrade(reason: RolloutState.Reason.invalidSpec, message: error.message)
      return false
    }
    controller.remember(decision, for: key)
    let scaled = try apply(decision.scale, fenceposts: fenceposts)
    let pointed = try point(decision.services)
    record(decision, scaled: scaled)
    applyAnalysis(started, decision: decision)
    return scaled || pointed
  }

  /// A new revision starts with a fresh strategy state and no pause or failure.
  private mutating func startRolloutIfNew(revision: Int) {
    guard state.revision != revision else { return }
    let stable = state.stableReplicaSet
    state = RolloutState(phase: .progressing, generation: deployment.metadata.generation ?? 0)
    state.revision = revision
    state.stableReplicaSet = stable
    state.startedAt = now
  }

  /// Ends a timed pause whose time has come; returns false while a pause is still in force.
  private mutating func pauseElapsed() -> Bool {
    guard let pause = state.pause else { return true }
    if let until = pause.until, now >= until {
      state.pause = nil
      state.phase = .progressing
      state.reason = nil
      controller.emit(.resumed(time: now, deployment: key, reason: pause.reason))
      return true
    }
    result.wake(at: pause.until)
    return false
  }

  private mutating func apply(_ operations: [ScaleOperation], fenceposts: Fenceposts)
    throws(ClusterError) -> Bool
  {
    let before = replicaSets
    var scaled = false
    do {
      for operation in operations {
        guard let rs = replicaSet(named: operation.replicaSet), rs.replicas != operation.replicas
        else { continue }
        try scale(rs, to: operation.replicas, fenceposts: fenceposts, cause: .strategy)
        scaled = true
      }
    } catch {
      // All or nothing: put back what this decision already changed, then report.
      for original in before {
        if let current = replicaSet(named: original.metadata.name),
          current.replicas != original.replicas
        {
          _ = try? scale(current, to: original.replicas, fenceposts: fenceposts, cause: .strategy)
        }
      }
      throw error
    }
    return scaled
  }

  /// Points Services as the decision asks: pins the ReplicaSet's `pod-template-hash` in the
  /// selector, or removes it. Returns whether any Service changed.
  private mutating func point(_ pointers: [ServicePointer]) throws(ClusterError) -> Bool {
    var changed = false
    for pointer in pointers {
      let serviceKey = ObjectKey(deployment.metadata.effectiveNamespace, pointer.service)
      guard var service = cluster.get(Service.self, serviceKey) else { continue }
      let hash = pointer.replicaSet.flatMap { replicaSet(named: $0)?.podTemplateHash }
      guard service.pinnedHash != hash else { continue }
      var selector = service.spec.selector ?? [:]
      selector[Labels.podTemplateHash] = hash
      service.spec.selector = selector
      try cluster.update(service)
      controller.emit(
        .servicePointed(
          time: now, deployment: key, service: pointer.service, replicaSet: pointer.replicaSet))
      changed = true
    }
    return changed
  }

  private mutating func record(_ decision: StrategyDecision, scaled: Bool) {
    if let newState = decision.state { state.strategyState = newState }
    state.promoted = false
    if let weight = decision.weight { state.desiredWeight = weight }
    if let step = decision.step { state.step = step }
    if decision.complete { state.finished = true }
    if let message = decision.message, scaled || message != state.message {
      controller.emit(.step(time: now, deployment: key, message: message))
    }
    state.message = decision.message ?? state.message
    if let after = decision.requeueAfter { result.wake(at: now + after) }
    if let pause = decision.pause {
      let until = pause.seconds.map { now + $0 }
      state.pause = RolloutState.ActivePause(reason: pause.reason, since: now, until: until)
      state.phase = .paused
      state.reason = pause.reason
      controller.emit(.paused(time: now, deployment: key, reason: pause.reason, until: until))
      result.wake(at: until)
    }
  }

  /// What the strategy sees: counts per ReplicaSet, never pods.
  func makeSnapshot(newRS: ReplicaSet, oldRSs: [ReplicaSet], fenceposts: Fenceposts)
    -> StrategySnapshot
  {
    let view = deployment.view
    let olds = oldRSs.compactMap { replicaSet(named: $0.metadata.name)?.view }
    let stable = state.stableReplicaSet.flatMap { name in
      name == newRS.metadata.name ? name : olds.first { $0.name == name }?.name
    }
    return StrategySnapshot(
      deployment: view, newReplicaSet: newRS.view, oldReplicaSets: olds,
      fenceposts: fenceposts, now: now, state: state.strategyState, stableReplicaSet: stable,
      services: serviceViews(),
      operatorIntents: OperatorIntents(
        promoted: state.promoted, promoteFull: state.promoteFull, aborted: state.aborted),
      analysisRuns: state.analysisRuns.isEmpty ? nil : state.analysisRuns)
  }

  /// The namespace's Services, each with the ReplicaSet its selector pins, if it is one of this
  /// Deployment's.
  func serviceViews() -> [ServiceView] {
    cluster.list(Service.self, namespace: deployment.metadata.effectiveNamespace).map { service in
      let pinned = service.pinnedHash.flatMap { hash in
        replicaSets.first { $0.podTemplateHash == hash }?.metadata.name
      }
      return ServiceView(
        name: service.metadata.name, selector: service.spec.selector ?? [:], replicaSet: pinned)
    }
  }
}

extension ReplicaSet {
  /// The counts a strategy sees.
  public var view: ReplicaSetView {
    ReplicaSetView(
      name: metadata.name, revision: revision, replicas: replicas,
      currentReplicas: currentReplicas, readyReplicas: readyReplicas,
      availableReplicas: availableReplicas, terminatingReplicas: terminatingReplicas,
      images: spec.template.images, createdAt: metadata.creationTimestamp ?? 0)
  }
}
