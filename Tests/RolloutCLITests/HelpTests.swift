import Foundation
import Testing

/// `rollout --help` and `--version`: the documented interface.
@Suite struct HelpTests {
  @Test func helpDocumentsExitCodesAndStockStrategies() throws {
    let box = try Sandbox()
    let help = try box.run(["--help"])
    #expect(help.status == 0, "\(help)")
    let text = help.stdout
    #expect(text.contains("Exit codes"), "\(help)")
    for code in [
      "0  the rollout completed", "1  the rollout failed", "2  bad input",
      "3  the rollout is paused",
    ] {
      #expect(text.contains(code), "help should document \(code)")
    }
    #expect(text.contains("rolling") && text.contains("recreate"))
    for subcommand in ["apply", "eval", "status", "get"] {
      #expect(text.contains(subcommand))
    }
  }

  @Test func applyHelpListsTheFlags() throws {
    let box = try Sandbox()
    let help = try box.run(["apply", "--help"])
    #expect(help.status == 0, "\(help)")
    for flag in [
      "--strategy", "--param", "--state", "--ready-after", "--terminate-after", "--ready-jitter",
      "--seed", "--fault", "--output", "rolling", "recreate",
    ] {
      #expect(help.stdout.contains(flag), "apply --help should mention \(flag)")
    }
  }

  @Test func versionPrintsAVersion() throws {
    let box = try Sandbox()
    let version = try box.run(["--version"])
    #expect(version.status == 0, "\(version)")
    let text = version.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    let parts = text.split(separator: ".")
    #expect(parts.count == 3 && parts.allSatisfy { Int($0) != nil }, "not a version: \(text)")
  }
}
