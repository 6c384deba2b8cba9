import Foundation
import Testing

/// `scripts/test`, the one command that runs every test.
@Suite struct ScriptsTests {
  /// Swift Testing's closing line is the result; XCTest's discovery, with no XCTest tests,
  /// would only add "Executed 0 tests" beside it. So `swift test` runs with --disable-xctest
  /// exactly while no test imports XCTest.
  @Test func runsWithoutXCTestDiscoveryWhileNoTestUsesIt() throws {
    let root = RolloutProcess.packageRoot
    let tests = root.appendingPathComponent("Tests")
    let files =
      FileManager.default.enumerator(at: tests, includingPropertiesForKeys: nil)?
      .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" } ?? []
    #expect(!files.isEmpty)
    let usesXCTest = try files.contains { file in
      try String(contentsOf: file, encoding: .utf8).split(separator: "\n")
        .contains { $0.hasPrefix("import XCTest") }
    }
    let script = try String(
      contentsOf: root.appendingPathComponent("scripts/test"), encoding: .utf8)
    let invocations = script.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
      .filter { $0.hasPrefix("swift test") }
    #expect(!invocations.isEmpty)
    // Disabled exactly when there is nothing for XCTest to run.
    #expect(
      invocations.allSatisfy { $0.contains("--disable-xctest") == !usesXCTest }, "\(invocations)")
  }
}
