import Engine

/// Where a cluster's strategies come from (a served cluster's, and `rollout controller`'s): the
/// stock ones compiled into the binary, or a ConfigMap in the Deployment's own namespace
/// (`rollout.dev/strategy: configmap/NAME/KEY`). Never a file, never another namespace's
/// ConfigMap: a manifest sent to a cluster must not make its controller read what the author may
/// not.
public final class ClusterStrategies {
  /// Reads the key of a ConfigMap: (namespace, name, key) to the text, nil when missing.
  public var lookup: (String, String, String) -> String? = { _, _, _ in nil }

  public init() {}

  /// `(NAME, KEY)` of a `configmap/NAME/KEY` spec.
  public static func configMapReference(_ spec: String) -> (name: String, key: String)? {
    let parts = spec.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
    guard parts.count == 3, parts[0] == "configmap", !parts[1].isEmpty, !parts[2].isEmpty else {
      return nil
    }
    return (parts[1], parts[2])
  }

  public func resolve(_ spec: String, _ deployment: Deployment?) throws -> StrategySource {
    if let stock = StrategySource.stock(spec) { return stock }
    guard let (name, key) = Self.configMapReference(spec), let deployment else {
      throw StrategyError(
        file: spec,
        message:
          "a cluster reads no files: name a stock strategy (\(StrategySource.stockNames.joined(separator: ", "))) or configmap/NAME/KEY"
      )
    }
    let namespace = deployment.metadata.effectiveNamespace
    guard let text = lookup(namespace, name, key) else {
      throw StrategyError(
        file: spec,
        message: "configmap \"\(name)\" in namespace \"\(namespace)\" has no key \"\(key)\"")
    }
    return StrategySource(
      text: text, displayName: key, moduleRoot: nil,
      identity: "configmap:\(namespace)/\(name)/\(key)")
  }
}
