import ArgumentParser
import Charts
import Engine
import Foundation
import Scenarios
import Strategies

/// `rollout simulate`: one rollout scenario on a throw-away simulated cluster, as a timeline and
/// a summary. The local store is never opened.
struct SimulateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "simulate",
    abstract: "Simulate a rollout without touching the store: a timeline, a summary, a chart.",
    discussion: """
      The input is a scenario file (the body of a scenario case of `rollout test`: manifest, \
      update, params, simulation, actions, expect; `strategy:` allowed), or a manifest:

        rollout simulate web.yaml --strategy canary --image web=example/web:2.0
            web.yaml is the running version; --image gives the new version's images
        rollout simulate web-v2.yaml --from web-v1.yaml --strategy canary
            web-v1.yaml rolls out first, then web-v2.yaml is applied over it
        rollout simulate web.yaml --strategy canary
            the first rollout of web.yaml, from nothing

      Operator actions happen at virtual times since the update: --action 5m:promote, \
      --action 2m:abort, --action 10m:scale=20, also promote=full, retry, pause, resume, undo, \
      undo=REVISION. The strategy is --strategy, else the file's `strategy:`, else the \
      Deployment's rollout.dev/strategy annotation, else rolling or recreate by \
      spec.strategy.type; --param key=value overrides its parameters. Simulation flags \
      (--ready-after, --ready-jitter, --seed, --fault, --terminate-after) apply over the file's.

      The timeline shows, at each settled instant that changed anything: the virtual time, the \
      strategy's step and traffic weight, each ReplicaSet's desired/ready/available pods, the \
      phase and reason. The summary gives the duration, peak pods, minimum availability, \
      pod-seconds of surge (pods above replicas, over time) and waves (instants at which the new \
      ReplicaSet grew). --chart writes an SVG of pods per ReplicaSet and available pods over \
      time, pauses shaded and operator actions marked. --compare runs a second strategy on the \
      same scenario and prints both summaries side by side; the chart then has a panel per \
      strategy, on the same scales.

      --output jsonl prints the timeline's rows, the checks and the summary of each strategy as \
      JSON objects, one a line; --output json prints them as one document.

      The strategy's promise and the file's expectations are checked as `rollout test` checks \
      them. Exit codes: 0 all held, 1 something did not, 2 bad input.
      """)

  @Argument(
    help: ArgumentHelp("A scenario file, or a Deployment manifest.", valueName: "file.yaml"))
  var input: String

  @OptionGroup var strategyOptions: StrategyOptions

  @Option(
    name: .customLong("image"),
    help: ArgumentHelp(
      "The new version: the manifest with this container image (repeatable).",
      valueName: "container=image"))
  var images: [String] = []

  @Option(
    help: ArgumentHelp(
      "The running version: roll this manifest out first, then apply the given one over it.",
      valueName: "manifest.yaml"))
  var from: String?

  @Option(
    name: .customLong("action"),
    help: ArgumentHelp(
      "An operator action at a virtual time since the update (repeatable): 5m:promote, "
        + "2m:abort, 10m:scale=20, 1m:pause, 3m:resume, 4m:undo.",
      valueName: "time:action"))
  var actions: [String] = []

  @OptionGroup var simulation: SimulationOptions
  @OptionGroup var output: OutputOptions
  @OptionGroup var fieldValidation: ValidationOptions

  @Option(help: ArgumentHelp("Write a chart of the rollout as SVG.", valueName: "file.svg"))
  var chart: String?

  @Option(
    help: ArgumentHelp(
      "Run this strategy too and print both summaries side by side.", valueName: "name|file.lua"))
  var compare: String?

  func validate() throws {
    if from != nil, !images.isEmpty {
      throw ValidationError("give the new version once: --from with a manifest, or --image")
    }
    for pair in images where pair.split(separator: "=", maxSplits: 1).count != 2 {
      throw ValidationError("--image \(pair): expected container=image")
    }
  }

  func run() throws {
    let (scenario, named) = try loadScenario()
    let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    let primarySpec =
      strategyOptions.strategy ?? named ?? StrategySource.defaultSpec(for: scenario.newVersion)
    var strategies = [try Self.strategy(primarySpec, flag: "--strategy", cwd: cwd)]
    // The parameters are the primary strategy's; a --compare strategy ignores those it lacks.
    do {
      try strategies[0].strategy.checkParameters(
        scenario.params ?? scenario.newVersion.strategyParameters())
    } catch {
      throw InputError("\(input): \(error)", file: input, field: "params")
    }
    if let compare { strategies.append(try Self.strategy(compare, flag: "--compare", cwd: cwd)) }
    let printer = RecordPrinter(output.output)
    var runs: [(label: String, run: ScenarioRun)] = []
    for (index, strategy) in strategies.enumerated() {
      let run = Self.simulate(scenario, with: strategy)
      printer.text(
        (index > 0 ? "\n" : "") + "simulating \(strategy.label): \(scenario.headline)\n\n"
          + Timeline.text(run) + "\n" + Timeline.checks(run, label: strategy.label))
      for object in Timeline.json(run, strategy: strategy.label) { printer.record(nil, object) }
      runs.append((strategy.label, run))
    }
    printer.text("\n" + Timeline.summaries(runs.map { ($0.label, ScenarioSummary($0.run)) }))
    if let chart {
      let title =
        runs.count == 1
        ? "\(runs[0].label): \(scenario.headline)"
        : "\(runs.map(\.label).joined(separator: " vs ")): \(scenario.headline)"
      let panels = runs.map { (label: runs.count > 1 ? Optional($0.label) : nil, run: $0.run) }
      do {
        try Data(Chart.svg(panels, title: title).utf8).write(to: URL(fileURLWithPath: chart))
      } catch {
        throw InputError("--chart \(chart): \(error.localizedDescription)", field: "--chart")
      }
      printer.text("chart written to \(chart)\n")
    }
    printer.finish("simulation", ["scenario": .string(scenario.headline)])
    if runs.contains(where: { !$0.run.failures.isEmpty }) { throw ExitCode(ExitStatus.failed) }
  }

  static func strategy(_ spec: String, flag: String, cwd: URL) throws -> LoadedStrategy {
    do {
      return try LoadedStrategy.load(spec, relativeTo: cwd)
    } catch {
      throw InputError("\(flag): \(error)")
    }
  }

  static func simulate(_ scenario: Scenario, with strategy: LoadedStrategy) -> ScenarioRun {
    let lua = strategy.strategy
    return ScenarioRunner(strategyName: strategy.name) { _ in lua }.run(scenario)
  }
}
