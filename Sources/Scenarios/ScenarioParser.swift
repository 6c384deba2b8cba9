import Engine
import Foundation
import Manifests
import Simulator

/// Reads a scenario (the body of a `scenario:` case, or a `rollout simulate` file) from YAML.
public enum ScenarioParser {
  /// The scenario in the file at `path` (its top level is a scenario; `strategy:` and `name:`
  /// are allowed beside it). Returns the scenario and the strategy it names, if any.
  public static func parse(path: String) throws(TestFileError) -> (Scenario, strategy: String?) {
    let value = try TestFileYAML.load(path: path)
    let root = TestFileReader(
      value: value, file: path, path: "",
      directory: URL(fileURLWithPath: path).deletingLastPathComponent())
    guard var members = value.objectValue else { throw root.error("expected a map") }
    let strategy = try root.optional("strategy")?.string()
    members["strategy"] = nil
    members["name"] = nil
    let body = TestFileReader(
      value: .object(members), file: path, path: "", directory: root.directory)
    return (try parse(body), strategy)
  }

  static func parse(_ item: TestFileReader) throws(TestFileError) -> Scenario {
    _ = try item.only([
      "manifest", "update", "params", "simulation", "actions", "expect", "promise", "horizon",
    ])
    let manifestField = try item.required("manifest")
    let (deployment, services, templates) = try manifest(manifestField)
    var scenario = Scenario(deployment: deployment, services: services)
    if let update = item.optional("update") {
      _ = try update.only(["image", "replicas", "manifest"])
      if let images = update.optional("image") {
        var replicas: Int?
        if let field = update.optional("replicas") {
          let count = try field.int()
          guard count >= 0 else { throw field.error("expected 0 or more replicas") }
          replicas = count
        }
        scenario.update = .images(try images.stringMap(), replicas: replicas)
      } else if let next = update.optional("manifest") {
        if let field = update.optional("replicas") {
          throw field.error("goes with image:; a manifest gives its own replicas")
        }
        scenario.update = .manifest(try manifest(next).0)
      } else {
        throw update.error("give image: {container: image} or manifest: file")
      }
    }
    if let params = item.optional("params") {
      guard case .object = params.value else { throw params.error("expected a map") }
      scenario.params = params.value
      // The scenario's parameters may reference the manifest's AnalysisTemplates.
      var probe = scenario.deployment
      probe.setStrategyParams(params.value)
      do {
        try AnalysisTemplates.attach(templates, to: &probe)
      } catch {
        throw params.error("\(error)")
      }
      scenario.deployment.setAnalysisTemplates((try? probe.analysisTemplates()) ?? [])
    }
    if let simulation = item.optional("simulation") {
      scenario.settings = try settings(simulation)
    }
    for action in try item.optional("actions")?.list() ?? [] {
      scenario.actions.append(try scheduled(action))
    }
    if let promise = item.optional("promise") {
      _ = try promise.only(["maxPods", "minAvailable"])
      scenario.promise = .explicit(
        maxPods: try promise.optional("maxPods")?.int(),
        minAvailable: try promise.optional("minAvailable")?.int())
    }
    if let horizon = item.optional("horizon") { scenario.horizon = try horizon.duration() }
    if let expect = item.optional("expect") { scenario.expect = try expectation(expect) }
    return scenario
  }

  private static func manifest(_ field: TestFileReader) throws(TestFileError)
    -> (Deployment, [Service], [AnalysisTemplate])
  {
    let path = try field.filePath()
    let loaded: LoadedManifest
    do {
      loaded = try ManifestLoader.load(path: path)
    } catch {
      throw field.error("\(error)")
    }
    guard loaded.deployments.count == 1, var deployment = loaded.deployments.first else {
      throw field.error("expected exactly one Deployment, found \(loaded.deployments.count)")
    }
    do {
      try AnalysisTemplates.attach(loaded.analysisTemplates, to: &deployment)
    } catch {
      throw field.error("\(path): \(deployment.kind) \"\(deployment.metadata.name)\": \(error)")
    }
    return (deployment, loaded.services, loaded.analysisTemplates)
  }

  private static func settings(_ item: TestFileReader) throws(TestFileError)
    -> SimulationSettings
  {
    _ = try item.only(["readyAfter", "terminateAfter", "readyJitter", "seed", "faults", "metrics"])
    var settings = SimulationSettings()
    if let value = item.optional("readyAfter") { settings.readyAfter = try value.duration() }
    if let value = item.optional("terminateAfter") {
      settings.terminateAfter = try value.duration()
    }
    if let value = item.optional("readyJitter") { settings.readyJitter = try value.duration() }
    if let value = item.optional("seed") {
      let seed = try value.int()
      guard seed >= 0 else { throw value.error("expected 0 or more") }
      settings.seed = UInt64(seed)
    }
    for fault in try item.optional("faults")?.list() ?? [] {
      do {
        settings.imageRules.append(try ImageRule.parse(try fault.string()))
      } catch let error as TestFileError {
        throw error
      } catch {
        throw fault.error("\(error)")
      }
    }
    for metric in try item.optional("metrics")?.list() ?? [] {
      settings.metricRules.append(try metricRule(metric))
    }
    return settings
  }

