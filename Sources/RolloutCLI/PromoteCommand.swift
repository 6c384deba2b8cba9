import ArgumentParser
import Engine
import Strategies

/// `rollout promote NAME [--full]`: past the current pause, or straight to the new version.
struct PromoteCommand: OperatorVerb {
  static let configuration = CommandConfiguration(
    commandName: "promote",
    abstract: "Promote a paused rollout past its current pause (--full: skip all remaining steps).")

  @OptionGroup var target: TargetOptions
  @Flag(help: "Skip the remaining steps and go straight to the new version.") var full = false
  @OptionGroup var options: VerbOptions

  var action: OperatorAction { .promote(full: full) }

  func change(_ deployment: inout Deployment, _ state: inout RolloutState, session: Session)
    throws
  {
    try refusingAsInput { () throws(OperatorActionError) in
      try OperatorActions.promote(&deployment, &state, full: full)
    }
  }
}

/// `rollout abort NAME`: back to the stable version.
struct AbortCommand: OperatorVerb {
  static let configuration = CommandConfiguration(
    commandName: "abort",
    abstract:
      "Abort a rollout: the strategy takes it back to the stable version (Degraded, RolloutAborted)."
  )

  @OptionGroup var target: TargetOptions
  @OptionGroup var options: VerbOptions

  var action: OperatorAction { .abort }

  func change(_ deployment: inout Deployment, _ state: inout RolloutState, session: Session)
    throws
  {
    let strategy = try session.strategies.strategy(for: deployment)
    try refusingAsInput { () throws(OperatorActionError) in
      try OperatorActions.abort(&deployment, &state, strategy: strategy)
    }
  }
}

/// `rollout retry NAME`: start an aborted (or failed) rollout again from its first step.
struct RetryCommand: OperatorVerb {
  static let configuration = CommandConfiguration(
    commandName: "retry",
    abstract: "Retry an aborted or failed rollout from its first step.")

  @OptionGroup var target: TargetOptions
  @OptionGroup var options: VerbOptions

  var action: OperatorAction { .retry }

  func change(_ deployment: inout Deployment, _ state: inout RolloutState, session: Session)
    throws
  {
    try refusingAsInput { () throws(OperatorActionError) in
      try OperatorActions.retry(&deployment, &state)
    }
  }
}
