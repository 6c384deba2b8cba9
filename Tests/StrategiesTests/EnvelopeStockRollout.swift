import Engine
import Simulator
import Strategies
import Testing

/// A Deployment `web` on the simulated cluster run by a stock strategy, with Services
/// `web-active` and `web-preview`, every decision and refusal recorded.
final class StockRollout {
  let cluster: SimulatedCluster
  let runner: RolloutRunner
  var records: [DecisionRecord] = []
  /// The degraded messages of refused decisions.
  var refusals: [String] = []
  /// A strategy to use instead of the stock one.
  var override: LuaStrategy?
  private var events: [RolloutEvent] = []
  private var mark = 0
  let key = ObjectKey("default", "web")

  init(
    strategy: String, params: String = "{}", replicas: Int, maxSurge: IntOrString = "25%",
    maxUnavailable: IntOrString = "25%", jitter: Double = 0, seed: UInt64 = 0,
    minReadySeconds: Int = 0, envelope: String? = nil
  ) throws {
    cluster = SimulatedCluster(
      settings: SimulationSettings(readyAfter: 2, readyJitter: jitter, seed: seed))
    for name in ["web-active", "web-preview"] {
      try cluster.create(
        Service(metadata: ObjectMeta(name: name), spec: ServiceSpec(selector: ["app": "web"])))
    }
    let stock = try LuaStrategy(source: StrategySource.stock(strategy)!)
    var override: () -> LuaStrategy? = { nil }
    let controller = DeploymentController(cluster: cluster) { _ in override() ?? stock }
    runner = RolloutRunner(controller: controller)
    override = { [unowned self] in self.override }
    controller.onEvent = { [unowned self] event in
      events.append(event)
      if case .degraded(_, _, RolloutState.Reason.envelopeViolation, let message) = event {
        refusals.append(message)
      }
    }
    controller.onDecision = { [unowned self] in records.append($0) }
    var annotations = [Annotations.strategyParams: params]
    annotations[SafetyEnvelope.annotation] = envelope
    try cluster.create(
      Deployment(
        metadata: ObjectMeta(name: "web", annotations: annotations),
        spec: DeploymentSpec(
          replicas: replicas, selector: LabelSelector(matchLabels: ["app": "web"]),
          template: PodTemplateSpec(
            metadata: .init(labels: ["app": "web"]),
            spec: ["containers": [["name": "web", "image": "web:1"]]]),
          strategy: DeploymentStrategy(
            type: "RollingUpdate",
            rollingUpdate: RollingUpdateDeployment(
              maxSurge: maxSurge, maxUnavailable: maxUnavailable)),
          minReadySeconds: minReadySeconds)))
    #expect(try runner.run(key).result == .complete)
  }

  /// The `.scaled` events since the last update.
  var scalesSinceUpdate: [RolloutEvent] {
    events[mark...].filter { if case .scaled = $0 { true } else { false } }
  }

  /// Sets the image and runs to `expecting` (else complete, or aborted), promoting past every
  /// operator pause (or aborting at the first one, then running until the abort is done).
  @discardableResult
  func update(
    to image: String, abortAfterFirstPause: Bool = false,
    expecting: RolloutRunner.Outcome.Result? = nil
  ) throws -> RolloutRunner.Outcome {
    mark = events.count
    try change { deployment, _ in deployment.spec.template.setImage(container: "web", to: image) }
    var aborted = false
    for _ in 0..<20 {
      let outcome = try runner.run(key)
      if outcome.result != .paused {
        let wanted = expecting ?? (aborted ? .aborted : .complete)
        #expect(outcome.result == wanted, "\(outcome)")
        return outcome
      }
      try change { _, state in
        if abortAfterFirstPause {
          aborted = true
          state.aborted = true
          state.finished = false
          (state.phase, state.reason) = (.degraded, RolloutState.Reason.aborted)
        } else {
          state.promoted = true
          state.phase = .progressing
        }
        state.pause = nil
      }
    }
    Issue.record("still paused after 20 promotions")
    return try runner.run(key)
  }

  private func change(_ edit: (inout Deployment, inout RolloutState) -> Void) throws {
    var deployment = cluster.get(Deployment.self, key)!
    var state = RolloutState.read(from: deployment)
    edit(&deployment, &state)
    state.write(to: &deployment)
    try cluster.update(deployment)
  }
}
