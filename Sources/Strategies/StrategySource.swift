import Engine
import Foundation

/// Where a strategy's Lua comes from: a stock strategy compiled into the binary, or a file.
public struct StrategySource: Sendable, Hashable {
  /// The Lua source text.
  public var text: String
  /// How errors name it: `rolling.lua` for a stock strategy, the file name for a file.
  public var displayName: String
  /// The directory `require` may load further `.lua` files from (a file's own directory).
  public var moduleRoot: URL?
  /// `stock:<name>` or the file's path.
  public var identity: String
  /// The stock strategy's name (`rolling`), or nil for a file.
  public var stockName: String?

  public init(
    text: String, displayName: String, moduleRoot: URL? = nil, identity: String,
    stockName: String? = nil
  ) {
    self.text = text
    self.displayName = displayName
    self.moduleRoot = moduleRoot
    self.identity = identity
    self.stockName = stockName
  }

  /// The short name reports and promises use: `canary` for the stock canary or `canary.lua`.
  public var shortName: String {
    stockName ?? (displayName as NSString).deletingPathExtension
  }

  /// The strategy host (`Lua/host.lua`) as compiled into the binary.
  public static var embeddedHost: String? { EmbeddedLua.host["host"] }

  /// The stock strategies' shared library (`strategies/lib/*.lua`) as compiled into the binary, by
  /// name: modules for `require "rollout.lib.<name>"`, not strategies of their own.
  public static var embeddedLibrary: [String: String] { EmbeddedLua.library }

  /// The names of the stock strategies, sorted.
  public static var stockNames: [String] { EmbeddedLua.stockStrategies.keys.sorted() }

  /// The stock strategy `name` (`rolling`, `recreate`, …), or nil.
  public static func stock(_ name: String) -> StrategySource? {
    guard let text = EmbeddedLua.stockStrategies[name] else { return nil }
    return StrategySource(
      text: text, displayName: "\(name).lua", moduleRoot: nil, identity: "stock:\(name)",
      stockName: name)
  }

  /// Resolves what a user wrote after `--strategy` or in the `rollout.dev/strategy` annotation:
  /// a stock name, or a path to a `.lua` file (relative to `directory`).
  public static func resolve(_ spec: String, relativeTo directory: URL) throws(StrategyError)
    -> StrategySource
  {
    if let stock = stock(spec) { return stock }
    let url =
      spec.hasPrefix("/")
      ? URL(fileURLWithPath: spec) : directory.appendingPathComponent(spec).standardizedFileURL
    guard spec.hasSuffix(".lua") || FileManager.default.fileExists(atPath: url.path) else {
      throw StrategyError(
        file: spec,
        message:
          "no such stock strategy (stock: \(stockNames.joined(separator: ", "))) and not a .lua file"
      )
    }
    guard let data = FileManager.default.contents(atPath: url.path) else {
      throw StrategyError(file: spec, message: "cannot read strategy file \(url.path)")
    }
    return StrategySource(
      text: String(decoding: data, as: UTF8.self), displayName: url.lastPathComponent,
      moduleRoot: url.deletingLastPathComponent(), identity: url.path)
  }

  /// The strategy a Deployment asks for when none is given on the command line: its
  /// `rollout.dev/strategy` annotation, else the stock strategy matching `spec.strategy.type`.
  public static func defaultSpec(for deployment: Deployment) -> String {
    if let named = deployment.metadata.annotation(Annotations.strategy), !named.isEmpty {
      return named
    }
    return deployment.spec.strategy?.type == DeploymentStrategy.recreateType
      ? "recreate" : "rolling"
  }
}
