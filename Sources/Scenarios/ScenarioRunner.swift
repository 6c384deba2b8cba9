import Engine
import Foundation
import Manifests
import Simulator

/// Runs a `Scenario` on a fresh simulated cluster: the starting manifest is rolled out first
/// (not recorded), then the update is applied and the rollout runs, operator actions applied at
/// their times, until it completes, pauses or fails with no action left. Then the invariants and
/// the expectations are checked.
///
/// The strategy comes from the caller (the CLI passes its Lua strategy), so the engine needs no
/// Lua.
public struct ScenarioRunner {
  /// The strategy a Deployment runs.
  public var strategy: (Deployment) throws -> any RolloutStrategy
  /// The strategy's name (`canary`, `rolling`): its stock promise, and whether it can abort.
  public var strategyName: String
  /// Passed to `RolloutRunner.maxPassesPerInstant`.
  public var maxPassesPerInstant = 1_000

  public init(
    strategyName: String, strategy: @escaping (Deployment) throws -> any RolloutStrategy
  ) {
    self.strategyName = strategyName
    self.strategy = strategy
  }

  /// Runs `scenario` and checks it.
  public func run(_ scenario: Scenario) -> ScenarioRun {
    let promise =
      scenario.promise ?? .stock(strategy: strategyName, params: effectiveParams(scenario))
    let base = SimulatedCluster(settings: scenario.settings)
    let cluster = ScenarioCluster(base)
    let key = scenario.deployment.key
    let recorder = ScenarioRecorder(
      cluster: cluster, key: key, settings: scenario.settings, promise: promise)
    let controller = DeploymentController(cluster: cluster, strategy: strategy)
    controller.onEvent = { recorder.record(.event($0)) }
    cluster.onChange = { recorder.sample(settled: false) }
    let runner = RolloutRunner(controller: controller)
    runner.maxPassesPerInstant = maxPassesPerInstant

    var run = ScenarioRun(
      start: 0, end: 0, outcome: nil, trace: [], samples: [], failures: [], deployment: nil,
      promise: promise)
    var failures: [CaseFailure] = []
    do {
      try setUp(scenario, cluster: cluster, runner: runner, recorder: recorder)
      run.start = cluster.now
      // Metric values are given in time since the update; no real server is ever asked.
      controller.metricProvider = SimulatedMetricProvider(
        rules: scenario.settings.metricRules.map { $0.shifted(by: run.start) })
      cluster.horizon = run.start + scenario.horizon
      run.outcome = try drive(
        scenario, from: run.start, key: key, cluster: cluster, runner: runner,
        recorder: recorder, failures: &failures)
      if let livelock = livelockEvent(in: recorder.trace) {
        failures.append(
          CaseFailure(
            expectation: "invariant: the rollout terminates or pauses",
            message: "\(livelock.message)\n"
              + LivelockCycle.describe(recorder.trace, at: livelock.time),
            time: livelock.time))
      }
    } catch let error as RunnerError {
      recorder.record(.note("\(error)"))
      failures.append(
        CaseFailure(
          expectation: "invariant: the rollout terminates or pauses",
          message: "\(error)\n" + LivelockCycle.describe(recorder.trace, at: cluster.now),
          time: cluster.now))
    } catch {
      failures.append(CaseFailure(expectation: "setup", message: "\(error)"))
    }
    if cluster.reachedHorizon {
      failures.append(
        CaseFailure(
          expectation: "invariant: the rollout terminates or pauses",
          message:
            "still \(run.outcome.map { "\($0.phase.rawValue)" } ?? "running") after the horizon of \(formatDuration(scenario.horizon))",
          time: cluster.now))
    }
    run.end = cluster.now
    run.trace = recorder.trace
    run.samples = recorder.samples
    run.baseline = recorder.baseline
    run.deployment = cluster.get(Deployment.self, key)
    failures += ScenarioInvariants.check(run, expectsDegraded: scenario.expect.phase == .degraded)
    failures += ScenarioExpectations.check(scenario.expect, run: run)
    run.failures = failures
    return run
  }

  private func effectiveParams(_ scenario: Scenario) -> JSONValue? {
    if let params = scenario.params { return params }
    if case .manifest(let next) = scenario.update { return try? next.strategyParameters() }
    return try? scenario.deployment.strategyParameters()
  }

