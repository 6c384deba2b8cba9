import Foundation
import Testing

/// `rollout serve` driven by the real kubectl (`/usr/bin/kubectl`, 1.32), end to end.
@Suite(.serialized) struct ServeKubectlTests {
  static let kubectl = "/usr/bin/kubectl"

  /// A served cluster on a fresh store and a kubectl pointed at it (its own cache directory).
  final class Served {
    let sandbox: Sandbox
    let server: RolloutProcess.Running
    let address: String
    let kubeconfig: String

    convenience init(speed: Double = 20, extra: [String] = []) throws {
      try self.init(sandbox: try Sandbox(), speed: speed, extra: extra)
    }

    /// A server started again on the store (and kubeconfig) of `earlier`.
    convenience init(reusing earlier: Served) throws {
      try self.init(sandbox: earlier.sandbox, speed: 20, extra: [])
    }

    init(sandbox: Sandbox, speed: Double, extra: [String]) throws {
      guard FileManager.default.isExecutableFile(atPath: ServeKubectlTests.kubectl) else {
        throw RolloutProcessError(
          description: "\(ServeKubectlTests.kubectl) is missing: these tests drive the real kubectl"
        )
      }
      self.sandbox = sandbox
      kubeconfig = sandbox.path("kubeconfig")
      server = try RolloutProcess.Running(
        [
          "serve", "--port", "0", "--speed", String(speed), "--state", sandbox.path("state"),
          "--kubeconfig-out", kubeconfig,
        ] + extra,
        cwd: sandbox.directory, environment: [:])
      let start = ContinuousClock.now
      var found: String?
      while found == nil, ContinuousClock.now - start < .seconds(30) {
        found = server.currentStdout.split(separator: "\n")
          .first { $0.hasPrefix("rollout serve: listening on ") }
          .flatMap { $0.split(separator: " ").dropFirst(4).first.map(String.init) }
        if found == nil { usleep(20_000) }
      }
      guard let found else {
        server.killHard()
        throw RolloutProcessError(
          description: "rollout serve did not start: \(server.currentStdout)")
      }
      address = found
    }

    /// Runs kubectl with this cluster's kubeconfig; returns status and output.
    @discardableResult
    func kubectl(_ arguments: [String], input: String? = nil, timeout: Double = 90) throws
      -> (status: Int32, stdout: String, stderr: String)
    {
      let process = Process()
      process.executableURL = URL(fileURLWithPath: ServeKubectlTests.kubectl)
      process.arguments = arguments
      process.currentDirectoryURL = RolloutProcess.packageRoot
      var environment = ProcessInfo.processInfo.environment
      environment["KUBECONFIG"] = kubeconfig
      environment["KUBECACHEDIR"] = sandbox.path("kube-cache")
      environment["HOME"] = sandbox.directory.path
      process.environment = environment
      let out = Pipe()
      let err = Pipe()
      process.standardOutput = out
      process.standardError = err
      if let input {
        let pipe = Pipe()
        process.standardInput = pipe
        try process.run()
        pipe.fileHandleForWriting.write(Data(input.utf8))
        try pipe.fileHandleForWriting.close()
      } else {
        process.standardInput = FileHandle.nullDevice
        try process.run()
      }
      let deadline = ContinuousClock.now + .seconds(timeout)
      let stdout = out.fileHandleForReading.readDataToEndOfFile()
      let stderr = err.fileHandleForReading.readDataToEndOfFile()
      while process.isRunning, ContinuousClock.now < deadline { usleep(5_000) }
      if process.isRunning { process.terminate() }
      process.waitUntilExit()
      return (
        process.terminationStatus, String(decoding: stdout, as: UTF8.self),
        String(decoding: stderr, as: UTF8.self)
      )
    }

    /// SIGTERM, and what the server printed and exited with.
    func stop() throws -> RolloutResult {
      kill(server.process.processIdentifier, SIGTERM)
      return try server.wait(timeout: 30)
    }
  }

