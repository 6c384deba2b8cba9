import Yams

/// Reads typed fields out of one YAML map of a kubeconfig, naming the field in every refusal
/// (`/a: clusters[0].cluster.insecure-skip-tls-verify: must be true or false, got "yes please"`).
struct KubeconfigFieldReader {
  var node: Node
  /// This node's path, such as `users[0].user`; empty at the top.
  var field: String
  var file: String

  func path(_ key: String) -> String { field.isEmpty ? key : "\(field).\(key)" }

  func problem(_ message: String) -> KubeconfigError {
    KubeconfigError(file: file, field: field.isEmpty ? nil : field, message: message)
  }

  func problem(_ key: String, _ message: String) -> KubeconfigError {
    KubeconfigError(file: file, field: path(key), message: message)
  }

  /// Whether `key` is present with a value other than null.
  func has(_ key: String) -> Bool {
    guard let value = node.mapping?[key] else { return false }
    return !value.isYAMLNull
  }

  private func member(_ key: String) -> Node? {
    guard let value = node.mapping?[key], !value.isYAMLNull else { return nil }
    return value
  }

  /// A scalar's text (numbers and booleans as written); nil when absent or null.
  func string(_ key: String) throws(KubeconfigError) -> String? {
    guard let value = member(key) else { return nil }
    guard case .scalar(let scalar) = value else {
      throw problem(key, "must be a string, got \(value.shape)")
    }
    return scalar.string
  }

  /// A boolean; false when absent.
  func bool(_ key: String) throws(KubeconfigError) -> Bool {
    guard let value = member(key) else { return false }
    guard let bool = value.bool else {
      throw problem(key, "must be true or false, got \(value.shape)")
    }
    return bool
  }

  /// A nested map; nil when absent.
  func map(_ key: String) throws(KubeconfigError) -> KubeconfigFieldReader? {
    guard let value = member(key) else { return nil }
    guard case .mapping = value else { throw problem(key, "must be a map, got \(value.shape)") }
    return KubeconfigFieldReader(node: value, field: path(key), file: file)
  }

  /// A list's items (`args[0]`); empty when absent.
  func list(_ key: String) throws(KubeconfigError) -> [KubeconfigFieldReader] {
    guard let value = member(key) else { return [] }
    guard case .sequence(let items) = value else {
      throw problem(key, "must be a list, got \(value.shape)")
    }
    return items.enumerated().map {
      KubeconfigFieldReader(node: $0.element, field: "\(path(key))[\($0.offset)]", file: file)
    }
  }

  /// This node as a scalar's text (a list item).
  func scalarText() throws(KubeconfigError) -> String {
    guard case .scalar(let scalar) = node else {
      throw problem("must be a string, got \(node.shape)")
    }
    return scalar.string
  }

  /// A list of `{name: ..., <body>: {...}}` (`clusters`, `users`, `contexts`), each body read
  /// by `read`. An entry without a body reads as an empty map, as client-go decodes it.
  func entries<Fields: Sendable>(
    _ key: String, body: String, _ read: (KubeconfigFieldReader) throws(KubeconfigError) -> Fields
  ) throws(KubeconfigError) -> [KubeconfigEntry<Fields>] {
    var entries: [KubeconfigEntry<Fields>] = []
    for item in try list(key) {
      guard case .mapping = item.node else {
        throw item.problem("must be a map with name and \(body), got \(item.node.shape)")
      }
      guard let name = try item.string("name"), !name.isEmpty else {
        throw item.problem("name", "required value is missing")
      }
      let reader =
        try item.map(body)
        ?? KubeconfigFieldReader(node: Node([(Node, Node)]()), field: item.path(body), file: file)
      entries.append(
        KubeconfigEntry(name: name, fields: try read(reader), file: file, field: reader.field))
    }
    return entries
  }
}

extension Node {
  /// Whether this is a YAML null (`~`, `null` or nothing).
  var isYAMLNull: Bool {
    if case .scalar = self { return null != nil }
    return false
  }

  /// How the node reads in a message: a scalar quoted, else its shape.
  var shape: String {
    switch self {
    case .scalar(let scalar): isYAMLNull ? "null" : "\"\(scalar.string)\""
    case .mapping: "a map"
    case .sequence: "a list"
    case .alias: "an alias"
    }
  }
}
