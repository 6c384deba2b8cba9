import Foundation
import Yams

extension Deployment {
  /// The strategy's parameters: the YAML map in the `rollout.dev/strategy-params` annotation
  /// (`--param key=value` on the command line is merged into it when a manifest is applied).
  public func strategyParameters() throws(StrategyParametersError) -> JSONValue {
    guard let text = metadata.annotation(Annotations.strategyParams), !text.isEmpty else {
      return .object([:])
    }
    let value: JSONValue
    do {
      value = try JSONValue(yaml: text)
    } catch {
      throw StrategyParametersError(message: "\(error)")
    }
    guard case .object = value else {
      throw StrategyParametersError(message: "expected a YAML map of parameters")
    }
    return value
  }
}

extension Deployment {
  /// Records `params` in the `rollout.dev/strategy-params` annotation, as one line of JSON
  /// (which is also YAML).
  public mutating func setStrategyParams(_ params: JSONValue) {
    metadata.setAnnotation(Annotations.strategyParams, params.compactJSON)
  }
}

/// The `rollout.dev/strategy-params` annotation does not hold a YAML map.
public struct StrategyParametersError: Error, Sendable, CustomStringConvertible {
  public var message: String
  public var description: String {
    "metadata.annotations[\(Annotations.strategyParams)]: \(message)"
  }
}

extension JSONValue {
  /// The value as one line of JSON (which is also YAML), keys sorted.
  public var compactJSON: String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
  }

  /// Parses YAML (flow or block) into a value: `[25,50,75]`, `{a: 1}`, `10m`, `true`.
  public init(yaml: String) throws {
    self = JSONValue(yamlObject: try Yams.load(yaml: yaml))
  }

  /// Converts what Yams loads (`[String: Any]`, `[Any]`, scalars) into a value.
  public init(yamlObject: Any?) {
    switch yamlObject {
    case nil: self = .null
    case let value as Bool: self = .bool(value)
    case let value as Int: self = .int(value)
    case let value as Double: self = .double(value)
    case let value as String: self = .string(value)
    case let value as [Any]: self = .array(value.map { JSONValue(yamlObject: $0) })
    case let value as [String: Any]: self = .object(value.mapValues { JSONValue(yamlObject: $0) })
    case let value as [AnyHashable: Any]:
      self = .object(
        Dictionary(
          value.map { ("\($0.key)", JSONValue(yamlObject: $0.value)) },
          uniquingKeysWith: { first, _ in first }))
    default: self = .string("\(yamlObject!)")
    }
  }
}
