import Engine
import Yams

/// One YAML document read into a `JSONValue` the way the API server reads an apply body (YAML
/// converted to JSON): integers stay integers, timestamps and other tagged scalars stay strings,
/// mapping keys become strings.
enum YAMLDocument {
  /// A YAML document that cannot be read.
  struct Failure: Error, Sendable, CustomStringConvertible {
    var description: String
  }

  /// The value of the single document in `text`; `null` for an empty document.
  static func value(_ text: String) throws(Failure) -> JSONValue {
    let node: Node?
    do {
      node = try Yams.compose(yaml: text)
    } catch {
      throw Failure(description: "\(error)")
    }
    guard let node else { return .null }
    return try value(of: node)
  }

  private static func value(of node: Node) throws(Failure) -> JSONValue {
    switch node {
    case .scalar(let scalar):
      switch Tag.Name(rawValue: node.tag.rawValue) {
      case .null: return .null
      case .bool: return node.bool.map(JSONValue.bool) ?? .string(scalar.string)
      case .int:
        if let number = node.int { return .int(number) }
        return node.float.map(JSONValue.double) ?? .string(scalar.string)
      case .float:
        guard let number = node.float, number.isFinite else { return .string(scalar.string) }
        return .double(number)
      default: return .string(scalar.string)
      }
    case .mapping(let mapping):
      var members: [String: JSONValue] = [:]
      for (key, member) in mapping {
        guard case .scalar(let name) = key else {
          throw Failure(description: "a mapping key that is not a scalar")
        }
        members[name.string] = try value(of: member)
      }
      return .object(members)
    case .sequence(let sequence):
      var items: [JSONValue] = []
      for item in sequence { items.append(try value(of: item)) }
      return .array(items)
    case .alias:
      throw Failure(description: "an unresolved alias")
    }
  }
}
