import ArgumentParser
import Engine

/// `rollout set image NAME CONTAINER=IMAGE...`.
struct SetCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "set", abstract: "Change a deployment's template.",
    subcommands: [SetImageCommand.self])
}

/// `rollout set image NAME CONTAINER=IMAGE...`: a new revision with new images.
struct SetImageCommand: OperatorVerb {
  static let configuration = CommandConfiguration(
    commandName: "image", abstract: "Set container images and roll the change out.")

  @OptionGroup var target: TargetOptions
  @Argument(help: ArgumentHelp("New images.", valueName: "container=image"))
  var images: [String]
  @OptionGroup var options: VerbOptions

  var action: OperatorAction {
    var pairs: [String: String] = [:]
    for pair in images {
      let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
      if parts.count == 2 { pairs[parts[0]] = parts[1] }
    }
    return .setImage(pairs)
  }

  func validate() throws {
    guard !images.isEmpty else { throw ValidationError("give at least one container=image") }
    for pair in images where pair.split(separator: "=", maxSplits: 1).count != 2 {
      throw ValidationError("\(pair): expected container=image")
    }
  }

  func change(_ deployment: inout Deployment, _ state: inout RolloutState, session: Session)
    throws
  {
    for pair in images {
      let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
      try refusingAsInput { () throws(OperatorActionError) in
        try OperatorActions.setImage(&deployment, container: parts[0], image: parts[1])
      }
    }
  }
}
