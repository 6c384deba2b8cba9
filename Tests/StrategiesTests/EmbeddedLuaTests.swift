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

  @Test func hostEqualsItsFile() throws {
    let files = try Self.luaFiles(in: "Sources/Strategies/Lua")
    #expect(files["host"] != nil)
    #expect(StrategySource.embeddedHost == files["host"])
  }
}
