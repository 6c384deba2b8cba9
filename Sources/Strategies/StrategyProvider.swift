import Engine
import Foundation

/// The one way a strategy is loaded: a stock name or a `.lua` path resolved against
/// `baseDirectory` (or what a custom resolver finds, such as a served cluster's ConfigMap), each
/// script compiled once and shared between the deployments that name it.
public final class StrategyProvider {
  /// Finds the source a Deployment's strategy spec names (`deployment` is nil for a strategy
  /// named on the command line).
  public typealias Resolver = (_ spec: String, _ deployment: Deployment?) throws -> StrategySource

  private let resolve: Resolver
  private var loaded: [String: LuaStrategy] = [:]

  /// Stock names, and `.lua` paths read relative to `baseDirectory`.
  public convenience init(baseDirectory: URL) {
    self.init { spec, _ in try StrategySource.resolve(spec, relativeTo: baseDirectory) }
  }

  /// Strategies found by `resolver`.
  public init(resolver: @escaping Resolver) {
    self.resolve = resolver
  }

  /// The source `spec` names, as this provider resolves it (not loaded).
  public func source(named spec: String, for deployment: Deployment? = nil) throws
    -> StrategySource
  {
    try resolve(spec, deployment)
  }

  /// The strategy `spec` (a stock name or a `.lua` path), loaded once.
  public func strategy(named spec: String, for deployment: Deployment? = nil) throws -> LuaStrategy
  {
    let source = try resolve(spec, deployment)
    let key = source.identity + "\u{0}" + source.text
    if let strategy = loaded[key] { return strategy }
    let strategy = try LuaStrategy(source: source)
    loaded[key] = strategy
    return strategy
  }

  /// The strategy a Deployment runs: its `rollout.dev/strategy` annotation, else the stock one
  /// for its `spec.strategy.type`.
  public func strategy(for deployment: Deployment) throws -> LuaStrategy {
    try strategy(named: StrategySource.defaultSpec(for: deployment), for: deployment)
  }
}
