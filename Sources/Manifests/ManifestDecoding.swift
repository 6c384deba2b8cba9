import Engine
import Foundation
import Yams

/// Fields the API server fills in. A `kubectl get -o yaml` dump carries them (timestamps as
/// strings, `resourceVersion` as a string, a `status` block); they are dropped before decoding,
/// as `kubectl apply` ignores them.
let serverPopulatedMetadata: Set<String> = [
  "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "resourceVersion",
  "uid", "managedFields", "generation", "selfLink",
]

extension Node {
  /// The member `key` of a mapping.
  func member(_ key: String) -> Node? {
    mapping?[key]
  }

  /// This mapping without `keys`; other nodes unchanged.
  func removing(_ keys: Set<String>) -> Node {
    guard case .mapping(let mapping) = self else { return self }
    let kept = mapping.filter { pair in pair.key.string.map { !keys.contains($0) } ?? true }
    return .mapping(
      Node.Mapping(kept.map { ($0.key, $0.value) }, mapping.tag, mapping.style, mapping.mark))
  }

  /// This mapping with `value` at `key`.
  func setting(_ key: String, _ value: Node) -> Node {
    guard case .mapping(let mapping) = self else { return self }
    var pairs = mapping.filter { $0.key.string != key }.map { ($0.key, $0.value) }
    pairs.append((Node(key), value))
    return .mapping(Node.Mapping(pairs, mapping.tag, mapping.style, mapping.mark))
  }

  /// Creates `path` as needed with `make()` at its end when absent or null, through mappings
  /// only: a non-mapping on the way is left for the decoder to report.
  func ensuring(_ path: [String], _ make: () -> Node) -> Node {
    guard case .mapping = self, let key = path.first else { return self }
    let existing = member(key).flatMap { $0.isNull ? nil : $0 }
    if path.count == 1 {
      return existing == nil ? setting(key, make()) : self
    }
    let child = existing ?? Node([(Node, Node)]())
    guard case .mapping = child else { return self }
    return setting(key, child.ensuring(Array(path.dropFirst()), make))
  }

  /// Whether this is a YAML null (`~`, `null` or nothing).
  var isNull: Bool {
    if case .scalar = self { return null != nil }
    return false
  }

  /// The node at a decoding path, if it exists.
  func node(at codingPath: [any CodingKey]) -> Node? {
    var current: Node? = self
    for key in codingPath {
      if let index = key.intValue, case .sequence(let sequence)? = current {
        current = index < sequence.count ? sequence[index] : nil
      } else {
        current = current?.member(key.stringValue)
      }
    }
    return current
  }

  /// How the node reads in an error message: a scalar quoted, else its shape.
  var shortDescription: String {
    switch self {
    case .scalar(let scalar): isNull ? "null" : "\"\(scalar.string)\""
    case .mapping: "a map"
    case .sequence: "a list"
    case .alias: "an alias"
    }
  }
}

/// Prepares a document for decoding: drops server-populated fields, then creates the required
/// maps and strings `kind` lists so that their absence is reported by validation.
func sanitize(_ document: Node, for kind: ManifestKind) -> Node {
  var node = document.removing(["status"])
  if let metadata = node.member("metadata"), case .mapping = metadata {
    node = node.setting("metadata", metadata.removing(serverPopulatedMetadata))
  }
  for path in kind.requiredMaps {
    node = node.ensuring(path) { Node([(Node, Node)]()) }
  }
  for path in kind.requiredStrings {
    node = node.ensuring(path) { Node("", .init(.str)) }
  }
  return node
}

/// `spec.template.spec.containers[0].image` for a decoding path.
func fieldPath(_ codingPath: [any CodingKey]) -> String {
  var path = ""
  for key in codingPath {
    if let index = key.intValue {
      path += "[\(index)]"
    } else {
      path += path.isEmpty ? key.stringValue : "." + key.stringValue
    }
  }
  return path
}

/// A decoding error as a field violation: `spec.replicas: expected an integer, got "three"`.
func violation(for error: DecodingError, in document: Node) -> FieldViolation {
  switch error {
  case .typeMismatch(let type, let context):
    let path = fieldPath(context.codingPath)
    let got = document.node(at: context.codingPath)?.shortDescription ?? "something else"
    let isFencepost = path.hasSuffix(".maxSurge") || path.hasSuffix(".maxUnavailable")
    let expected =
      isFencepost
      ? "an integer or a percentage such as \"25%\""
      : type == Node.Scalar.self ? scalarExpectation(at: context.codingPath) : describe(type)
    return FieldViolation(path, "expected \(expected), got \(got)")
  case .valueNotFound(let type, let context):
    return FieldViolation(fieldPath(context.codingPath), "expected \(describe(type)), got null")
  case .keyNotFound(let key, let context):
    return FieldViolation(fieldPath(context.codingPath + [key]), "required value is missing")
  case .dataCorrupted(let context):
    return FieldViolation(fieldPath(context.codingPath), context.debugDescription)
  @unknown default:
    return FieldViolation("", "\(error)")
  }
}

/// Fields whose scalar type the decoder does not name when it meets a list or a map.
private let integerFields: Set<String> = [
  "replicas", "minReadySeconds", "revisionHistoryLimit", "progressDeadlineSeconds",
]
private let booleanFields: Set<String> = ["paused"]

/// What a scalar at `codingPath` should have been.
private func scalarExpectation(at codingPath: [any CodingKey]) -> String {
  let key = codingPath.last?.stringValue ?? ""
  if integerFields.contains(key) { return describe(Int.self) }
  if booleanFields.contains(key) { return describe(Bool.self) }
  return "a single value"
}

/// `an integer`, `a string`, `a map`… for a type the decoder expected.
private func describe(_ type: Any.Type) -> String {
  switch type {
  case is Int.Type, is Int32.Type, is Int64.Type: "an integer"
  case is Double.Type, is Float.Type: "a number"
  case is Bool.Type: "a boolean (true or false)"
  case is String.Type: "a string"
  case is Node.Mapping.Type: "a map"
  case is Node.Sequence.Type: "a list"
  case is Node.Scalar.Type: "a single value"
  default: "\(type)"
  }
}
