import Engine
import Foundation
import Manifests
import Scenarios

extension SimulateCommand {
  /// The scenario from the input file (a scenario file, or a manifest with the flags), with the
  /// flags applied; and the strategy the file names, if any.
  func loadScenario() throws -> (Scenario, String?) {
    var (scenario, named) = try isScenarioFile(input) ? scenarioFile() : manifestScenario()
    scenario.settings = try simulation.settings(over: scenario.settings)
    if !strategyOptions.params.isEmpty {
      scenario.params = try strategyOptions.params(
        over: scenario.params ?? scenario.newVersion.strategyParameters())
    }
    for text in actions { scenario.actions.append(try Self.action(text)) }
    return (scenario, named)
  }

  /// A scenario file has `manifest:` at its top level; a manifest has `kind:`.
  private func isScenarioFile(_ path: String) throws -> Bool {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw InputError("\(path): cannot read the file")
    }
    let value = try? JSONValue(yaml: String(decoding: data, as: UTF8.self))
    return value?["manifest"] != nil && value?["kind"] == nil
  }

  private func scenarioFile() throws -> (Scenario, String?) {
    if from != nil || !images.isEmpty {
      throw InputError(
        "\(input) is a scenario file: its update: gives the new version, not --from/--image")
    }
    do {
      return try ScenarioParser.parse(path: input)
    } catch {
      throw InputError(error)
    }
  }

  private func manifestScenario() throws -> (Scenario, String?) {
    let given = try manifest(input)
    if let from {
      let start = try manifest(from)
      return (
        Scenario(deployment: start.0, services: start.1 + given.1, update: .manifest(given.0)), nil
      )
    }
    var scenario = Scenario(deployment: given.0, services: given.1)
    if !images.isEmpty {
      var update: [String: String] = [:]
      for pair in images {
        let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
        update[parts[0]] = parts[1]
      }
      scenario.update = .images(update)
    }
    return (scenario, nil)
  }

  private func manifest(_ path: String) throws -> (Deployment, [Service]) {
    let loaded = try fieldValidation.load(path)
    for warning in loaded.warnings {
      FileHandle.standardError.write(Data("warning: \(warning)\n".utf8))
    }
    guard loaded.deployments.count == 1, var deployment = loaded.deployments.first else {
      throw InputError(
        "\(path): expected exactly one Deployment, found \(loaded.deployments.count)")
    }
    do {
      try AnalysisTemplates.attach(loaded.analysisTemplates, to: &deployment)
    } catch {
      throw InputError(
        "\(path): \(deployment.kind) \"\(deployment.metadata.name)\": \(error)")
    }
    return (deployment, loaded.services)
  }

  /// `5m:promote`, `10m:scale=20`, `2m:promote=full`, `4m:undo=1`.
  static func action(_ text: String) throws -> ScheduledAction {
    guard let colon = text.firstIndex(of: ":") else {
      throw InputError("--action \(text): expected time:action, e.g. 5m:promote")
    }
    let at: Double
    do {
      at = try parseDuration(String(text[..<colon]))
    } catch {
      throw InputError("--action \(text): \(error)")
    }
    let spec = text[text.index(after: colon)...]
    let parts = spec.split(separator: "=", maxSplits: 1).map(String.init)
    let verb = parts.first ?? ""
    let argument = parts.count > 1 ? parts[1] : nil
    let action: OperatorAction
    switch (verb, argument) {
    case ("promote", nil): action = .promote(full: false)
    case ("promote", "full"): action = .promote(full: true)
    case ("abort", nil): action = .abort
    case ("retry", nil): action = .retry
    case ("pause", nil): action = .pause
    case ("resume", nil): action = .resume
    case ("undo", nil): action = .undo(toRevision: 0)
    case ("undo", let revision?) where Int(revision) != nil:
      action = .undo(toRevision: Int(revision)!)
    case ("scale", let replicas?) where (Int(replicas) ?? -1) >= 0:
      action = .scale(replicas: Int(replicas)!)
    default:
      throw InputError(
        "--action \(text): expected promote, promote=full, abort, retry, pause, resume, undo, "
          + "undo=REVISION or scale=REPLICAS after the time")
    }
    return ScheduledAction(at: at, action: action)
  }
}

extension Scenario {
  /// The Deployment as it is after the update: what names the strategy and its parameters.
  var newVersion: Deployment {
    switch update {
    case .manifest(let next): return next
    case .images(_, let replicas?):
      var next = deployment
      next.spec.replicas = replicas
      return next
    default: return deployment
    }
  }

  /// `web, 10 replicas: example/web:1.0 -> example/web:2.0`.
  var headline: String {
    let before = deployment.spec.template.images.joined(separator: ",")
    var after = newVersion.spec.template
    if case .images(let images, _) = update {
      for (container, image) in images { _ = after.setImage(container: container, to: image) }
    }
    let name = "\(deployment.metadata.name), \(newVersion.replicas) replicas"
    guard update != nil else { return "\(name): first rollout of \(before)" }
    return "\(name): \(before) -> \(after.images.joined(separator: ","))"
  }
}
