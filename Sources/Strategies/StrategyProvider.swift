import Engine
import Foundation

/// The one way a strategy is loaded: a stock name or a `.lua` path resolved against
/// `baseDirectory`, each script compiled once and shared between the deployments that name it.
public final class StrategyProvider {
  /// The directory relative paths are read from.
  public let baseDirectory: URL
  private var loaded: [String: LuaStrategy] = [:]

  public init(baseDirectory: URL) {
    self.baseDirectory = baseDirectory
  }

  /// The strategy `spec` (a stock name or a `.lua` path), loaded once.
  public func strategy(named spec: String) throws -> LuaStrategy {
    let source = try StrategySource.resolve(spec, relativeTo: baseDirectory)
    let key = source.identity + "\u{0}" + source.text
    if let strategy = loaded[key] { return strategy }
    let strategy = try LuaStrategy(source: source)
    loaded[key] = strategy
    return strategy
  }

  /// The strategy a Deployment runs: its `rollout.dev/strategy` annotation, else the stock one
  /// for its `spec.strategy.type`.
  public func strategy(for deployment: Deployment) throws -> LuaStrategy {
    try strategy(named: StrategySource.defaultSpec(for: deployment))
  }
}
