import ArgumentParser
import Engine
import Foundation
import Manifests
import Strategies

/// `rollout [apply] -f app.yaml --strategy rolling`: apply a manifest to the local cluster and run
/// its rollout until it completes, pauses, or fails.
struct ApplyCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "apply",
    abstract: "Apply a manifest and run its rollout until it completes, pauses, or fails.",
    discussion: """
      The manifest holds apps/v1 Deployments (multi-document YAML; fields of Kubernetes' schema \
      rollout does not model are tolerated, a field the kind does not have is an error naming \
      the closest known name: --validate=warn makes it a warning). Applying an unchanged manifest continues a rollout where it stands.

      The strategy is --strategy, else the Deployment's rollout.dev/strategy annotation, else \
      the stock strategy for spec.strategy.type (rolling or recreate). Parameters are the YAML \
      map in the rollout.dev/strategy-params annotation, overridden by --param key=value (the \
      value is YAML: --param pauseAt=[25,50]).
      """)

  @Argument(help: ArgumentHelp("The manifest (same as -f).", valueName: "manifest.yaml"))
  var manifest: String?

  @Option(name: [.customShort("f"), .customLong("filename")], help: "The manifest to apply.")
  var file: String?

  @OptionGroup var strategyOptions: StrategyOptions
  @OptionGroup var store: StoreOptions
  @OptionGroup var simulation: SimulationOptions
  @OptionGroup var output: OutputOptions
  @OptionGroup var fieldValidation: ValidationOptions

  func validate() throws {
    switch (manifest, file) {
    case (nil, nil): throw ValidationError("give a manifest: rollout --strategy rolling app.yaml")
    case (.some, .some): throw ValidationError("give the manifest once, as an argument or with -f")
    default: break
    }
  }

  func run() throws {
    let path = manifest ?? file ?? ""
    let loaded = try fieldValidation.load(path)
    for warning in loaded.warnings {
      FileHandle.standardError.write(Data("warning: \(warning)\n".utf8))
    }
    let deployments = loaded.deployments
    guard !deployments.isEmpty else {
      throw InputError("\(path): no Deployment or Rollout to apply")
    }
    let session = try Session(store: store, simulation: simulation, existing: false)
    // Everything is checked before anything is written: a bad strategy or parameter applies
    // nothing.
    let prepared = try deployments.map {
      try prepare($0, session: session, file: path, templates: loaded.analysisTemplates)
    }
    for service in loaded.services { try session.apply(service) }
    let keys = try prepared.map { try session.apply($0) }
    try session.save()
    let code = try session.drive(keys, output: output.output)
    throw ExitCode(code)
  }

  /// The Deployment with the strategy and parameters of this invocation recorded on it, checked:
  /// the strategy loads and the parameters parse; and with the analysis templates of the
  /// manifest its parameters reference (a reference to none is bad input).
  private func prepare(
    _ deployment: Deployment, session: Session, file: String, templates: [AnalysisTemplate]
  ) throws -> Deployment {
    var deployment = deployment
    let name = "\(file): \(deployment.kind) \"\(deployment.metadata.name)\""
    if let strategy = strategyOptions.strategy {
      let source: StrategySource
      do {
        source = try session.strategies.source(named: strategy)
      } catch {
        throw InputError("--strategy: \(error)")
      }
      let spec = source.stockName ?? source.identity
      deployment.metadata.setAnnotation(Annotations.strategy, spec)
    }
    var params: JSONValue
    do {
      params = try deployment.strategyParameters()
    } catch {
      throw InputError("\(name): \(error)")
    }
    params = try strategyOptions.params(over: params)
    if params != .object([:]) {
      deployment.setStrategyParams(params)
    }
    do {
      try AnalysisTemplates.attach(templates, to: &deployment)
    } catch {
      throw InputError("\(name): \(error)", file: file, field: error.path)
    }
    // The strategy must load (a missing file or a Lua syntax error is bad input) and take the
    // parameters given (a typo is bad input); it is not run here: a script's error at its first
    // step fails the rollout like one at any later step.
    do {
      let strategy = try session.strategies.strategy(for: deployment)
      try strategy.checkParameters(params)
    } catch {
      throw InputError("\(name): \(error)")
    }
    return deployment
  }
}