  @Test func kubectlAppliesAndFollowsARollingUpdateToTheEnd() throws {
    let served = try Served()
    let applied = try served.kubectl(["apply", "-f", "examples/web-v1.yaml"])
    #expect(applied.status == 0, "\(applied.stderr)")
    #expect(applied.stdout.contains("deployment.apps/web created"))
    let first = try served.kubectl(["rollout", "status", "deployment/web", "--timeout=60s"])
    #expect(first.status == 0, "\(first.stderr)")
    #expect(first.stdout.contains("successfully rolled out"))
    let set = try served.kubectl(["set", "image", "deployment/web", "web=example/web:2.0"])
    #expect(set.status == 0, "\(set.stderr)")
    let second = try served.kubectl(["rollout", "status", "deployment/web", "--timeout=60s"])
    #expect(second.status == 0, "\(second.stderr)")
    #expect(second.stdout.contains("deployment \"web\" successfully rolled out"))
    let table = try served.kubectl(["get", "deploy,rs", "-o", "wide"])
    #expect(table.stdout.contains("UP-TO-DATE"), "\(table.stdout)")
    #expect(table.stdout.contains("example/web:2.0"))
    let history = try served.kubectl(["rollout", "history", "deployment/web"])
    #expect(history.status == 0, "\(history.stderr)")
    #expect(history.stdout.contains("REVISION"))
    let undo = try served.kubectl(["rollout", "undo", "deployment/web"])
    #expect(undo.status == 0, "\(undo.stderr)")
    let third = try served.kubectl(["rollout", "status", "deployment/web", "--timeout=60s"])
    #expect(third.status == 0, "\(third.stderr)")
    let image = try served.kubectl([
      "get", "deployment", "web", "-o", "jsonpath={.spec.template.spec.containers[0].image}",
    ])
    #expect(image.stdout == "example/web:1.0")
    let scaled = try served.kubectl(["scale", "deployment/web", "--replicas=4"])
    #expect(scaled.status == 0, "\(scaled.stderr)")
    let stopped = try served.stop()
    #expect(stopped.status == 0, "\(stopped.stderr)")
  }

