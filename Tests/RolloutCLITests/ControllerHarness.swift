import Foundation
import Testing

/// `rollout serve --rollouts external` with `rollout controller` processes against it: the
/// served cluster runs pods and ReplicaSets, the controller alone decides the Rollouts.
final class ControllerHarness {
  let served: ServeKubectlTests.Served
  private(set) var controllers: [RolloutProcess.Running] = []

  init(speed: Double = 20, serveExtra: [String] = []) throws {
    served = try ServeKubectlTests.Served(
      speed: speed, extra: ["--rollouts", "external"] + serveExtra)
  }

  /// Starts a controller on the served cluster's kubeconfig.
  @discardableResult
  func startController(_ extra: [String] = []) throws -> RolloutProcess.Running {
    let controller = try RolloutProcess.Running(
      [
        "controller", "--kubeconfig", served.kubeconfig, "-n", "default", "--metrics-addr",
        "127.0.0.1:0",
      ] + extra,
      cwd: served.sandbox.directory, environment: ["HOME": served.sandbox.directory.path])
    controllers.append(controller)
    return controller
  }

  /// Applies `yaml` with kubectl.
  func apply(_ yaml: String) throws {
    let applied = try served.kubectl(["apply", "-f", "-"], input: yaml)
    #expect(applied.status == 0, "\(applied.stderr)")
  }

  /// `kubectl get rollout NAME -o jsonpath=PATH`.
  func rollout(_ name: String, _ path: String) throws -> String {
    try served.kubectl(["get", "rollout", name, "-o", "jsonpath=\(path)"]).stdout
  }

  /// Polls until `condition` holds (checked every 100 ms), or fails after `timeout` seconds
  /// with `describe` of the last state.
  func waitFor(
    _ what: String, timeout: Double = 60, _ condition: () throws -> Bool,
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let deadline = ContinuousClock.now + .seconds(timeout)
    while ContinuousClock.now < deadline {
      if try condition() { return }
      usleep(100_000)
    }
    let state = try served.kubectl(["get", "rollout,rs", "-o", "wide"]).stdout
    let logs = controllers.map(\.currentStdout).joined(separator: "\n---\n")
    Issue.record(
      "timed out waiting for \(what)\n\(state)\ncontroller output:\n\(logs)",
      sourceLocation: sourceLocation)
    throw RolloutProcessError(description: "timed out waiting for \(what)")
  }

  /// The ReplicaSets of `app` as (name, spec.replicas), sorted by name.
  func replicaSets(app: String) throws -> [(String, Int)] {
    let text = try served.kubectl([
      "get", "rs", "-l", "app=\(app)", "-o",
      "jsonpath={range .items[*]}{.metadata.name} {.spec.replicas}{\"\\n\"}{end}",
    ]).stdout
    return text.split(separator: "\n").compactMap { line in
      let parts = line.split(separator: " ")
      guard parts.count == 2, let replicas = Int(parts[1]) else { return nil }
      return (String(parts[0]), replicas)
    }.sorted { $0.0 < $1.0 }
  }

  func stop() throws {
    for controller in controllers where controller.process.isRunning {
      kill(controller.process.processIdentifier, SIGTERM)
      _ = try? controller.wait(timeout: 20)
    }
    _ = try served.stop()
  }

  static func canary(image: String, replicas: Int = 5, strategy: String? = nil) -> String {
    """
    apiVersion: argoproj.io/v1alpha1
    kind: Rollout
    metadata:
      name: web
    \(strategy.map { "  annotations:\n    rollout.dev/strategy: \($0)\n" } ?? "")spec:
      replicas: \(replicas)
      selector:
        matchLabels:
          app: web
      template:
        metadata:
          labels:
            app: web
        spec:
          containers:
          - name: web
            image: \(image)
      strategy:
        canary:
          steps:
          - setWeight: 20
          - pause: {}
          - setWeight: 60
          - pause: {duration: 1}
    """
  }
}
