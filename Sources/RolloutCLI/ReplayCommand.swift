import ArgumentParser
import Engine
import Foundation
import RolloutAPI

/// `rollout replay NAME [--strategy file.lua] [--all]`: re-runs the recorded decisions of a
/// deployment through the current strategy and reports the first that differs.
struct ReplayCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "replay",
    abstract: "Re-run a deployment's recorded decisions through a strategy; report differences.",
    discussion: """
      Every decision a strategy made is in the store's decision log, with the snapshot it was \
      made on. replay runs each snapshot through the deployment's current strategy (or \
      --strategy) and compares the outcome (applied, refused, failed) and the decision, \
      ctx.state included, script lines aside; the report names the first field that differs \
      (decision.state.t: recorded 3.5, replayed 4.5). Each decision is replayed from its own \
      snapshot, ctx.state included; numbers keep their kind in the log (3 and 3.0 differ, as \
      in Lua).

      Exit codes: 0 every decision is identical, 1 one differs, 2 bad input.
      """)

  @OptionGroup var target: TargetOptions

  @Option(
    help: ArgumentHelp(
      "A stock strategy or a .lua file (default: the deployment's current strategy).",
      valueName: "name|file.lua"))
  var strategy: String?

  @Option(help: "Replay only the decisions of this revision.") var revision: Int?

  @Flag(help: "List every decision that differs, not only the first.") var all = false

  @OptionGroup var store: StoreOptions
  @OptionGroup var output: OutputOptions

  func run() throws {
    let session = try Session(store: store, simulation: nil)
    let report = try session.replay(
      ObjectKey(target.namespace, target.name), revision: revision, strategy: strategy)
    let replaying = report.strategy
    let records = report.results
    let printer = RecordPrinter(output.output)
    var differing = 0
    defer {
      printer.record(
        nil,
        .object([
          "type": "summary", "deployment": .string(target.name),
          "strategy": .string(replaying.name), "decisions": .int(records.count),
          "differ": .int(differing),
        ]))
      printer.finish("replay")
    }
    guard !records.isEmpty else {
      printer.text("no decisions recorded for deployment \"\(target.name)\"\n")
      return
    }
    for result in report.differing {
      differing += 1
      printer.record(Self.describe(result, strategy: replaying), Self.json(result))
      if !all { break }
    }
    if differing == 0 {
      printer.text("\(records.count) decisions replayed through \(replaying.name), all identical\n")
      return
    }
    if all {
      printer.text(
        "\(records.count) decisions replayed through \(replaying.name), \(differing) differ\n")
    }
    throw ExitCode(ExitStatus.failed)
  }

  /// A decision that differs, as a JSON object.
  static func json(_ result: DecisionReplay.Result) -> JSONValue {
    let record = result.record
    return .object([
      "type": "differs", "revision": .int(record.revision), "step": .int(record.step),
      "time": .double(record.time),
      "recorded": .string(
        DecisionSummary.summary(record.decision, record.outcome, in: record.snapshot)),
      "replayed": .string(
        DecisionSummary.summary(
          result.replayed.decision, result.replayed.outcome, in: record.snapshot)),
      "path": result.difference.map { .string($0.path) } ?? .null,
      // As exact JSON text: 3 and 3.0 differ, and stay told apart.
      "recordedValue": result.difference.map { .string(JSONDifference.text($0.left)) } ?? .null,
      "replayedValue": result.difference.map { .string(JSONDifference.text($0.right)) } ?? .null,
    ])
  }

  /// `decision 4 (revision 2, step 3, t=12s) differs:` and the recorded and replayed decisions.
  static func describe(_ result: DecisionReplay.Result, strategy: StrategyProvenance) -> String {
    let record = result.record
    let snapshot = record.snapshot
    let was =
      record.strategy.sourceDigest == strategy.sourceDigest
      ? "" : " (recorded with \(record.strategy.name) \(record.strategy.sourceDigest ?? ""))"
    let first = result.difference.map {
      "  first difference: \($0.path): recorded \(JSONDifference.text($0.left)), "
        + "replayed \(JSONDifference.text($0.right))\n"
    }
    return """
      decision \(record.step) of revision \(record.revision) at \(clock(record.time)) differs\(was):
      \(first ?? "")  recorded: \(DecisionSummary.summary(record.decision, record.outcome, in: snapshot))
        replayed: \(DecisionSummary.summary(result.replayed.decision, result.replayed.outcome, in: snapshot))

      """
  }
}
