import ArgumentParser
import Engine

/// `rollout pause NAME`: `spec.paused = true`, as `kubectl rollout pause`.
struct PauseCommand: OperatorVerb {
  static let configuration = CommandConfiguration(
    commandName: "pause",
    abstract: "Pause a rollout: no more steps until resumed (scaling still applies).")

  @OptionGroup var target: TargetOptions
  @OptionGroup var options: VerbOptions

  var action: OperatorAction { .pause }

  func change(_ deployment: inout Deployment, _ state: inout RolloutState, session: Session)
    throws
  {
    try refusingAsInput { () throws(OperatorActionError) in
      try OperatorActions.pause(&deployment)
    }
  }
}

/// `rollout resume NAME`: `spec.paused = false`, and any strategy pause ends too.
struct ResumeCommand: OperatorVerb {
  static let configuration = CommandConfiguration(
    commandName: "resume",
    abstract: "Resume a paused rollout (a `rollout pause`, or a strategy's pause).")

  @OptionGroup var target: TargetOptions
  @OptionGroup var options: VerbOptions

  var action: OperatorAction { .resume }

  func change(_ deployment: inout Deployment, _ state: inout RolloutState, session: Session)
    throws
  {
    try refusingAsInput { () throws(OperatorActionError) in
      try OperatorActions.resume(&deployment, &state)
    }
  }
}

/// `rollout scale NAME --replicas N`: proportional scaling, also mid-rollout.
struct ScaleCommand: OperatorVerb {
  static let configuration = CommandConfiguration(
    commandName: "scale",
    abstract:
      "Set the number of replicas; mid-rollout every active ReplicaSet scales in proportion.")

  @OptionGroup var target: TargetOptions
  @Option(help: "The new number of replicas.") var replicas: Int
  @OptionGroup var options: VerbOptions

  var action: OperatorAction { .scale(replicas: replicas) }

  func validate() throws {
    guard replicas >= 0 else { throw ValidationError("--replicas must be 0 or more") }
  }

  func change(_ deployment: inout Deployment, _ state: inout RolloutState, session: Session)
    throws
  {
    deployment.spec.replicas = replicas
  }
}

/// `rollout restart NAME`: a new revision with the same pods, as `kubectl rollout restart`.
struct RestartCommand: OperatorVerb {
  static let configuration = CommandConfiguration(
    commandName: "restart",
    abstract: "Restart every pod through a new revision (a restartedAt annotation on the template)."
  )

  @OptionGroup var target: TargetOptions
  @OptionGroup var options: VerbOptions

  var action: OperatorAction { .restart(at: Timestamp.now()) }

  func change(_ deployment: inout Deployment, _ state: inout RolloutState, session: Session)
    throws
  {
    try refusingAsInput { () throws(OperatorActionError) in
      try OperatorActions.restart(&deployment, at: Timestamp.now())
    }
  }
}
