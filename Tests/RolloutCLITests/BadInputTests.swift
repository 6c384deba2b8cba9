import Foundation
import Testing

/// Exit 2: bad input is refused before anything is applied, with a message that says where.
@Suite struct BadInputTests {
  /// One bad invocation: files to write in the sandbox, the arguments (`@v2` is
  /// examples/web-v2.yaml; other paths are relative to the sandbox, the working directory),
  /// and what the error must say.
  struct Case: Sendable, CustomTestStringConvertible {
    var name: String
    var files: [String: String] = [:]
    var arguments: [String]
    var mentions: [String]
    var testDescription: String { name }
  }

  static let invalidImage = try! String(
    contentsOfFile: Sandbox.example("web-v2.yaml"), encoding: .utf8
  ).replacingOccurrences(of: "image: example/web:2.0", with: "image: \"\"")

  static let cases: [Case] = [
    Case(
      name: "validation error", files: ["bad.yaml": invalidImage], arguments: ["bad.yaml"],
      mentions: ["bad.yaml", "document 1", "spec.template.spec.containers[0].image"]),
    Case(
      name: "validation error in the second document",
      files: [
        "two.yaml": (try! String(contentsOfFile: Sandbox.example("web-v2.yaml"), encoding: .utf8))
          + "---\n"
          + invalidImage.replacingOccurrences(
            of: "name: web\n  labels", with: "name: api\n  labels")
      ], arguments: ["two.yaml"],
      mentions: ["two.yaml", "document 2", "spec.template.spec.containers[0].image"]),
    Case(
      name: "YAML syntax error", files: ["syntax.yaml": "kind: Deployment\nmetadata: [\n"],
      arguments: ["syntax.yaml"], mentions: ["syntax.yaml", "line 3"]),
    Case(name: "missing manifest", arguments: ["nowhere.yaml"], mentions: ["nowhere.yaml"]),
    Case(name: "no manifest", arguments: [], mentions: ["manifest"]),
    Case(
      name: "unknown stock strategy", arguments: ["--strategy", "canary-ish", "@v2"],
      mentions: ["canary-ish", "rolling", "recreate"]),
    Case(
      name: "Lua syntax error",
      files: ["broken.lua": "function step(ctx)\n  local x =\nend\n"],
      arguments: ["--strategy", "broken.lua", "@v2"], mentions: ["broken.lua:3:"]),
    Case(
      name: "strategy file missing", arguments: ["--strategy", "missing.lua", "@v2"],
      mentions: ["missing.lua"]),
    Case(
      name: "param without =", arguments: ["--param", "batch", "@v2"],
      mentions: ["--param batch", "key=value"]),
    Case(
      name: "param value not YAML", arguments: ["--param", "pauseAt=[25,", "@v2"],
      mentions: ["--param pauseAt"]),
    Case(
      name: "unknown fault behaviour", arguments: ["--fault", "example/*=explode", "@v2"],
      mentions: ["--fault", "explode"]),
    Case(
      name: "fault without glob", arguments: ["--fault", "never-ready", "@v2"],
      mentions: ["--fault", "PATTERN=BEHAVIOUR"]),
    Case(
      name: "bad --ready-after", arguments: ["--ready-after", "soon", "@v2"],
      mentions: ["--ready-after soon"]),
    Case(
      name: "negative --terminate-after", arguments: ["--terminate-after=-5s", "@v2"],
      mentions: ["--terminate-after -5s", "negative"]),
    Case(
      name: "bad --ready-jitter unit", arguments: ["--ready-jitter", "1x", "@v2"],
      mentions: ["--ready-jitter 1x", "unit"]),
    Case(name: "non-numeric --seed", arguments: ["--seed", "abc", "@v2"], mentions: ["--seed"]),
    Case(name: "unknown flag", arguments: ["--frobnicate", "@v2"], mentions: ["--frobnicate"]),
    Case(
      name: "unknown output format", arguments: ["-o", "yaml", "@v2"], mentions: ["yaml"]),
    Case(
      name: "manifest twice", arguments: ["@v2", "-f", "@v2"], mentions: ["once"]),
  ]

  @Test(arguments: cases)
  func exitsTwoAndAppliesNothing(_ bad: Case) throws {
    let box = try Sandbox()
    let v1 = try box.run([Sandbox.example("web-v1.yaml"), "--state", box.state])
    #expect(v1.status == 0, "\(v1)")
    for (name, text) in bad.files { try box.write(name, text) }
    let before = try box.storeFiles()
    let arguments = bad.arguments.map { $0 == "@v2" ? Sandbox.example("web-v2.yaml") : $0 }
    let result = try box.run(arguments + ["--state", box.state])
    #expect(result.status == 2, "\(result)")
    #expect(!result.signaled)
    for mention in bad.mentions {
      #expect(result.stderr.contains(mention), "stderr should mention \(mention): \(result)")
    }
    #expect(try box.storeFiles() == before, "the store changed")
    let get = try box.run(["get", "web", "--state", box.state])
    #expect(get.stdout.contains("Revision:      1"), "\(get)")
    #expect(get.stdout.contains("example/web:1.0 (stable)"), "\(get)")
  }

  @Test func badInputOnAFreshStoreCreatesNoDeployment() throws {
    let box = try Sandbox()
    let result = try box.run([
      "--strategy", "nope", Sandbox.example("web-v1.yaml"), "--state", box.state,
    ])
    #expect(result.status == 2, "\(result)")
    #expect(try box.storeFiles().isEmpty)
    let get = try box.run(["get", "web", "--state", box.state])
    #expect(get.status == 2, "\(get)")
  }
}
