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
  func startController(_ extra: [String] = [], scope: [String] = ["-n", "default"]) throws
    -> RolloutProcess.Running
  {
    let controller = try RolloutProcess.Running(
      ["controller", "--kubeconfig", served.kubeconfig] + scope
        + ["--metrics-addr", "127.0.0.1:0"] + extra,
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

  /// Records every change of the ReplicaSets of `app` (`kubectl get rs -w`), in the order the
  /// server made them, until `stop`.
  func startRecorder(app: String = "web") throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: ServeKubectlTests.kubectl)
    process.arguments = [
      "get", "rs", "-l", "app=\(app)", "-w", "--output-watch-events", "-o",
      "jsonpath={.type} {.object.metadata.name} {.object.spec.replicas}{\"\\n\"}",
    ]
    var environment = ProcessInfo.processInfo.environment
    environment["KUBECONFIG"] = served.kubeconfig
    environment["KUBECACHEDIR"] = served.sandbox.path("kube-cache-recorder")
    environment["HOME"] = served.sandbox.directory.path
    process.environment = environment
    let log = served.sandbox.path("recorder.log")
    _ = FileManager.default.createFile(atPath: log, contents: nil)
    process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
    process.standardError = FileHandle.nullDevice
    try process.run()
    recorder = process
  }

  private var recorder: Process?

  /// The scale writes seen so far: each ReplicaSet's `spec.replicas` as it changed, in order.
  func recordedScales() -> [(String, Int)] {
    let text =
      (try? String(contentsOfFile: served.sandbox.path("recorder.log"), encoding: .utf8)) ?? ""
    var last: [String: Int] = [:]
    var scales: [(String, Int)] = []
    for line in text.split(separator: "\n") {
      let parts = line.split(separator: " ")
      guard parts.count == 3, parts[0] != "DELETED", let replicas = Int(parts[2]) else { continue }
      let name = String(parts[1])
      if last[name] != replicas {
        last[name] = replicas
        scales.append((name, replicas))
      }
    }
    return scales
  }

  /// The most pods the ReplicaSets asked for at once, over the recorded changes.
  func peakDesired() -> Int {
    var current: [String: Int] = [:]
    var peak = 0
    for (name, replicas) in recordedScales() {
      current[name] = replicas
      peak = max(peak, current.values.reduce(0, +))
    }
    return peak
  }

  /// Each ReplicaSet's sequence of sizes, by its position (first created first).
  func scaleSequences() -> [[Int]] {
    var order: [String] = []
    var sequences: [String: [Int]] = [:]
    for (name, replicas) in recordedScales() {
      if sequences[name] == nil { order.append(name) }
      sequences[name, default: []].append(replicas)
    }
    return order.map { sequences[$0]! }
  }

  func stop() throws {
    if let recorder, recorder.isRunning { recorder.terminate() }
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

  /// A canary that completes on its own: timed pauses only.
  static func timedCanary(image: String) -> String {
    canary(image: image).replacingOccurrences(of: "- pause: {}", with: "- pause: {duration: 2}")
  }

  /// Changes the Rollout's image (kubectl set image does not know custom resources).
  func setImage(_ image: String) throws {
    let patched = try served.kubectl([
      "patch", "rollout", "web", "--type", "merge", "-p",
      #"{"spec":{"template":{"spec":{"containers":[{"name":"web","image":""# + image + #""}]}}}}"#,
    ])
    #expect(patched.status == 0, "\(patched.stderr)")
  }

  /// Waits for `web` to be Healthy at `image`'s revision.
  func waitForHealthy(timeout: Double = 90) throws {
    try waitFor("web to be Healthy", timeout: timeout) {
      let phase = try rollout("web", "{.status.phase} {.status.currentPodHash} {.status.stableRS}")
      let parts = phase.split(separator: " ")
      return parts.count == 3 && parts[0] == "Healthy" && parts[1] == parts[2]
    }
  }
}
