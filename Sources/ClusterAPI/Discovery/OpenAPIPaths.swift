import Engine

/// The `paths` of a group version's OpenAPI v3 document: for each resource its collection, its
/// objects, its subresources and (namespaced) the all-namespaces list, with one operation per
/// served verb. Operations are named and tagged as kube-apiserver names them
/// (`patchAppsV1NamespacedDeployment`, `x-kubernetes-action: patch`,
/// `x-kubernetes-group-version-kind`), and every write lists `fieldValidation`, which is what
/// tells kubectl the server validates.
enum OpenAPIPaths {
  static func paths(for types: [ResourceType]) -> [String: JSONValue] {
    var paths: [String: JSONValue] = [:]
    for type in types {
      let names = OperationNames(type)
      let collection =
        type.namespaced
        ? "\(type.groupVersionPath)/namespaces/{namespace}/\(type.plural)"
        : "\(type.groupVersionPath)/\(type.plural)"
      let scope: [JSONValue] = type.namespaced ? [OpenAPIParameters.namespace] : []
      let item = collection + "/{name}"
      let itemScope = [OpenAPIParameters.name(type.kind)] + scope

      var collectionOps: [String: JSONValue] = [:]
      if type.verbs.contains("list") {
        collectionOps["get"] = list(type, id: names.id("list"), watch: type.verbs.contains("watch"))
      }
      if type.verbs.contains("create") {
        collectionOps["post"] = write(type, id: names.id("create"), action: "post", created: true)
      }
      if type.verbs.contains("deletecollection") {
        collectionOps["delete"] = deleteCollection(type, id: names.id("delete", collection: true))
      }
      add(collectionOps, at: collection, parameters: scope, to: &paths)

      var itemOps: [String: JSONValue] = [:]
      if type.verbs.contains("get") { itemOps["get"] = read(type, id: names.id("read")) }
      if type.verbs.contains("update") {
        itemOps["put"] = write(type, id: names.id("replace"), action: "put", created: true)
      }
      if type.verbs.contains("patch") { itemOps["patch"] = patch(type, id: names.id("patch")) }
      if type.verbs.contains("delete") { itemOps["delete"] = delete(type, id: names.id("delete")) }
      add(itemOps, at: item, parameters: itemScope, to: &paths)

      if type.namespaced && type.verbs.contains("list") {
        add(
          ["get": list(type, id: names.allNamespacesID, watch: type.verbs.contains("watch"))],
          at: "\(type.groupVersionPath)/\(type.plural)", parameters: [], to: &paths)
      }
      for sub in type.subresources {
        add(
          subresourceOps(type, sub, names), at: "\(item)/\(sub.name)", parameters: itemScope,
          to: &paths)
      }
    }
    return paths
  }

  private static func add(
    _ operations: [String: JSONValue], at path: String, parameters: [JSONValue],
    to paths: inout [String: JSONValue]
  ) {
    guard !operations.isEmpty else { return }
    var item = JSONValue.object(operations)
    item["parameters"] = .array(parameters + [OpenAPIParameters.pretty])
    paths[path] = item
  }

  private static func subresourceOps(
    _ type: ResourceType, _ sub: ResourceType.Subresource, _ names: OperationNames
  ) -> [String: JSONValue] {
    let speaks = Speaks(group: sub.group, version: sub.version, kind: sub.kind)
    let suffix = sub.name.prefix(1).uppercased() + sub.name.dropFirst()
    var ops: [String: JSONValue] = [:]
    if sub.verbs.contains("get") {
      ops["get"] = read(type, id: names.id("read", suffix: suffix), speaks: speaks)
    }
    if sub.verbs.contains("update") {
      ops["put"] = write(
        type, id: names.id("replace", suffix: suffix), action: "put", created: true,
        speaks: speaks)
    }
    if sub.verbs.contains("patch") {
      ops["patch"] = patch(type, id: names.id("patch", suffix: suffix), speaks: speaks)
    }
    return ops
  }

  /// The kind an operation reads and writes: the resource's own, or its subresource's.
  struct Speaks {
    var group: String
    var version: String
    var kind: String

    init(group: String, version: String, kind: String) {
      self.group = group
      self.version = version
      self.kind = kind
    }

    init(_ type: ResourceType) {
      self.init(group: type.group, version: type.version, kind: type.kind)
    }

    var schema: String {
      OpenAPIComponents.schemaName(group: group, version: version, kind: kind)
    }
    var gvk: JSONValue {
      ["group": .string(group), "version": .string(version), "kind": .string(kind)]
    }
  }

