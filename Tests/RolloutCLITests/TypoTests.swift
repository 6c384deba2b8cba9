import Engine
import Foundation
import Testing

/// Typos in a manifest are refused (exit 2, nothing applied), naming the field and the name
/// that was probably meant; `--validate=warn` applies with a warning instead.
@Suite struct TypoTests {
  static let typos: [(String, String, String)] = [
    (
      "replicas: 10", "replicsa: 10",
      "spec.replicsa: unknown field \"replicsa\" (did you mean \"replicas\"?)"
    ),
    (
      "maxSurge: 25%", "maxSurg: 25%",
      "spec.strategy.rollingUpdate.maxSurg: unknown field \"maxSurg\" (did you mean \"maxSurge\"?)"
    ),
  ]

  @Test func strictByDefault() throws {
    for (old, new, message) in Self.typos {
      let box = try Sandbox()
      let manifest = try box.copy(example: "web-v1.yaml", to: "web.yaml", replacing: [(old, new)])
      let result = try box.run(["--state", box.state, manifest])
      #expect(result.status == 2, "\(result)")
      #expect(
        result.stderr.contains("web.yaml: document 1 (Deployment \"web\"): \(message)"), "\(result)"
      )
      #expect(try box.storeFiles().isEmpty, "nothing applied")
    }
  }

  @Test func annotationTypo() throws {
    let box = try Sandbox()
    let manifest = try box.copy(
      example: "canary.yaml", to: "canary.yaml",
      replacing: [("rollout.dev/strategy:", "rollout.dev/stratgy:")])
    let result = try box.run(["--state", box.state, manifest])
    #expect(result.status == 2, "\(result)")
    #expect(
      result.stderr.contains(
        "metadata.annotations.rollout.dev/stratgy: unknown annotation \"rollout.dev/stratgy\" (did you mean \"rollout.dev/strategy\"?)"
      ), "\(result)")
  }

  @Test func warnApplies() throws {
    let box = try Sandbox()
    let manifest = try box.copy(
      example: "web-v1.yaml", to: "web.yaml", replacing: [("maxSurge: 25%", "maxSurg: 25%")])
    let result = try box.run(["--state", box.state, "--validate=warn", manifest])
    #expect(result.status == 0, "\(result)")
    #expect(result.stderr.contains("warning: "), "\(result)")
    #expect(result.stderr.contains("(did you mean \"maxSurge\"?)"), "\(result)")
    let simulated = try box.run([
      "simulate", manifest, "--image", "web=example/web:2.0", "--validate", "warn",
    ])
    #expect(simulated.status == 0, "\(simulated)")
    let refused = try box.run(["simulate", manifest, "--image", "web=example/web:2.0"])
    #expect(refused.status == 2, "\(refused)")
  }
}

/// A parameter the strategy does not take is refused before anything is applied.
@Suite struct ParameterTypoTests {
  @Test(arguments: [
    (
      "canary.yaml", "step=[{setWeight: 50}]",
      "parameter \"step\" is not one canary.lua takes (did you mean \"steps\"?)"
    ),
    ("web-v1.yaml", "bogus=1", "parameter \"bogus\" is not one rolling.lua takes; it takes none"),
  ])
  func refused(_ example: String, _ param: String, _ message: String) throws {
    let box = try Sandbox()
    let result = try box.run(["--state", box.state, Sandbox.example(example), "--param", param])
    #expect(result.status == 2, "\(result)")
    #expect(result.stderr.contains(message), "\(result)")
    #expect(try box.storeFiles().isEmpty, "nothing applied")
  }
}
