import Engine
import Foundation
import Testing

/// Every command takes `--output jsonl` and `json`; in those modes a bad input is a JSON error
/// object on standard output, with the same exit code.
@Suite struct OutputModeTests {
  /// Each command's arguments on a store holding the canary paused at its pause.
  static let commands: [[String]] = [
    ["get", "web-canary"],
    ["status", "web-canary", "--no-watch"],
    ["history", "web-canary"],
    ["history", "web-canary", "--decisions"],
    ["history", "web-canary", "--revision", "2"],
    ["replay", "web-canary"],
    ["eval", "--strategy", "rolling", "--snapshot", "SNAPSHOT"],
    ["test", "STRATEGIES/rolling_test.yaml"],
    ["simulate", "CANARY", "--image", "web=example/web:3.0", "--action", "6m:promote"],
    ["pause", "web-canary"],
    ["promote", "web-canary"],
  ]

  private func run(_ command: [String], format: String, box: Sandbox) throws -> RolloutResult {
    let arguments = command.map {
      $0.replacingOccurrences(of: "SNAPSHOT", with: Sandbox.example("snapshot.yaml"))
        .replacingOccurrences(
          of: "STRATEGIES",
          with: RolloutProcess.packageRoot.appendingPathComponent("strategies").path
        )
        .replacingOccurrences(of: "CANARY", with: Sandbox.example("canary.yaml"))
    }
    let storeless = ["eval", "test", "simulate"].contains(command.first)
    return try box.run(arguments + (storeless ? [] : ["--state", box.state]) + ["-o", format])
  }

  @Test(arguments: commands)
  func jsonl(_ command: [String]) throws {
    let box = try Sandbox()
    _ = try GlobalOptionTests.pausedCanary(box)
    let result = try run(command, format: "jsonl", box: box)
    #expect([0, 3].contains(result.status), "\(result)")
    let lines = try result.jsonLines()
    #expect(!lines.isEmpty, "\(result)")
    for line in lines where !(line.objectValue?.isEmpty ?? true) {
      // eval prints the decision itself, which has no type.
      if command.first != "eval" { #expect(line.type != nil, "\(line)") }
    }
  }

  @Test(arguments: commands.filter { !["pause", "promote"].contains($0.first) })
  func json(_ command: [String]) throws {
    let box = try Sandbox()
    _ = try GlobalOptionTests.pausedCanary(box)
    let result = try run(command, format: "json", box: box)
    #expect([0, 3].contains(result.status), "\(result)")
    let document = try JSONDecoder().decode(JSONValue.self, from: Data(result.stdout.utf8))
    #expect(document.objectValue != nil, "\(result)")
  }

  /// A manifest error names the file and the field in the JSON object.
  @Test(arguments: ["jsonl", "json"])
  func badManifestIsAJSONError(_ format: String) throws {
    let box = try Sandbox()
    let bad = try box.copy(
      example: "web-v1.yaml", to: "bad.yaml", replacing: [("replicas: 10", "replicas: -1")])
    let result = try box.run(["--state", box.state, "-o", format, bad])
    #expect(result.status == 2, "\(result)")
    let lines = try result.jsonLines()
    #expect(lines.count == 1, "\(result)")
    let error = try #require(lines.first)
    #expect(error.type == "error")
    #expect(error["exitCode"] == 2)
    #expect(error["file"]?.stringValue == bad)
    #expect(error["field"]?.stringValue == "spec.replicas")
    #expect(error["message"]?.stringValue?.contains("spec.replicas") == true)
    #expect(try box.storeFiles().isEmpty, "nothing applied")
  }

  /// A usage error, an unknown deployment, and a failing eval: JSON objects with their codes.
  @Test func otherErrorsAreJSONToo() throws {
    let box = try Sandbox()
    let usage = try box.run(["get", "--bogus", "-o", "jsonl"])
    #expect(usage.status == 2)
    #expect(try usage.jsonLines().first?["exitCode"] == 2, "\(usage)")
    #expect(try box.run(["--state", box.state, Sandbox.example("web-v1.yaml")]).status == 0)
    let missing = try box.run(["-o", "jsonl", "--state", box.state, "status", "nope"])
    #expect(missing.status == 2)
    let error = try missing.jsonLines().first
    #expect(error?.type == "error" && error?["message"]?.stringValue?.contains("nope") == true)
    let script = try box.write("fails.lua", "function step(ctx) error('no way') end\n")
    let failing = try box.run([
      "eval", "--strategy", script, "--snapshot", Sandbox.example("snapshot.yaml"), "-o", "jsonl",
    ])
    #expect(failing.status == 1, "\(failing)")
    let failure = try failing.jsonLines().first
    #expect(failure?.type == "error" && failure?["exitCode"] == 1, "\(failing)")
  }
}
