import Foundation
import Strategies
import Testing

/// The binary carries the stock strategies and the host compiled in (the EmbedLuaPlugin build
/// plugin); these must be the files in the repository, byte for byte.
@Suite struct EmbeddedLuaTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  static func luaFiles(in directory: String) throws -> [String: String] {
    let url = root.appendingPathComponent(directory)
    let names = try FileManager.default.contentsOfDirectory(atPath: url.path)
      .filter { $0.hasSuffix(".lua") }
    var files: [String: String] = [:]
    for name in names {
      let data = try Data(contentsOf: url.appendingPathComponent(name))
      files[String(name.dropLast(4))] = String(decoding: data, as: UTF8.self)
    }
    return files
  }

  @Test func stockStrategiesEqualTheFilesInStrategies() throws {
    let files = try Self.luaFiles(in: "strategies")
    #expect(!files.isEmpty)
    #expect(Set(StrategySource.stockNames) == Set(files.keys))
    for (name, text) in files {
      #expect(
        StrategySource.stock(name)?.text == text,
        "strategies/\(name).lua differs from the embedded copy")
    }
  }

  @Test func libraryEqualsTheFilesInStrategiesLib() throws {
    let files = try Self.luaFiles(in: "strategies/lib")
    #expect(!files.isEmpty)
    #expect(
      StrategySource.embeddedLibrary == files, "strategies/lib differs from the embedded copy")
    #expect(Set(StrategySource.stockNames).isDisjoint(with: files.keys))
    #expect(files.keys.allSatisfy { StrategySource.stock($0) == nil })
  }

  /// Every library module loads as `rollout.lib.<name>` and returns its table; none is a
  /// strategy one can name with `--strategy`.
  @Test func libraryModulesAreRequirableButNotStrategies() throws {
    for name in StrategySource.embeddedLibrary.keys.sorted() {
      let probe = try LuaStrategyHostTests.strategy(
        """
        local module = require "rollout.lib.\(name)"
        function step(ctx) ctx.state.loaded = type(module) == "table" end
        """)
      #expect(try probe.step(LuaStrategyHostTests.snapshot).state?["loaded"] == true, "\(name)")
      #expect(throws: StrategyError.self) {
        try StrategySource.resolve(name, relativeTo: URL(fileURLWithPath: "/nonexistent"))
      }
    }
  }

  @Test func hostEqualsItsFile() throws {
    let files = try Self.luaFiles(in: "Sources/Strategies/Lua")
    #expect(files["host"] != nil)
    #expect(StrategySource.embeddedHost == files["host"])
  }
}
