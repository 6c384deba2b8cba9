import Engine
import Foundation
import Testing

/// Global options (`--state`, the simulator flags, `--output`) before the subcommand mean what
/// they mean after it, as kubectl's global flags do.
@Suite struct GlobalOptionTests {
  /// A store holding the README's canary, paused at its indefinite pause.
  static func pausedCanary(_ box: Sandbox) throws -> String {
    let v2 = try box.copy(
      example: "canary.yaml", to: "canary-v2.yaml", replacing: [("web:1.0", "web:2.0")])
    #expect(try box.run(["--state", box.state, Sandbox.example("canary.yaml")]).status == 0)
    let paused = try box.run(["--state", box.state, v2])
    #expect(paused.status == 3, "\(paused)")
    return v2
  }

  @Test(arguments: [
    ["--state", "STATE", "get", "web-canary"],
    ["--state=STATE", "get", "web-canary"],
    ["get", "web-canary", "--state", "STATE"],
    ["--state", "STATE", "history", "web-canary"],
    ["--state", "STATE", "-o", "jsonl", "status", "web-canary", "--no-watch"],
    ["-o", "json", "--state", "STATE", "get", "web-canary"],
  ])
  func beforeOrAfterTheSubcommand(_ arguments: [String]) throws {
    let box = try Sandbox()
    _ = try Self.pausedCanary(box)
    let result = try box.run(
      arguments.map { $0.replacingOccurrences(of: "STATE", with: box.state) })
    #expect(result.status == 0 || result.status == 3, "\(result)")
    #expect(result.stdout.contains("web-canary"), "\(result)")
    #expect(!result.stderr.contains("Unexpected argument"), "\(result)")
  }

  @Test func promoteWithTheStoreFirst() throws {
    let box = try Sandbox()
    _ = try Self.pausedCanary(box)
    let promoted = try box.run(["--state", box.state, "promote", "web-canary"])
    #expect(promoted.status == 0, "\(promoted)")
    #expect(promoted.stdout.contains("successfully rolled out"), "\(promoted)")
  }

  /// A nested subcommand (`set image`) gets the options after its innermost name.
  @Test func nestedSubcommand() throws {
    let box = try Sandbox()
    #expect(try box.run(["--state", box.state, Sandbox.example("web-v1.yaml")]).status == 0)
    let result = try box.run([
      "--state", box.state, "--ready-after", "1s", "set", "image", "web", "web=example/web:3.0",
    ])
    #expect(result.status == 0, "\(result)")
    let get = try box.run(["--state", box.state, "-o", "json", "get", "web"])
    let images = try JSONDecoder().decode(JSONValue.self, from: Data(get.stdout.utf8))[
      "replicaSets"]?.arrayValue?.first?["images"]
    #expect(images == .array(["example/web:3.0"]), "\(get)")
  }

  /// The default subcommand (apply) takes every global option where it stands.
  @Test func defaultApply() throws {
    let box = try Sandbox()
    let result = try box.run([
      "--state", box.state, "-o", "jsonl", "--strategy", "rolling", Sandbox.example("web-v1.yaml"),
    ])
    #expect(result.status == 0, "\(result)")
    #expect(try result.summary()["result"] == "complete")
  }

  /// In `eval`, `--state` after the subcommand is the old spelling of `--snapshot` (a warning);
  /// before it, it names a store, which eval does not read: refused, saying so.
  @Test func evalStateClash() throws {
    let box = try Sandbox()
    let snapshot = Sandbox.example("snapshot.yaml")
    let current = try box.run(["eval", "--strategy", "rolling", "--snapshot", snapshot])
    #expect(current.status == 0, "\(current)")
    #expect(current.stderr.isEmpty, "\(current)")
    let old = try box.run(["eval", "--strategy", "rolling", "--state", snapshot])
    #expect(old.status == 0, "\(old)")
    #expect(old.stdout == current.stdout)
    #expect(old.stderr.contains("warning: eval --state is deprecated: use --snapshot"), "\(old)")
    let global = try box.run([
      "--state", box.state, "eval", "--strategy", "rolling", "--snapshot", snapshot,
    ])
    #expect(global.status == 2, "\(global)")
    #expect(global.stderr.contains("--state before `eval`"), "\(global)")
    #expect(global.stderr.contains("--snapshot"), "\(global)")
    #expect(!FileManager.default.fileExists(atPath: box.state), "eval opened a store")
  }
}
