import Engine
import Foundation
import Yams

/// Reads `rollout install`'s YAML back as a YAML 1.1 reader would (kubectl's does): a quoted
/// `"true"` stays a string, a plain `true` is a Boolean.
enum InstallYAML {
  struct Unreadable: Error, CustomStringConvertible {
    var description: String
  }

  /// Every document of `text`, in order.
  static func documents(_ text: String) throws -> [JSONValue] {
    try Yams.load_all(yaml: text).map { try json($0) }
  }

  /// One loaded value as JSON.
  static func json(_ value: Any?) throws -> JSONValue {
    switch value {
    case nil, is NSNull: return .null
    case let value as Bool: return .bool(value)
    case let value as Int: return .int(value)
    case let value as Double: return .double(value)
    case let value as String: return .string(value)
    case let values as [Any?]: return .array(try values.map(json))
    case let members as [AnyHashable: Any?]:
      var object: [String: JSONValue] = [:]
      for (key, member) in members {
        guard let key = key.base as? String else {
          throw Unreadable(description: "a mapping key that is not a string: \(key)")
        }
        object[key] = try json(member)
      }
      return .object(object)
    default:
      throw Unreadable(description: "an unexpected YAML value: \(String(describing: value))")
    }
  }

  /// The first document of `kind`.
  static func object(_ kind: String, in documents: [JSONValue]) throws -> JSONValue {
    guard let object = documents.first(where: { $0["kind"] == .string(kind) }) else {
      throw Unreadable(description: "no \(kind) among the documents")
    }
    return object
  }

  /// Every string anywhere in `value`, keys and values.
  static func strings(in value: JSONValue) -> [String] {
    switch value {
    case .string(let text): return [text]
    case .array(let values): return values.flatMap(strings)
    case .object(let members): return members.flatMap { [$0.key] + strings(in: $0.value) }
    default: return []
    }
  }
}
