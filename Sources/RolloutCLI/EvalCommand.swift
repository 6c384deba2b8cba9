import ArgumentParser
import Engine
import Foundation
import Scenarios
import Strategies

/// `rollout eval --strategy canary.lua --snapshot snapshot.yaml`: one strategy step on a
/// snapshot, the decision printed as JSON. How a user debugs a policy.
struct EvalCommand: ParsableCommand, ShadowsGlobalOptions {
  static let configuration = CommandConfiguration(
    commandName: "eval",
    abstract: "Run one strategy step on a snapshot and print the decision as JSON.",
    discussion: """
      The snapshot is YAML or JSON: a Deployment and its ReplicaSets (apps/v1 objects with \
      spec.replicas and status counts, as `kubectl get -o yaml` prints them; separate documents \
      or a List). The ReplicaSet with the newest revision is the new one. The decision is \
      checked as the engine would check it (valid, inside the safety envelope); a refused \
      decision or a failing script exits 1.

      eval reads no store. `eval --state FILE` is the old spelling of --snapshot and still \
      works, with a warning; `rollout --state DIR eval` (the store, before the subcommand) is \
      refused.
      """)

  static let shadowedGlobalOptions = [
    "--state":
      "eval reads a snapshot file, not the store; give the snapshot as `eval --snapshot FILE`"
  ]

  @Option(
    help: ArgumentHelp(
      "A stock strategy (\(StrategySource.stockNames.joined(separator: ", "))) or a .lua file.",
      valueName: "name|file.lua"))
  var strategy: String

  @Option(
    name: .customLong("snapshot"),
    help: ArgumentHelp("The snapshot: Deployment plus ReplicaSets.", valueName: "snapshot.yaml"))
  var snapshotOption: String?

  @Option(
    name: .customLong("state"),
    help: ArgumentHelp("Deprecated spelling of --snapshot.", visibility: .hidden))
  var deprecatedSnapshot: String?

  @OptionGroup var output: OutputOptions

  /// The snapshot file: `--snapshot`, else the deprecated `--state`.
  private var snapshotFile: String { snapshotOption ?? deprecatedSnapshot ?? "" }

  func validate() throws {
    switch (snapshotOption, deprecatedSnapshot) {
    case (nil, nil): throw ValidationError("give the snapshot: --snapshot snapshot.yaml")
    case (.some, .some): throw ValidationError("give the snapshot once, with --snapshot")
    default: break
    }
  }

  @Option(help: ArgumentHelp("The strategy's persisted state, as YAML.", valueName: "yaml"))
  var strategyState: String?

  @Option(help: ArgumentHelp("The clock, in seconds.", valueName: "seconds"))
  var now: Double = 0

  func run() throws {
    if deprecatedSnapshot != nil {
      FileHandle.standardError.write(
        Data("warning: eval --state is deprecated: use --snapshot (the same file)\n".utf8))
    }
    let snapshot = try loadSnapshot()
    let loaded: LuaStrategy
    do {
      loaded = try StrategyProvider(
        baseDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
      ).strategy(named: strategy)
    } catch {
      throw InputError("--strategy: \(error)", field: "--strategy")
    }
    // Judged as the engine judges it: valid, and inside the safety envelope.
    let verdict = DecisionVerdict.judge(loaded, on: snapshot)
    guard verdict.outcome.result == .applied, let decision = verdict.decision else {
      let error = verdict.outcome.error ?? verdict.outcome.result.rawValue
      FileHandle.standardError.write(Data("error: \(error)\n".utf8))
      if output.output != .text {
        emit(InputError(error).json(exitCode: ExitStatus.failed).compactJSON + "\n")
      }
      throw ExitCode(ExitStatus.failed)
    }
    // One document: the same line in every format.
    emit(decision.evalJSON + "\n")
  }

  private func loadSnapshot() throws -> StrategySnapshot {
    var snapshot: StrategySnapshot
    do {
      snapshot = try SnapshotDocuments.load(path: snapshotFile)
    } catch {
      throw InputError("\(error)", file: snapshotFile)
    }
    snapshot.now = now
    if let strategyState {
      do {
        snapshot.state = try JSONValue(yaml: strategyState)
      } catch {
        throw InputError("--strategy-state: not YAML: \(error)")
      }
    }
    return snapshot
  }
}

extension StrategyDecision {
  /// The decision as `rollout eval` prints it: `scale` maps each ReplicaSet to its final size,
  /// `operations` keeps every scale in order.
  var evalJSON: String {
    var sizes: [String: JSONValue] = [:]
    for operation in scale { sizes[operation.replicaSet] = .int(operation.replicas) }
    var object: [String: JSONValue] = [
      "scale": .object(sizes),
      "operations": .array(
        scale.map {
          .object([
            "replicaSet": .string($0.replicaSet), "replicas": .int($0.replicas),
            "origin": $0.origin.map(JSONValue.string) ?? .null,
          ])
        }),
      "complete": .bool(complete),
    ]
    object["message"] = message.map(JSONValue.string)
    object["requeueAfter"] = requeueAfter.map(JSONValue.double)
    object["state"] = state
    // Analysis requests and the strategy's own abort, when the decision has them.
    object["analyses"] = analyses.map { JSONValue.encoded($0) }
    object["stopAnalyses"] = stopAnalyses.map { JSONValue.encoded($0) }
    object["abort"] = abort.map(JSONValue.string)
    if let pause {
      object["pause"] = .object([
        "reason": .string(pause.reason), "seconds": pause.seconds.map(JSONValue.double) ?? .null,
      ])
    }
    return JSONValue.object(object).compactJSON
  }
}