  @Test func kubectlOperatesTheDeploymentLikeARealOne() throws {
    let served = try Served()
    let applied = try served.kubectl([
      "apply", "--server-side", "--field-manager=test", "-f", "examples/web-v1.yaml",
    ])
    #expect(applied.status == 0, "\(applied.stderr)")
    #expect(applied.stdout.contains("serverside-applied"))
    #expect(
      try served.kubectl(["wait", "--for=condition=Available", "deployment/web", "--timeout=60s"])
        .status == 0)
    // A watch (`get -w`) sees the rollout kubectl starts beside it.
    let watcher = Process()
    watcher.executableURL = URL(fileURLWithPath: ServeKubectlTests.kubectl)
    watcher.arguments = ["get", "rs", "-w", "--request-timeout=8s"]
    var environment = ProcessInfo.processInfo.environment
    environment["KUBECONFIG"] = served.kubeconfig
    environment["KUBECACHEDIR"] = served.sandbox.path("kube-cache")
    watcher.environment = environment
    let watched = Pipe()
    watcher.standardOutput = watched
    watcher.standardError = FileHandle.nullDevice
    try watcher.run()
    usleep(500_000)
    #expect(try served.kubectl(["apply", "-f", "examples/web-v2.yaml"]).status == 0)
    #expect(
      try served.kubectl(["rollout", "status", "deployment/web", "--timeout=60s"]).status == 0)
    let seen = String(decoding: watched.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    watcher.waitUntilExit()
    #expect(seen.contains("DESIRED"), "\(seen)")
    #expect(seen.split(separator: "\n").count > 3, "\(seen)")
    let diff = try served.kubectl(["diff", "-f", "examples/web-v1.yaml"])
    #expect(diff.status == 1, "\(diff.stderr)")
    #expect(diff.stdout.contains("+      - image: example/web:1.0"), "\(diff.stdout)")
    #expect(try served.kubectl(["rollout", "pause", "deployment/web"]).status == 0)
    let paused = try served.kubectl(["rollout", "undo", "deployment/web"])
    #expect(paused.status != 0)
    #expect(paused.stderr.contains("paused"), "\(paused.stderr)")
    #expect(try served.kubectl(["rollout", "resume", "deployment/web"]).status == 0)
    #expect(try served.kubectl(["rollout", "restart", "deployment/web"]).status == 0)
    #expect(
      try served.kubectl(["rollout", "status", "deployment/web", "--timeout=60s"]).status == 0)
    let described = try served.kubectl(["describe", "deployment", "web"])
    #expect(described.stdout.contains("ScalingReplicaSet"), "\(described.stdout)")
    let deleted = try served.kubectl(["delete", "deployment", "web", "--timeout=30s"])
    #expect(deleted.status == 0, "\(deleted.stderr)")
    let left = try served.kubectl(["get", "rs,pods", "--no-headers"])
    #expect(left.stdout.isEmpty, "garbage left after the owner went: \(left.stdout)")
    _ = try served.stop()
  }

  @Test func theOperatorVerbsReachAServedStoreThroughTheServer() throws {
    let served = try Served()
    #expect(try served.kubectl(["apply", "-f", "examples/web-v1.yaml"]).status == 0)
    #expect(
      try served.kubectl(["rollout", "status", "deployment/web", "--timeout=60s"]).status == 0)
    let state = ["--state", served.sandbox.path("state")]
    let paused = try served.sandbox.run(["pause", "web"] + state)
    #expect(paused.status == 0, "\(paused.stderr)")
    #expect(paused.stdout.contains("pause done by rollout serve"), "\(paused.stdout)")
    let spec = try served.kubectl(["get", "deploy", "web", "-o", "jsonpath={.spec.paused}"])
    #expect(spec.stdout == "true")
    let refused = try served.sandbox.run(["promote", "web"] + state)
    #expect(refused.status == 2)
    #expect(refused.stderr.contains("nothing to promote"), "\(refused.stderr)")
    #expect(try served.sandbox.run(["resume", "web"] + state).status == 0)
    #expect(
      try served.sandbox.run(["set", "image", "web", "web=example/web:2.0"] + state).status == 0)
    #expect(
      try served.kubectl(["rollout", "status", "deployment/web", "--timeout=60s"]).status == 0)
    let image = try served.kubectl([
      "get", "deployment", "web", "-o", "jsonpath={.spec.template.spec.containers[0].image}",
    ])
    #expect(image.stdout == "example/web:2.0")
    _ = try served.stop()
  }

  /// kubectl's typed commands send protobuf bodies (and do not fall back to JSON on a 415);
  /// each object they create reads back as created.
  @Test func kubectlCreateAndRunSendProtobuf() throws {
    let served = try Served()
    func succeeds(_ arguments: [String]) throws -> String {
      let result = try served.kubectl(arguments)
      #expect(result.status == 0, "kubectl \(arguments.joined(separator: " ")): \(result.stderr)")
      return result.stdout
    }
    func jsonpath(_ object: [String], _ path: String) throws -> String {
      try succeeds(["get"] + object + ["-n", "shop", "-o", "jsonpath=\(path)"])
    }
    #expect(try succeeds(["create", "namespace", "shop"]).contains("namespace/shop created"))
    #expect(
      try jsonpath(["namespace", "shop"], "{.metadata.name} {.status.phase}") == "shop Active")
    let script = "examples/strategies/batches.lua"
    _ = try succeeds(["create", "configmap", "strategies", "-n", "shop", "--from-file=\(script)"])
    let lua = try String(
      contentsOf: RolloutProcess.packageRoot.appendingPathComponent(script), encoding: .utf8)
    #expect(try jsonpath(["configmap", "strategies"], #"{.data.batches\.lua}"#) == lua)
    _ = try succeeds([
      "create", "deployment", "web", "-n", "shop", "--image=example/web:1.0", "--replicas=3",
    ])
    let rolled = try succeeds([
      "rollout", "status", "deployment/web", "-n", "shop", "--timeout=60s",
    ])
    #expect(rolled.contains("deployment \"web\" successfully rolled out"))
    #expect(
      try jsonpath(
        ["deployment", "web"],
        "{.spec.replicas} {.status.readyReplicas} {.spec.template.spec.containers[0].image}")
        == "3 3 example/web:1.0")
    #expect(
      try succeeds(["run", "one", "-n", "shop", "--image=example/one:1"]).contains("created"))
    #expect(
      try jsonpath(["pod", "one"], "{.metadata.labels.run} {.spec.containers[0].image}")
        == "one example/one:1")
    _ = try succeeds(["create", "service", "clusterip", "web", "-n", "shop", "--tcp=80:8080"])
    #expect(
      try jsonpath(
        ["service", "web"],
        "{.spec.type} {.spec.ports[0].port} {.spec.ports[0].targetPort} {.spec.selector.app}")
        == "ClusterIP 80 8080 web")
    let stopped = try served.stop()
    #expect(stopped.status == 0, "\(stopped.stderr)")
  }

  @Test func aNeverReadyImageEndsInKubectlsProgressDeadlineMessage() throws {
    let served = try Served(speed: 200, extra: ["--fault", "example/web:9*=never-ready"])
    let manifest = try String(
      contentsOf: RolloutProcess.packageRoot.appendingPathComponent("examples/web-v1.yaml"),
      encoding: .utf8
    ).replacingOccurrences(of: "example/web:1.0", with: "example/web:9.0")
    let applied = try served.kubectl(["apply", "-f", "-"], input: manifest)
    #expect(applied.status == 0, "\(applied.stderr)")
    let status = try served.kubectl(["rollout", "status", "deployment/web", "--timeout=60s"])
    #expect(status.status == 1)
    #expect(status.stderr.contains("exceeded its progress deadline"), "\(status.stderr)")
    _ = try served.stop()
  }

  @Test func aBadTokenIsRefusedAndTheStoreIsHeldWhileServed() throws {
    let served = try Served()
    let config = try String(contentsOfFile: served.kubeconfig, encoding: .utf8)
    let token = config.split(separator: "\n").first { $0.contains("token:") }!
      .split(separator: " ").last!
    try config.replacingOccurrences(of: String(token), with: "wrong")
      .write(toFile: served.kubeconfig, atomically: true, encoding: .utf8)
    let refused = try served.kubectl(["get", "pods"])
    #expect(refused.status != 0)
    // kubectl's words for a 401.
    #expect(refused.stderr.contains("the server has asked for the client to provide credentials"))
    let cli = try served.sandbox.run(["get", "web", "--state", served.sandbox.path("state")])
    #expect(cli.status == 2)
    #expect(cli.stderr.contains("served by `rollout serve` at \(served.address)"), "\(cli.stderr)")
    _ = try served.stop()
  }
}
