import Engine

/// Scenarios over `ControllerFixtures.deployment`: web, 10 replicas, image web:v1.
enum ScenarioFixtures {
  /// An update of `web` from web:v1 to `image`.
  static func update(
    to image: String = "web:v2", replicas: Int = 10, maxSurge: IntOrString? = nil,
    maxUnavailable: IntOrString? = nil, settings: SimulationSettings = SimulationSettings(),
    actions: [ScheduledAction] = [], expect: ScenarioExpectation = ScenarioExpectation()
  ) -> Scenario {
    Scenario(
      deployment: ControllerFixtures.deployment(
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
