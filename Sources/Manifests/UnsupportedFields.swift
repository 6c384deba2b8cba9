import Engine

/// Finds the fields of a value that its kind has (a `FieldSchema` of what Argo or Kubernetes
/// define) but `rollout` does not read (a narrower schema of what it supports), so that each can
/// be reported as a warning naming the field, and removed where the value is passed on.
enum UnsupportedFields {
  /// `value` without the fields `known` has and `supported` lacks, and the path of each
  /// (`spec.dryRun`), in document order with map keys sorted. Fields `known` does not have are
  /// kept: they are `UnknownFields`' to report.
  static func split(
    _ value: JSONValue, known: FieldSchema, supported: FieldSchema, path: String
  ) -> (kept: JSONValue, unsupported: [String]) {
    switch (known, supported, value) {
    case (.object(let knownFields), .object(let supportedFields), .object(let members)):
      var kept: [String: JSONValue] = [:]
      var found: [String] = []
      for key in members.keys.sorted() {
        let member = members[key] ?? .null
        let child = path.isEmpty ? key : "\(path).\(key)"
        guard let knownChild = knownFields[key] else {
          kept[key] = member
          continue
        }
        guard let supportedChild = supportedFields[key] else {
          found.append(child)
          continue
        }
        let (inner, innerFound) = split(
          member, known: knownChild, supported: supportedChild, path: child)
        kept[key] = inner
        found += innerFound
      }
      return (.object(kept), found)
    case (.list(let knownElement), .list(let supportedElement), .array(let items)):
      var kept: [JSONValue] = []
      var found: [String] = []
      for (index, item) in items.enumerated() {
        let (inner, innerFound) = split(
          item, known: knownElement, supported: supportedElement, path: "\(path)[\(index)]")
        kept.append(inner)
        found += innerFound
      }
      return (.array(kept), found)
    default:
      return (value, [])
    }
  }

  /// The warning for an unsupported field at `path`.
  static func warning(_ path: String) -> String {
    "\(path) is not supported yet; ignored"
  }
}