  private static func operation(
    _ type: ResourceType, id: String, action: String, speaks: Speaks, description: String,
    parameters: [JSONValue], responses: [String: JSONValue], body: JSONValue? = nil
  ) -> JSONValue {
    var operation: JSONValue = [
      "tags": .string(OperationNames(type).tag).arrayWrapped,
      "description": .string(description), "operationId": .string(id),
      "responses": .object(
        responses.merging(["401": ["description": "Unauthorized"]]) { a, _ in a }),
      "x-kubernetes-action": .string(action), "x-kubernetes-group-version-kind": speaks.gvk,
    ]
    if !parameters.isEmpty { operation["parameters"] = .array(parameters) }
    if let body { operation["requestBody"] = body }
    return operation
  }

  private static func response(_ description: String, _ schema: String, watch: Bool = false)
    -> JSONValue
  {
    let content: JSONValue = ["schema": ["$ref": .string(OpenAPISchema.refPath(schema))]]
    var types: [String: JSONValue] = ["application/json": content, "application/yaml": content]
    if watch { types["application/json;stream=watch"] = content }
    return ["description": .string(description), "content": .object(types)]
  }

  private static func body(_ schema: String, types: [String] = ["*/*"]) -> JSONValue {
    let content: JSONValue = ["schema": ["$ref": .string(OpenAPISchema.refPath(schema))]]
    return [
      "content": .object(Dictionary(uniqueKeysWithValues: types.map { ($0, content) })),
      "required": true,
    ]
  }

  private static func list(_ type: ResourceType, id: String, watch: Bool) -> JSONValue {
    let listSchema = OpenAPIComponents.schemaName(
      group: type.group, version: type.version, kind: type.listKind)
    return operation(
      type, id: id, action: "list", speaks: Speaks(type),
      description: "list\(watch ? " or watch" : "") objects of kind \(type.kind)",
      parameters: OpenAPIParameters.list(watch: watch),
      responses: ["200": response("OK", listSchema, watch: watch)])
  }

  private static func read(_ type: ResourceType, id: String, speaks: Speaks? = nil) -> JSONValue {
    let speaks = speaks ?? Speaks(type)
    return operation(
      type, id: id, action: "get", speaks: speaks,
      description: "read the specified \(speaks.kind)", parameters: [],
      responses: ["200": response("OK", speaks.schema)])
  }

  private static func write(
    _ type: ResourceType, id: String, action: String, created: Bool, speaks: Speaks? = nil
  ) -> JSONValue {
    let speaks = speaks ?? Speaks(type)
    var responses = ["200": response("OK", speaks.schema)]
    if created { responses["201"] = response("Created", speaks.schema) }
    if action == "post" { responses["202"] = response("Accepted", speaks.schema) }
    return operation(
      type, id: id, action: action, speaks: speaks,
      description: action == "post"
        ? "create a \(speaks.kind)" : "replace the specified \(speaks.kind)",
      parameters: OpenAPIParameters.write, responses: responses, body: body(speaks.schema))
  }

  /// PATCH: the patch types the server takes, strategic merge patch only for Kubernetes' own
  /// groups (as kube-apiserver does for built-in kinds and never for custom resources).
  private static func patch(_ type: ResourceType, id: String, speaks: Speaks? = nil) -> JSONValue {
    let speaks = speaks ?? Speaks(type)
    var patchTypes = [
      "application/apply-patch+yaml", "application/json-patch+json", "application/merge-patch+json",
    ]
    if OpenAPIComponents.builtInGroups.contains(type.group) {
      patchTypes.append("application/strategic-merge-patch+json")
    }
    return operation(
      type, id: id, action: "patch", speaks: speaks,
      description: "partially update the specified \(speaks.kind)",
      parameters: OpenAPIParameters.write + [OpenAPIParameters.force],
      responses: ["200": response("OK", speaks.schema), "201": response("Created", speaks.schema)],
      body: body(OpenAPISchema.meta("Patch"), types: patchTypes))
  }

  private static func delete(_ type: ResourceType, id: String) -> JSONValue {
    let status = OpenAPISchema.meta("Status")
    return operation(
      type, id: id, action: "delete", speaks: Speaks(type),
      description: "delete a \(type.kind)", parameters: OpenAPIParameters.delete,
      responses: ["200": response("OK", status), "202": response("Accepted", status)],
      body: body(OpenAPISchema.meta("DeleteOptions")))
  }

  private static func deleteCollection(_ type: ResourceType, id: String) -> JSONValue {
    operation(
      type, id: id, action: "deletecollection", speaks: Speaks(type),
      description: "delete collection of \(type.kind)",
      parameters: OpenAPIParameters.delete + OpenAPIParameters.list(watch: false),
      responses: ["200": response("OK", OpenAPISchema.meta("Status"))],
      body: body(OpenAPISchema.meta("DeleteOptions")))
  }
}

extension JSONValue {
  /// The value as a one-element array.
  fileprivate var arrayWrapped: JSONValue { .array([self]) }
}