  /// `{image: GLOB, name: NAME, value: V}` or `{image, name, values: [{at: 2m, value: V}]}`,
  /// times since the update; a value is a number, NaN, error or empty.
  private static func metricRule(_ item: TestFileReader) throws(TestFileError) -> MetricRule {
    _ = try item.only(["image", "name", "value", "values"])
    func value(_ field: TestFileReader) throws(TestFileError) -> MetricRule.Value {
      let text: String
      switch field.value {
      case .int(let number): text = String(number)
      case .double(let number): text = String(number)
      default: text = try field.string()
      }
      guard let parsed = MetricRule.Value.parse(text) else {
        throw field.error("expected a number, NaN, error or empty")
      }
      return parsed
    }
    var points: [MetricRule.Point] = []
    if let single = item.optional("value") {
      points.append(MetricRule.Point(at: 0, value: try value(single)))
    }
    for point in try item.optional("values")?.list() ?? [] {
      _ = try point.only(["at", "value"])
      points.append(
        MetricRule.Point(
          at: try point.required("at").duration(), value: try value(point.required("value"))))
    }
    guard !points.isEmpty else { throw item.error("give value: or values: [{at:, value:}]") }
    return MetricRule(
      pattern: try item.required("image").string(), name: try item.required("name").string(),
      points: points)
  }

  static let verbs = [
    "promote", "abort", "retry", "pause", "resume", "scale", "undo", "setImage",
  ]

  private static func scheduled(_ item: TestFileReader) throws(TestFileError) -> ScheduledAction {
    let members = try item.only(Set(verbs + ["at"]))
    let at = try item.required("at").duration()
    let named = verbs.filter { members[$0] != nil }
    guard named.count == 1, let verb = named.first else {
      throw item.error("give exactly one action of: \(verbs.joined(separator: ", "))")
    }
    let argument = item.child(verb, members[verb]!)
    return ScheduledAction(at: at, action: try action(verb, argument))
  }

  /// One action: `promote: {}`/`{full: true}`, `scale: 20`, `undo: {toRevision: 1}`, …
  static func action(_ verb: String, _ argument: TestFileReader) throws(TestFileError)
    -> OperatorAction
  {
    func noArguments() throws(TestFileError) {
      if argument.value != .null, argument.value != .object([:]) {
        throw argument.error("takes no arguments: write {}")
      }
    }
    switch verb {
    case "promote":
      if argument.value == .null { return .promote(full: false) }
      _ = try argument.only(["full"])
      return .promote(full: try argument.optional("full")?.bool() ?? false)
    case "abort":
      try noArguments()
      return .abort
    case "retry":
      try noArguments()
      return .retry
    case "pause":
      try noArguments()
      return .pause
    case "resume":
      try noArguments()
      return .resume
    case "scale":
      let replicas = try argument.int()
      guard replicas >= 0 else { throw argument.error("expected 0 or more replicas") }
      return .scale(replicas: replicas)
    case "undo":
      if argument.value == .null { return .undo(toRevision: 0) }
      _ = try argument.only(["toRevision"])
      return .undo(toRevision: try argument.optional("toRevision")?.int() ?? 0)
    default:
      return .setImage(try argument.stringMap())
    }
  }

  private static func expectation(_ item: TestFileReader) throws(TestFileError)
    -> ScenarioExpectation
  {
    _ = try item.only([
      "phase", "reason", "message", "result", "revision", "images", "pauses", "completeWithin",
      "peakPodsAtMost", "availableNeverBelow", "analysis",
    ])
    var expect = ScenarioExpectation()
    if let phase = item.optional("phase") {
      guard let value = RolloutState.Phase(rawValue: try phase.string()) else {
        throw phase.error("expected Healthy, Progressing, Paused or Degraded")
      }
      expect.phase = value
    }
    if let reason = item.value["reason"] {
      expect.reason = .some(reason == .null ? nil : try item.child("reason", reason).string())
    }
    expect.message = try item.optional("message")?.string()
    if let result = item.optional("result") {
      guard let value = RolloutRunner.Outcome.Result(rawValue: try result.string()) else {
        throw result.error(
          "expected complete, paused, degraded, progressDeadlineExceeded, stalled or aborted")
      }
      expect.result = value
    }
    expect.revision = try item.optional("revision")?.int()
    expect.images = try item.optional("images").map(strings)
    expect.pauses = try item.optional("pauses").map(strings)
    expect.completeWithin = try item.optional("completeWithin")?.duration()
    expect.peakPodsAtMost = try item.optional("peakPodsAtMost")?.int()
    expect.availableNeverBelow = try item.optional("availableNeverBelow")?.int()
    if let runs = item.optional("analysis") {
      var phases: [String: AnalysisPhase] = [:]
      for (label, phase) in try runs.stringMap() {
        guard let value = AnalysisPhase(rawValue: phase) else {
          throw runs.error(
            "analysis.\(label): expected Successful, Failed, Error, Inconclusive or Running")
        }
        phases[label] = value
      }
      expect.analysis = phases
    }
    return expect
  }

  private static func strings(_ item: TestFileReader) throws(TestFileError) -> [String] {
    var values: [String] = []
    for element in try item.list() { values.append(try element.string()) }
    return values
  }
}
