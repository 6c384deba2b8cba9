import Engine
import Scenarios
import Simulator

/// Scenarios over `ScenarioFixtures.deployment`: web, 10 replicas, image web:v1.
enum ScenarioFixtures {
  /// A Deployment `web` in `default` with one container `web`; fenceposts only when given
  /// (25%/25% otherwise).
  static func deployment(
    replicas: Int = 10, image: String = "web:v1", maxSurge: IntOrString? = nil,
    maxUnavailable: IntOrString? = nil
  ) -> Deployment {
    let fenceposts =
      maxSurge != nil || maxUnavailable != nil
      ? DeploymentStrategy(
        rollingUpdate: RollingUpdateDeployment(maxSurge: maxSurge, maxUnavailable: maxUnavailable))
      : nil
    let template = PodTemplateSpec(
      metadata: .init(labels: ["app": "web"]),
      spec: .object([
        "containers": .array([.object(["name": .string("web"), "image": .string(image)])])
      ]))
    return Deployment(
      metadata: ObjectMeta(name: "web", namespace: "default"),
      spec: DeploymentSpec(
        replicas: replicas, selector: LabelSelector(matchLabels: ["app": "web"]),
        template: template, strategy: fenceposts))
  }

  /// An update of `web` from web:v1 to `image`.
  static func update(
    to image: String = "web:v2", replicas: Int = 10, maxSurge: IntOrString? = nil,
    maxUnavailable: IntOrString? = nil, settings: SimulationSettings = SimulationSettings(),
    actions: [ScheduledAction] = [], expect: ScenarioExpectation = ScenarioExpectation()
  ) -> Scenario {
    Scenario(
      deployment: deployment(
        replicas: replicas, maxSurge: maxSurge, maxUnavailable: maxUnavailable),
      update: .images(["web": image]), settings: settings, actions: actions, expect: expect)
  }

  /// A runner over `strategy` for the rolling promise.
  static func runner(
    _ strategy: any RolloutStrategy = NativeRollingStrategy(), name: String = "rolling"
  ) -> ScenarioRunner {
    ScenarioRunner(strategyName: name) { _ in strategy }
  }
}

extension ScenarioRun {
  /// The failures' `expectation: message` lines.
  var failureLines: [String] { failures.map(\.description) }

  /// The failure whose expectation starts with `prefix`.
  func failure(_ prefix: String) -> CaseFailure? {
    failures.first { $0.expectation.hasPrefix(prefix) }
  }
}

/// A strategy made of a closure, for the fakes of one test.
struct ClosureStrategy: RolloutStrategy {
  var name = "fake"
  /// The safety envelope the fake declares (nil: the manifest's).
  var declaredEnvelope: EnvelopeDeclaration?
  let decide: (StrategySnapshot) throws -> StrategyDecision

  func step(_ snapshot: StrategySnapshot) throws -> StrategyDecision {
    try decide(snapshot)
  }
}
