import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `rollout dashboard` in a real browser: headless Chromium driven by selenium
/// (`Tests/browser/dashboard_e2e.py`, from the virtual environment `scripts/setup` makes under
/// `.build/python`) against a store with a paused canary and a rollout carrying hostile markup.
/// Screenshots go to `.build/artifacts/dashboard/`.
@Suite(.serialized) struct DashboardBrowserTests {
  static let chromium = "/usr/bin/chromium"
  static let chromedriver = "/usr/bin/chromedriver"
  static let python = RolloutProcess.packageRoot.appendingPathComponent(".build/python/bin/python3")
  static let script = RolloutProcess.packageRoot.appendingPathComponent(
    "Tests/browser/dashboard_e2e.py")
  static let screenshots = RolloutProcess.packageRoot.appendingPathComponent(
    ".build/artifacts/dashboard")

  /// A Deployment canary `shop`: 20%, then a pause only promote ends.
  static func shop(image: String) -> String {
    """
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: shop
      annotations:
        rollout.dev/strategy: canary
        rollout.dev/strategy-params: '{steps: [{setWeight: 20}, {pause: {}}]}'
    spec:
      replicas: 5
      selector:
        matchLabels: {app: shop}
      template:
        metadata:
          labels: {app: shop}
        spec:
          containers:
            - name: shop
              image: \(image)

    """
  }

  /// The store refuses `<script>alert(1)</script>` as a name (not an RFC 1123 subdomain), so the
  /// hostile markup rides in the change-cause annotation and the image, both shown by the pages.
  static let hostile = """
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: evil
      annotations:
        kubernetes.io/change-cause: "<script>alert(1)</script>"
    spec:
      replicas: 2
      selector:
        matchLabels: {app: evil}
      template:
        metadata:
          labels: {app: evil}
        spec:
          containers:
            - name: evil
              image: "example/evil:<img src=x onerror=alert(1)>"

    """

  /// A started `rollout dashboard` and the URL and token it printed.
  struct Dashboard {
    let server: RolloutProcess.Running
    let url: String
    let token: String

    init(sandbox: Sandbox) throws {
      server = try RolloutProcess.Running(
        ["dashboard", "--state", sandbox.state, "--port", "0"], cwd: sandbox.directory,
        environment: [:])
      let start = ContinuousClock.now
      var line: Substring?
      while line == nil, server.process.isRunning, ContinuousClock.now - start < .seconds(30) {
        line = server.currentStdout.split(separator: "\n").first { $0.hasPrefix("dashboard: http") }
        if line == nil { usleep(20_000) }
      }
      guard let line, let printed = line.split(separator: " ").dropFirst().first,
        let marker = printed.range(of: "#token=")
      else {
        server.killHard()
        throw RolloutProcessError(
          description: "rollout dashboard did not print its URL: \(server.currentStdout)")
      }
      url = String(printed[..<marker.lowerBound])
      token = String(printed[marker.upperBound...])
    }

    /// SIGTERM, and what the server printed and exited with.
    func stop() throws -> RolloutResult {
      kill(server.process.processIdentifier, SIGTERM)
      return try server.wait(timeout: 30)
    }
  }

  /// Runs `python3 arguments` with a deadline; returns its status and output.
  static func runPython(_ arguments: [String], timeout: Double) throws
    -> (status: Int32, stdout: String, stderr: String)
  {
    let scratch = FileManager.default.temporaryDirectory
      .appendingPathComponent("dashboard-browser-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    let out = scratch.appendingPathComponent("stdout")
    let err = scratch.appendingPathComponent("stderr")
    try Data().write(to: out)
    try Data().write(to: err)
    let process = Process()
    process.executableURL = python
    process.arguments = arguments
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = try FileHandle(forWritingTo: out)
    process.standardError = try FileHandle(forWritingTo: err)
    try process.run()
    let deadline = ContinuousClock.now + .seconds(timeout)
    var timedOut = false
    while process.isRunning {
      if ContinuousClock.now > deadline {
        timedOut = true
        process.terminate()
        break
      }
      usleep(20_000)
    }
    process.waitUntilExit()
    let stdout = (try? String(contentsOf: out, encoding: .utf8)) ?? ""
    var stderr = (try? String(contentsOf: err, encoding: .utf8)) ?? ""
    if timedOut { stderr += "\n(killed after \(timeout) s)" }
    return (timedOut ? -1 : process.terminationStatus, stdout, stderr)
  }

  @Test func listPromoteAndHostileTextInChromium() throws {
    let missing = [Self.chromium, Self.chromedriver].filter {
      !FileManager.default.isExecutableFile(atPath: $0)
    }
    guard missing.isEmpty else {
      print("DashboardBrowserTests skipped: \(missing.joined(separator: " and ")) missing")
      return
    }
    guard FileManager.default.isExecutableFile(atPath: Self.python.path) else {
      Issue.record("\(Self.python.path) is missing: run scripts/setup (it installs selenium there)")
      return
    }

    // The store: shop paused at its manual pause on revision 2; evil rolled out.
    let box = try Sandbox()
    let v1 = try box.write("v1.yaml", Self.shop(image: "example/shop:1.0"))
    let first = try box.run([v1, "--state", box.state])
    #expect(first.status == 0, "\(first)")
    let v2yaml = try box.write("v2.yaml", Self.shop(image: "example/shop:2.0"))
    let v2 = try box.run([v2yaml, "--state", box.state])
    #expect(v2.status == 3, "\(v2)")
    let evil = try box.run([try box.write("evil.yaml", Self.hostile), "--state", box.state])
    #expect(evil.status == 0, "\(evil)")
    // A hostile store: `evil` renamed to markup in the saved cluster, as no manifest could name
    // it (the CLI and the API server refuse such names), so the pages must escape names too.
    let cluster = box.state + "/cluster.json"
    let saved = try String(contentsOfFile: cluster, encoding: .utf8)
    let renamed = saved.replacingOccurrences(
      of: #""name":"evil""#, with: #""name":"<script>alert(1)<\/script>""#)
    #expect(renamed != saved)
    try renamed.write(toFile: cluster, atomically: true, encoding: .utf8)

    let dashboard = try Dashboard(sandbox: box)
    #expect(dashboard.url.hasPrefix("http://127.0.0.1:"), "\(dashboard.url)")
    #expect(dashboard.url.hasSuffix("/dashboard/"), "\(dashboard.url)")
    #expect(!dashboard.token.isEmpty)
    try FileManager.default.createDirectory(at: Self.screenshots, withIntermediateDirectories: true)

    let run = try Self.runPython(
      [Self.script.path, dashboard.url, dashboard.token, box.state, Self.screenshots.path],
      timeout: 120)
    #expect(run.status == 0, "\(run.stdout)\n--- stderr\n\(run.stderr)")
    #expect(run.stdout.contains(" passed, 0 failed"), "\(run.stdout)")

    let stopped = try dashboard.stop()
    #expect(stopped.status == 0 && !stopped.signaled, "\(stopped)")
    // The promote went through the store: a later `rollout get` sees the rollout complete.
    let get = try box.run(["get", "shop", "--state", box.state])
    #expect(CanaryTests.field("Status", in: get.stdout)?.contains("Healthy") == true, "\(get)")
  }
}
