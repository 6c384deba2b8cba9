import Engine
import Foundation

extension Session {
  /// Creates the Deployment, or updates the stored one to the manifest's spec, labels and
  /// annotations while keeping what the controller owns (status, revision, rollout state).
  /// A rollout degraded by its strategy is retried: the operator applied again.
  func apply(_ manifest: Deployment) throws -> ObjectKey {
    let key = manifest.key
    guard let existing = cluster.get(Deployment.self, key) else {
      try cluster.create(manifest)
      return key
    }
    var stored = existing.applying(manifest)
    var state = RolloutState.read(from: stored)
    if state.blocksSteps {
      state.phase = .progressing
      state.reason = nil
      state.message = nil
      state.write(to: &stored)
    }
    try cluster.update(stored)
    return key
  }

  /// Creates the Service, or updates the stored one to the manifest's, keeping the
  /// `pod-template-hash` a strategy pinned in its selector (re-applying a manifest must not move
  /// traffic).
  func apply(_ manifest: Service) throws {
    guard var stored = cluster.get(Service.self, manifest.key) else {
      try cluster.create(manifest)
      return
    }
    let pinned = stored.pinnedHash
    stored.metadata.labels = manifest.metadata.labels
    stored.metadata.annotations = manifest.metadata.annotations
    stored.spec = manifest.spec
    if let pinned, manifest.pinnedHash == nil {
      var selector = stored.spec.selector ?? [:]
      selector[Labels.podTemplateHash] = pinned
      stored.spec.selector = selector
    }
    try cluster.update(stored)
  }

  /// Runs the rollouts of `keys` to their outcomes, reporting as `format` asks and saving the
  /// store after every settled instant. Returns the exit code (the worst outcome's).
  func drive(_ keys: [ObjectKey], output format: OutputOptions.Format) throws -> Int32 {
    try drive(keys, reporter: Reporters.make(format))
  }

  /// Runs the rollouts of `keys` to their outcomes, reporting to `reporter`.
  func drive(_ keys: [ObjectKey], reporter: any Reporter) throws -> Int32 {
    let runner = makeRunner()
    runner.controller.onEvent = { reporter.event($0) }
    let decisions = DecisionLogWriter(store: store)
    runner.controller.onDecision = { decisions.record($0) }
    var saveError: (any Error)?
    runner.afterInstant = { [self] runner in
      reporter.settled(cluster: runner.cluster, keys: keys)
      do {
        try decisions.checkpoint()
        try checkpoint()
      } catch { saveError = error }
    }
    let wallStart = ContinuousClock.now
    let outcomes: [RolloutRunner.Outcome]
    do {
      outcomes = try runner.run(keys)
    } catch {
      try decisions.flush()
      try save()
      throw error
    }
    if let saveError { throw saveError }
    try decisions.flush()
    try save()
    let wall = ContinuousClock.now - wallStart
    let seconds = Double(wall.components.seconds) + Double(wall.components.attoseconds) / 1e18
    reporter.finished(outcomes, keys: keys, wallSeconds: seconds)
    return outcomes.map(\.result.exitCode).max { rank($0) < rank($1) } ?? ExitStatus.complete
  }

  /// Failure outranks a pause, a pause outranks completion.
  private func rank(_ code: Int32) -> Int {
    switch code {
    case ExitStatus.failed: return 3
    case ExitStatus.paused: return 2
    default: return 1
    }
  }
}
