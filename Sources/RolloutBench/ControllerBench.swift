import AsyncHTTPClient
import Engine
import Foundation
import KubeClient

extension BenchSuite {
  /// `rollout controller` against `rollout serve --rollouts external`, both release binaries in
  /// their own processes: API writes per rollout against the minimum its scale sequence needs,
  /// the latency from a ReplicaSet change to the next scale, and a fleet of Rollouts
  /// (`ROLLOUT_BENCH_FLEET`, default 1,000): resident memory per Rollout and CPU while they roll.
  static let controller = BenchSuite(name: "controller") {
    let binary = executableDirectory().appendingPathComponent("rollout").path
    guard FileManager.default.isExecutableFile(atPath: binary) else {
      print("no rollout binary at \(binary): swift build -c release --product rollout")
      exit(2)
    }
    let fleet = Int(ProcessInfo.processInfo.environment["ROLLOUT_BENCH_FLEET"] ?? "") ?? 1_000
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("rollout-bench-controller-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let kubeconfig = directory.appendingPathComponent("kubeconfig").path
    let server = try BenchProcess(
      binary,
      [
        "serve", "--port", "0", "--speed", "20", "--state",
        directory.appendingPathComponent("state").path,
        "--kubeconfig-out", kubeconfig, "--rollouts", "external",
      ], directory: directory, name: "serve")
    defer { server.stop() }
    _ = try server.line(startingWith: "rollout serve: listening on ")
    let controller = try BenchProcess(
      binary,
      [
        "controller", "--kubeconfig", kubeconfig, "-n", "default", "--metrics-addr",
        "127.0.0.1:0", "--log-level", "error",
      ], directory: directory, name: "controller")
    defer { controller.stop() }
    let metricsURL =
      "http://" + (try controller.line(startingWith: "rollout controller: metrics on http://"))
    let connection = try KubeconfigLoader(explicitPath: kubeconfig).load()
    try blocking {
      let client = KubeClient(connection: connection)
      defer { Task { await client.shutdown() } }
      let bench = ControllerBenchRun(client: client, metricsURL: metricsURL)
      try await bench.writesAndLatency()
      try await bench.fleet(fleet, controller: controller)
    }
  }
}
