import Foundation
import Testing

/// `rollout serve` driven by the official Kubernetes Python client (`Tests/python`), in the
/// virtual environment `scripts/setup` makes under `.build/python`.
@Suite(.serialized) struct ServePythonClientTests {
  static let python = RolloutProcess.packageRoot.appendingPathComponent(".build/python/bin/python3")

  @Test func thePythonClientListsWatchesAndGetsTheAPIServersErrors() throws {
    guard FileManager.default.isExecutableFile(atPath: Self.python.path) else {
      Issue.record(
        "\(Self.python.path) is missing: run scripts/setup (it installs the kubernetes client there)"
      )
      return
    }
    let served = try ServeKubectlTests.Served(speed: 5)
    let process = Process()
    process.executableURL = Self.python
    process.arguments = [
      RolloutProcess.packageRoot.appendingPathComponent("Tests/python/kube_client_check.py").path
    ]
    var environment = ProcessInfo.processInfo.environment
    environment["KUBECONFIG"] = served.kubeconfig
    environment["MANIFEST"] =
      RolloutProcess.packageRoot.appendingPathComponent("examples/web-v1.yaml").path
    process.environment = environment
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "\(stderr)")
    #expect(stdout.contains("\"checks\": \"passed\""), "\(stdout)")
    let stopped = try served.stop()
    #expect(stopped.status == 0)
  }
}
