import Foundation
import Testing

/// `rollout serve` over HTTPS with curl: the error answers, watchers that stall or go away, and
/// a server killed with -9 that comes back where it was.
@Suite(.serialized) struct ServeHTTPTests {
  /// curl against the served cluster (its CA, its token unless `token` is given).
  static func curl(
    _ served: ServeKubectlTests.Served, _ arguments: [String], token: String? = nil
  ) throws -> (code: Int, body: String) {
    let config = try String(contentsOfFile: served.kubeconfig, encoding: .utf8)
    let stored =
      config.split(separator: "\n").first { $0.contains("token:") }!
      .split(separator: " ").last.map(String.init) ?? ""
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
    process.arguments =
      [
        "-sS", "--max-time", "30", "--cacert", served.sandbox.path("state/serve/ca.crt"),
        "-H", "Authorization: Bearer \(token ?? stored)", "-w", "\n%{http_code}",
      ] + arguments
    let out = Pipe()
    process.standardOutput = out
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let text = String(decoding: data, as: UTF8.self)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    return (Int(lines.last ?? "") ?? 0, lines.dropLast().joined(separator: "\n"))
  }

  @Test func errorsAreStatusObjectsWithTheAPIServersCodes() throws {
    let served = try ServeKubectlTests.Served()
    let base = served.address
    #expect(try served.kubectl(["apply", "-f", "examples/web-v1.yaml"]).status == 0)

    let unknown = try Self.curl(served, ["\(base)/apis/apps/v1/namespaces/default/widgets"])
    #expect(unknown.code == 404)
    #expect(unknown.body.contains("the server could not find the requested resource"))

    let token = try Self.curl(served, ["\(base)/api/v1/pods"], token: "wrong")
    #expect(token.code == 401)

    let patch = try Self.curl(
      served,
      [
        "-X", "PATCH", "-H", "Content-Type: application/merge-patch+json", "--data", "{not json",
        "\(base)/apis/apps/v1/namespaces/default/deployments/web",
      ])
    #expect(patch.code == 400, "\(patch.body)")
    #expect(patch.body.contains("\"reason\":\"BadRequest\""))

    let big = served.sandbox.path("big.json")
    try Data(repeating: UInt8(ascii: " "), count: 4 * 1024 * 1024).write(
      to: URL(fileURLWithPath: big))
    let tooLarge = try Self.curl(
      served,
      [
        "-X", "POST", "-H", "Content-Type: application/json", "--data-binary", "@\(big)",
        "\(base)/api/v1/namespaces/default/configmaps",
      ])
    #expect(tooLarge.code == 413, "\(tooLarge.body)")

    let invalid = try Self.curl(
      served,
      [
        "-X", "PATCH", "-H", "Content-Type: application/merge-patch+json",
        "--data", #"{"spec":{"replicas":-3}}"#,
        "\(base)/apis/apps/v1/namespaces/default/deployments/web",
      ])
    #expect(invalid.code == 422, "\(invalid.body)")
    #expect(invalid.body.contains("spec.replicas"))
    _ = try served.stop()
  }

  @Test func stalledAndAbandonedWatchersDoNotHoldBackTheOthers() throws {
    let served = try ServeKubectlTests.Served(speed: 20)
    let manifest = try String(
      contentsOf: RolloutProcess.packageRoot.appendingPathComponent("examples/web-v1.yaml"),
      encoding: .utf8
    ).replacingOccurrences(of: "replicas: 10", with: "replicas: 200")
    #expect(try served.kubectl(["apply", "-f", "-"], input: manifest).status == 0)
    let config = try String(contentsOfFile: served.kubeconfig, encoding: .utf8)
    let token =
      config.split(separator: "\n").first { $0.contains("token:") }!
      .split(separator: " ").last.map(String.init) ?? ""
    var watchers: [Process] = []
    for index in 0..<12 {
      let process = Process()
      process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
      // Half read a byte a second (stalled), half are killed at once (abandoned).
      process.arguments =
        [
          "-sN", "--cacert", served.sandbox.path("state/serve/ca.crt"), "-H",
          "Authorization: Bearer \(token)", "-o", "/dev/null",
        ] + (index % 2 == 0 ? ["--limit-rate", "1"] : [])
        + ["\(served.address)/api/v1/namespaces/default/pods?watch=true"]
      process.standardOutput = FileHandle.nullDevice
      process.standardError = FileHandle.nullDevice
      try process.run()
      watchers.append(process)
    }
    usleep(300_000)
    for (index, process) in watchers.enumerated() where index % 2 == 1 {
      kill(process.processIdentifier, SIGKILL)
    }
    #expect(
      try served.kubectl(["set", "image", "deployment/web", "web=example/web:2.0"]).status == 0)
    let status = try served.kubectl(["rollout", "status", "deployment/web", "--timeout=60s"])
    #expect(status.status == 0, "\(status.stderr)")
    let pods = try served.kubectl(["get", "pods", "--no-headers"])
    #expect(pods.stdout.split(separator: "\n").count >= 200)
    // SIGTERM with stalled watchers still connected: their watches end and the server exits 0.
    let started = ContinuousClock.now
    let stopped = try served.stop()
    #expect(stopped.status == 0, "\(stopped.stderr)")
    #expect(ContinuousClock.now - started < .seconds(15))
    for process in watchers where process.isRunning { process.terminate() }
  }

  @Test func aServerKilledHardComesBackWhereItWas() throws {
    let served = try ServeKubectlTests.Served()
    #expect(try served.kubectl(["apply", "-f", "examples/web-v1.yaml"]).status == 0)
    #expect(
      try served.kubectl(["rollout", "status", "deployment/web", "--timeout=60s"]).status == 0)
    let configMap = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: strategies}\ndata: {a: b}\n"
    #expect(try served.kubectl(["apply", "-f", "-"], input: configMap).status == 0)
    // Wait for a save to hold it (the cluster is saved first, the objects beside it next; saves
    // come at most every 100 ms, later on a loaded machine).
    let saved = served.sandbox.path("state/api-objects.json")
    let deadline = ContinuousClock.now + .seconds(10)
    while ContinuousClock.now < deadline,
      (try? String(contentsOfFile: saved, encoding: .utf8))?.contains("strategies") != true
    {
      usleep(20_000)
    }
    served.server.killHard()
    _ = try? served.server.wait(timeout: 10)
    let again = try ServeKubectlTests.Served(reusing: served)
    let deployments = try again.kubectl([
      "get", "deploy", "web", "-o", "jsonpath={.status.availableReplicas}",
    ])
    #expect(deployments.stdout == "10", "\(deployments.stderr)")
    let kept = try again.kubectl([
      "get", "configmap", "strategies", "-o", "jsonpath={.data.a}",
    ])
    #expect(kept.stdout == "b")
    _ = try again.stop()
  }
}
