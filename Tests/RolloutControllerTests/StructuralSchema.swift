import Engine

/// Checks an OpenAPI v3 schema against the rules a `apiextensions.k8s.io/v1` CRD's schema must
/// keep to be structural, as far as `rollout install`'s CRD uses them: every node (the root,
/// each property, each `items`, each `additionalProperties`) names its `type`, unless it keeps
/// unknown fields or is an int-or-string; a node does not have both `properties` and
/// `additionalProperties`; `x-kubernetes-preserve-unknown-fields` is only ever `true`; every
/// `required` field is a property; `metadata` at the root says no more than its type.
enum StructuralSchema {
  /// Every rule broken, as `path: problem`; empty for a structural schema.
  static func violations(_ schema: JSONValue) -> [String] {
    var found: [String] = []
    walk(schema, path: "openAPIV3Schema", into: &found)
    if let metadata = schema["properties"]?["metadata"], metadata != ["type": "object"] {
      found.append("openAPIV3Schema.properties.metadata: only `type: object` is allowed")
    }
    return found
  }

  private static func walk(_ node: JSONValue, path: String, into found: inout [String]) {
    guard let members = node.objectValue else {
      found.append("\(path): not a schema object")
      return
    }
    let preserves = members["x-kubernetes-preserve-unknown-fields"]
    if let preserves, preserves != true {
      found.append("\(path): x-kubernetes-preserve-unknown-fields must be true when given")
    }
    let intOrString = members["x-kubernetes-int-or-string"] == true
    let type = members["type"]?.stringValue ?? ""
    if type.isEmpty && preserves != true && !intOrString {
      found.append("\(path): no type")
    }
    if members["properties"] != nil && members["additionalProperties"] != nil {
      found.append("\(path): both properties and additionalProperties")
    }
    if (members["properties"] != nil || members["additionalProperties"] != nil)
      && type != "object"
    {
      found.append("\(path): properties on a node of type \(type)")
    }
    if members["items"] != nil && type != "array" {
      found.append("\(path): items on a node of type \(type)")
    }
    if type == "array" && members["items"] == nil {
      found.append("\(path): an array without items")
    }
    let properties = members["properties"]?.objectValue ?? [:]
    for required in members["required"]?.arrayValue ?? [] {
      let name = required.stringValue ?? "\(required)"
      if properties[name] == nil { found.append("\(path): required \(name) is not a property") }
    }
    for (name, child) in properties.sorted(by: { $0.key < $1.key }) {
      walk(child, path: "\(path).properties.\(name)", into: &found)
    }
    if let items = members["items"] { walk(items, path: "\(path).items", into: &found) }
    if let additional = members["additionalProperties"], additional.objectValue != nil {
      walk(additional, path: "\(path).additionalProperties", into: &found)
    }
  }
}
