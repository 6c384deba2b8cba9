import ArgumentParser
import Engine
import Foundation
import Manifests
import RolloutAPI
import Scenarios

/// `rollout`: progressive delivery with rollout decisions written in Lua.
@main
struct Rollout: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "rollout",
    abstract: "Roll out Kubernetes Deployments step by step, each step decided by a Lua strategy.",
    discussion: """
      rollout runs Kubernetes' Deployment and ReplicaSet controllers on an embedded simulated \
      cluster with a virtual clock (no cluster, no setup) and hands every rollout step to a Lua \
      5.4 strategy script. Stock strategies: rolling (Kubernetes-exact RollingUpdate), \
      recreate, canary and blue-green (Argo Rollouts' semantics) and pause-at-percentage; \
      write your own and `require "rollout.rolling"` to reuse the stock steps. Argo Rollouts' \
      Rollout manifests are read as they are.

      State is kept in a local store (--state, $ROLLOUT_STATE, or ./.rollout), so a second \
      invocation with a changed manifest rolls out the change, and the operator verbs (promote, \
      abort, retry, pause, resume, undo, restart, scale, set image) steer a rollout in flight.

      Global options (--state, the simulation flags, --output) go before or after the \
      subcommand. Every command takes --output jsonl (and json): one JSON object per line, or \
      one document; errors are a JSON object too.

      `rollout test strategies/` runs the tests beside each strategy; `rollout simulate` plays a \
      rollout without touching the store.

      `rollout serve` serves the simulated cluster as a Kubernetes API for kubectl; `rollout \
      controller` decides Argo Rollouts on a real Kubernetes API server (`rollout install` \
      prints what a cluster admin applies), and the operator verbs take --kubeconfig to act on \
      a cluster's Rollout.

      Not yet available: analysis, traffic routers, experiments.

      Exit codes:
        0  the rollout completed
        1  the rollout failed, is degraded, or was aborted
        2  bad input (manifest, strategy, flags); nothing was applied
        3  the rollout is paused
      """,
    version: RolloutVersion.current,
    subcommands: [
      ApplyCommand.self, StatusCommand.self, GetCommand.self, PromoteCommand.self,
      AbortCommand.self, RetryCommand.self, PauseCommand.self, ResumeCommand.self,
      UndoCommand.self, RestartCommand.self, ScaleCommand.self, SetCommand.self,
      HistoryCommand.self, EvalCommand.self, TestCommand.self, SimulateCommand.self,
      ReplayCommand.self, ServeCommand.self, ControllerCommand.self, InstallCommand.self,
      DashboardCommand.self,
    ],
    defaultSubcommand: ApplyCommand.self
  )

  /// Runs the command line, mapping failures to the documented exit codes: usage errors are
  /// bad input (2), not ArgumentParser's 64. With `--output json` or `jsonl`, an error is a JSON
  /// object on standard output as well.
  static func main() {
    let given = Array(CommandLine.arguments.dropFirst())
    let format = GlobalOptions.outputFormat(in: given)
    do {
      var command = try parseAsRoot(GlobalOptions.normalize(given, root: Rollout.self))
      try command.run()
    } catch let exit as ExitCode {
      Foundation.exit(exit.rawValue)
    } catch let error as InputError {
      fail(error, code: ExitStatus.badInput, format: format)
    } catch let error as SessionError {
      fail(InputError(error), code: ExitStatus.badInput, format: format)
    } catch {
      let code = exitCode(for: error)
      if code == .success {
        exit(withError: error)
      }
      let status = code == .validationFailure ? ExitStatus.badInput : ExitStatus.failed
      fail(InputError(fullMessage(for: error)), code: status, format: format, prefixed: false)
    }
  }

  /// Reports `error` on standard error (and, in the JSON formats, as an object on standard
  /// output) and exits with `code`.
  private static func fail(
    _ error: InputError, code: Int32, format: OutputOptions.Format, prefixed: Bool = true
  ) -> Never {
    let text = prefixed ? "error: \(error)" : error.description
    FileHandle.standardError.write(Data("\(text)\n".utf8))
    if format != .text {
      emit(error.json(exitCode: code).compactJSON + "\n")
    }
    Foundation.exit(code)
  }
}

/// The version `rollout --version` prints.
enum RolloutVersion {
  static let current = "0.1.0"
}

/// The documented exit codes.
enum ExitStatus {
  static let complete: Int32 = 0
  static let failed: Int32 = 1
  static let badInput: Int32 = 2
  static let paused: Int32 = 3
}

extension RolloutRunner.Outcome.Result {
  /// The documented exit code for a rollout that ended this way: the one mapping every command
  /// uses.
  var exitCode: Int32 {
    switch self {
    case .complete: return ExitStatus.complete
    case .paused: return ExitStatus.paused
    case .degraded, .progressDeadlineExceeded, .stalled, .notFound, .aborted:
      return ExitStatus.failed
    }
  }
}

/// Bad input: a manifest, a strategy, a flag. Exits 2 and applies nothing.
struct InputError: Error, CustomStringConvertible {
  var description: String
  /// The file at fault, when one is.
  var file: String?
  /// The field (`spec.replicas`), flag (`--param`) or script line at fault, when known.
  var field: String?

  init(_ description: String, file: String? = nil, field: String? = nil) {
    self.description = description
    self.file = file
    self.field = field
  }

  /// `error` as bad input, keeping the file and field of the errors that name them.
  init(_ error: any Error) {
    switch error {
    case let error as InputError: self = error
    case let error as ManifestError:
      self.init("\(error)", file: error.file, field: error.problems.first?.path)
    case let error as TestFileError:
      self.init("\(error)", file: error.file, field: error.field.isEmpty ? nil : error.field)
    default: self.init("\(error)")
    }
  }

  /// The error as the JSON output modes print it.
  func json(exitCode: Int32) -> JSONValue {
    .object([
      "type": "error", "exitCode": .int(Int(exitCode)), "file": file.map(JSONValue.string) ?? .null,
      "field": field.map(JSONValue.string) ?? .null, "message": .string(description),
    ])
  }
}
