import ArgumentParser
import Engine
import Foundation

/// `rollout undo NAME [--to-revision N]`: kubectl's rollback. The ReplicaSet of that revision is
/// reused (no new ReplicaSet) and becomes the newest revision.
struct UndoCommand: OperatorVerb {
  static let configuration = CommandConfiguration(
    commandName: "undo",
    abstract: "Roll back to the previous revision, or to --to-revision N.")

  @OptionGroup var target: TargetOptions
  @Option(help: "The revision to go back to (default: the previous one).") var toRevision = 0
  @OptionGroup var options: VerbOptions

  var action: OperatorAction { .undo(toRevision: toRevision) }

  func validate() throws {
    guard toRevision >= 0 else {
      throw ValidationError("unable to find specified revision \(toRevision) in history")
    }
  }

  func change(_ deployment: inout Deployment, _ state: inout RolloutState, session: Session)
    throws
  {
    let history = session.history(of: deployment)
    var result = OperatorActions.UndoResult.unchanged(revision: 0)
    try refusingAsInput { () throws(OperatorActionError) in
      result = try OperatorActions.undo(
        &deployment, toRevision: toRevision, replicaSets: history.replicaSets)
    }
    if case .unchanged(let revision) = result {
      say(
        "\(history.resource) skipped rollback (current template already matches revision \(revision))\n"
      )
      throw ExitCode(ExitStatus.complete)
    }
    say("\(history.resource) rolled back\n")
  }

  /// kubectl's line for people: on stdout, or on stderr when stdout is JSON lines.
  private func say(_ text: String) {
    if options.output.output == .jsonl {
      FileHandle.standardError.write(Data(text.utf8))
    } else {
      emit(text)
    }
  }
}