  /// Creates the starting objects and, when there is an update, rolls the starting manifest out
  /// and applies the update. Recording starts with the update.
  private func setUp(
    _ scenario: Scenario, cluster: ScenarioCluster, runner: RolloutRunner,
    recorder: ScenarioRecorder
  ) throws {
    var deployment = scenario.deployment
    if let params = scenario.params { deployment.setStrategyParams(params) }
    for service in scenario.services { try cluster.create(service) }
    try cluster.create(deployment)
    guard let update = scenario.update else {
      recorder.recording = true
      recorder.record(.note("applied \(deployment.metadata.name)"))
      recorder.sample(settled: false)
      return
    }
    cluster.horizon = cluster.now + scenario.horizon
    let first = try runner.run(deployment.key)
    guard first.result == .complete else {
      throw ScenarioSetupError(
        message:
          "the starting manifest did not roll out: \(first.result.rawValue) (\(first.reason ?? "")) \(first.message ?? "")"
      )
    }
    guard var stored = cluster.get(Deployment.self, deployment.key) else {
      throw ScenarioSetupError(message: "the Deployment disappeared")
    }
    switch update {
    case .images(let images, let replicas):
      if let replicas { stored.spec.replicas = replicas }
      for (container, image) in images.sorted(by: { $0.key < $1.key }) {
        do {
          try OperatorActions.setImage(&stored, container: container, image: image)
        } catch {
          throw ScenarioSetupError(message: "update: \(error)")
        }
      }
    case .manifest(let next):
      stored = stored.applying(next)
      if let params = scenario.params { stored.setStrategyParams(params) }
    }
    recorder.sampleBaseline()
    try cluster.update(stored)
    recorder.recording = true
    recorder.record(.note("applied the update"))
    recorder.sample(settled: false)
  }

  /// Runs the rollout, applying each action when the clock reaches it.
  private func drive(
    _ scenario: Scenario, from start: Double, key: ObjectKey, cluster: ScenarioCluster,
    runner: RolloutRunner, recorder: ScenarioRecorder, failures: inout [CaseFailure]
  ) throws -> RolloutRunner.Outcome {
    var pending = scenario.actions.sorted { $0.at < $1.at }[...]
    var refused: [CaseFailure] = []
    let applyDue = { (cluster: ScenarioCluster) in
      while let next = pending.first, start + next.at <= cluster.now {
        pending.removeFirst()
        do {
          _ = try OperatorActions.perform(
            next.action, on: key, cluster: cluster, strategy: strategy)
          recorder.record(.action(next.action))
        } catch {
          recorder.record(.refused(next.action, "\(error)"))
          refused.append(
            CaseFailure(
              expectation: "actions: at \(formatDuration(next.at)): \(next.action)",
              message: "refused: \(error)", time: cluster.now))
        }
        cluster.poke = true
        recorder.sample(settled: true)
      }
      cluster.nextAction = pending.first.map { start + $0.at }
    }
    applyDue(cluster)
    runner.afterInstant = { _ in
      recorder.sample(settled: true)
      applyDue(cluster)
    }
    defer { failures += refused }
    while true {
      let outcome = try runner.run(key)
      guard let next = pending.first, !cluster.reachedHorizon else { return outcome }
      // The rollout stopped (paused, complete, failed) before the next action: the cluster
      // goes on by itself until then.
      let due = start + next.at
      while cluster.now < due, !cluster.reachedHorizon {
        _ = cluster.waitForChange(until: due)
      }
      applyDue(cluster)
      cluster.poke = false
    }
  }
}

/// The runner's `Livelock` report in `trace`, if the strategy livelocked.
private func livelockEvent(in trace: [TraceEntry]) -> (time: Double, message: String)? {
  for entry in trace {
    if case .event(.degraded(let time, _, RolloutState.Reason.livelock, let message)) = entry.kind {
      return (time, message)
    }
  }
  return nil
}

/// The scenario could not be set up (the starting manifest did not roll out).
struct ScenarioSetupError: Error, CustomStringConvertible {
  var message: String
  var description: String { message }
}
