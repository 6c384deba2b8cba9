import Engine

/// Builders for OpenAPI v3 schema objects (as `JSONValue`), in the form kube-apiserver publishes
/// them: a described reference is `{"allOf": [{"$ref": ...}], "description": ...}`, lists carry
/// the Kubernetes extensions kubectl reads when it computes a strategic merge patch from the
/// schema (`x-kubernetes-patch-strategy`, `x-kubernetes-patch-merge-key`) and those server-side
/// apply reads (`x-kubernetes-list-type`, `x-kubernetes-list-map-keys`).
enum OpenAPISchema {
  /// `#/components/schemas/<name>`.
  static func refPath(_ name: String) -> String { "#/components/schemas/\(name)" }

  /// The component name of a core/v1 type (`io.k8s.api.core.v1.Pod`).
  static func core(_ type: String) -> String { "io.k8s.api.core.v1.\(type)" }
  /// The component name of an apps/v1 type.
  static func apps(_ type: String) -> String { "io.k8s.api.apps.v1.\(type)" }
  /// The component name of a meta/v1 type (`io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta`).
  static func meta(_ type: String) -> String { "io.k8s.apimachinery.pkg.apis.meta.v1.\(type)" }
  static let quantity = "io.k8s.apimachinery.pkg.api.resource.Quantity"
  static let intOrString = "io.k8s.apimachinery.pkg.util.intstr.IntOrString"

  static func string(_ description: String, enum values: [String] = []) -> JSONValue {
    var schema: JSONValue = ["type": "string", "description": .string(description)]
    if !values.isEmpty { schema["enum"] = .array(values.map(JSONValue.string)) }
    return schema
  }

  static func integer(_ description: String, format: String = "int32") -> JSONValue {
    ["type": "integer", "format": .string(format), "description": .string(description)]
  }

  static func boolean(_ description: String) -> JSONValue {
    ["type": "boolean", "description": .string(description)]
  }

  /// A member of another named type.
  static func ref(_ name: String, _ description: String) -> JSONValue {
    ["allOf": [["$ref": .string(refPath(name))]], "description": .string(description)]
  }

  /// An RFC 3339 timestamp (`meta/v1 Time`).
  static func time(_ description: String) -> JSONValue { ref(meta("Time"), description) }

  /// A map of strings (labels, annotations, a ConfigMap's data).
  static func stringMap(_ description: String) -> JSONValue {
    [
      "type": "object", "additionalProperties": ["type": "string", "default": ""],
      "description": .string(description),
    ]
  }

  /// A map of resource quantities (`limits`, `requests`).
  static func quantityMap(_ description: String) -> JSONValue {
    [
      "type": "object", "additionalProperties": ["$ref": .string(refPath(quantity))],
      "description": .string(description),
    ]
  }

  /// An object with its members; `required` lists the members that must be set.
  static func object(
    _ description: String, required: [String] = [], _ properties: [String: JSONValue]
  ) -> JSONValue {
    var schema: JSONValue = [
      "type": "object", "description": .string(description), "properties": .object(properties),
    ]
    if !required.isEmpty { schema["required"] = .array(required.map(JSONValue.string)) }
    return schema
  }

  /// An object whose members are not described (kept as written).
  static func freeform(_ description: String) -> JSONValue {
    [
      "type": "object", "description": .string(description),
      "x-kubernetes-preserve-unknown-fields": true,
    ]
  }

  /// A list replaced as a whole by a patch (no patch strategy).
  static func atomicList(_ items: JSONValue, _ description: String) -> JSONValue {
    [
      "type": "array", "items": items, "description": .string(description),
      "x-kubernetes-list-type": "atomic",
    ]
  }

  /// A list of strings replaced as a whole.
  static func stringList(_ description: String) -> JSONValue {
    atomicList(["type": "string", "default": ""], description)
  }

  /// A list of objects of type `item` merged by `key` (`containers` by `name`): the strategic
  /// merge patch strategy `merge` (or `merge,retainKeys`) and a server-side-apply map keyed by
  /// `mapKeys` (the merge key unless told).
  static func mergeList(
    of item: String, by key: String, mapKeys: [String]? = nil, strategy: String = "merge",
    _ description: String
  ) -> JSONValue {
    var list = mapList(of: item, keys: mapKeys ?? [key], description)
    list["x-kubernetes-patch-strategy"] = .string(strategy)
    list["x-kubernetes-patch-merge-key"] = .string(key)
    return list
  }

  /// A list of objects of type `item` that server-side apply treats as a map keyed by `keys`
  /// but a strategic merge patch replaces whole (no patch strategy).
  static func mapList(of item: String, keys: [String], _ description: String) -> JSONValue {
    [
      "type": "array", "items": ["$ref": .string(refPath(item))],
      "description": .string(description), "x-kubernetes-list-type": "map",
      "x-kubernetes-list-map-keys": .array(keys.map(JSONValue.string)),
    ]
  }

  /// A list of objects of type `item` replaced as a whole.
  static func refList(of item: String, _ description: String) -> JSONValue {
    atomicList(["$ref": .string(refPath(item))], description)
  }

  /// `x-kubernetes-group-version-kind` of a component schema: the kinds it is the schema of.
  static func tagged(_ schema: JSONValue, group: String, version: String, kind: String)
    -> JSONValue
  {
    var schema = schema
    schema["x-kubernetes-group-version-kind"] = [
      ["group": .string(group), "version": .string(version), "kind": .string(kind)]
    ]
    return schema
  }

  /// The top-level members every kind has.
  static func kindMembers(_ kind: String) -> [String: JSONValue] {
    [
      "apiVersion": string(
        "The versioned schema of this representation of the object (`group/version`)."),
      "kind": string("The kind of the object (\(kind)); servers infer it from the endpoint."),
      "metadata": ref(meta("ObjectMeta"), "Standard object metadata: name, namespace, labels."),
    ]
  }

  /// The `$ref` targets anywhere in `schema`, as component names.
  static func references(in schema: JSONValue) -> [String] {
    switch schema {
    case .object(let members):
      var names: [String] = []
      if let ref = members["$ref"]?.stringValue, ref.hasPrefix("#/components/schemas/") {
        names.append(String(ref.dropFirst("#/components/schemas/".count)))
      }
      for key in members.keys.sorted() where key != "$ref" {
        names += references(in: members[key]!)
      }
      return names
    case .array(let values): return values.flatMap(references)
    default: return []
    }
  }
}
