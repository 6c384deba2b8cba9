import Engine
import Manifests

/// Writes: create, replace (PUT), patch and delete, on any served resource. Objects of the
/// simulated cluster go through it (`+Typed.swift`); the others are stored here.
extension ServedState {
  func create(_ type: ResourceType, namespace: String?, request: APIRequest) throws(APIError)
    -> APIResponse
  {
    var object = try Self.parseBody(request)
    try checkKind(object, type)
    let name = try objectName(&object, pathName: nil)
    let key = try objectKey(type, namespace: namespace, name: name, object: &object)
    guard cache.entry(type, key) == nil else { throw .alreadyExists(type, name: name) }
    if isSimulated(type) {
      return body(201, try createSimulated(type, key, object, request: request))
    }
    if request.isDryRun { return body(201, object) }
    return body(201, storeNew(type, key, object))
  }

  /// Stamps and stores a new object that lives beside the cluster.
  @discardableResult
  func storeNew(_ type: ResourceType, _ key: ObjectKey, _ object: JSONValue) -> JSONValue {
    var object = object
    var metadata = object["metadata"] ?? .object([:])
    metadata["uid"] = .string("\(type.singular)-\(cluster.currentResourceVersion + 1)")
    metadata["creationTimestamp"] = encoding.clock.timestamp(cluster.now)
    if object["spec"] != nil { metadata["generation"] = 1 }
    metadata["resourceVersion"] = nil
    object["metadata"] = metadata
    if type.kind == "Namespace" {
      object["status"] = .object(["phase": "Active"])
    }
    return putStored(type, key, object)
  }

  func replace(
    _ type: ResourceType, _ key: ObjectKey, subresource: String?, request: APIRequest
  ) throws(APIError) -> APIResponse {
    var object = try Self.parseBody(request)
    if subresource == "scale" {
      return try writeScale(type, key, object, request: request)
    }
    try checkKind(object, type)
    _ = try objectName(&object, pathName: key.name)
    _ = try objectKey(
      type, namespace: type.namespaced ? key.namespace : nil, name: key.name, object: &object)
    return try update(type, key, object, subresource: subresource, request: request)
  }

  /// Replaces the stored object with `object` (optimistic concurrency on its resourceVersion).
  func update(
    _ type: ResourceType, _ key: ObjectKey, _ object: JSONValue, subresource: String?,
    request: APIRequest
  ) throws(APIError) -> APIResponse {
    guard let current = cache.entry(type, key) else { throw .notFound(type, name: key.name) }
    if let version = object["metadata"]?["resourceVersion"]?.stringValue, !version.isEmpty,
      version != String(current.resourceVersion)
    {
      throw .conflict(type, name: key.name)
    }
    if isSimulated(type) {
      return body(
        200, try updateSimulated(type, key, object, subresource: subresource, request: request))
    }
    var merged = object
    var metadata = object["metadata"] ?? .object([:])
    for field in ["uid", "creationTimestamp", "namespace", "name"] {
      metadata[field] = current.object["metadata"]?[field]
    }
    if subresource == "status" {
      merged = current.object
      merged["status"] = object["status"]
      metadata = current.object["metadata"] ?? metadata
    } else if type.subresource("status") != nil {
      merged["status"] = current.object["status"]
    }
    let generation = current.object["metadata"]?["generation"]?.intValue
    if let generation {
      metadata["generation"] = .int(
        merged["spec"] != current.object["spec"] ? generation + 1 : generation)
    }
    merged["metadata"] = metadata
    if merged == current.object || request.isDryRun {
      return body(200, request.isDryRun ? merged : current.object)
    }
    return body(200, putStored(type, key, merged))
  }

  func patch(
    _ type: ResourceType, _ key: ObjectKey, subresource: String?, request: APIRequest
  ) throws(APIError) -> APIResponse {
    let contentType = request.contentType ?? ""
    let isCustom = type.group == "argoproj.io"
    guard let patchType = PatchType(contentType: contentType),
      PatchType.supported(isCustomResource: isCustom).contains(patchType)
    else {
      throw PatchType.unsupportedMediaType(isCustomResource: isCustom)
    }
    if patchType == .apply, subresource == nil {
      return try serverSideApply(type, key, request: request, isCustom: isCustom)
    }
    guard var current = subresource == "scale" ? try scale(type, key) : cache.object(type, key)
    else { throw .notFound(type, name: key.name) }
    if subresource == "scale" { current["apiVersion"] = "autoscaling/v1" }
    var patched = try Patching.apply(
      patchType, body: request.body, to: current,
      kind: subresource == "scale" ? "Scale" : type.kind,
      isCustomResource: isCustom)
    if patched["metadata"]?["resourceVersion"] == nil {
      patched["metadata"]?["resourceVersion"] = current["metadata"]?["resourceVersion"]
    }
    if subresource == "scale" { return try writeScale(type, key, patched, request: request) }
    return try update(type, key, patched, subresource: subresource, request: request)
  }

  /// Server-side apply: creates a missing object (201), else merges the applied configuration
  /// onto the live object and removes what this field manager applied last time and no longer
  /// does. Each manager's last configuration is kept beside the object (no `managedFields`).
  private func serverSideApply(
    _ type: ResourceType, _ key: ObjectKey, request: APIRequest, isCustom: Bool
  ) throws(APIError) -> APIResponse {
    guard let manager = request.query["fieldManager"], !manager.isEmpty else {
      throw APIError(
        code: 422, reason: "Invalid",
        message:
          "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch",
        details: .init(causes: [
          .init(
            reason: "FieldValueRequired", message: "Required value: is required for apply patch",
            field: "fieldManager")
        ]))
    }
    let configuration = try ServerSideApply.configuration(from: request.body)
    let managerKey = "\(type.qualifiedName)/\(key.namespace)/\(key.name)/\(manager)"
    let live = cache.object(type, key)
    var merged = try ServerSideApply.apply(
      applied: configuration, live: live,
      previouslyApplied: live == nil ? nil : appliedConfigurations[managerKey],
      kind: type.kind, isCustomResource: isCustom)
    try checkKind(merged, type)
    _ = try objectName(&merged, pathName: key.name)
    var request = request
    request.body = (try? merged.exactBytes()) ?? Array("{}".utf8)
    request.contentType = "application/json"
    let response: APIResponse
    if let live {
      merged["metadata"]?["resourceVersion"] = live["metadata"]?["resourceVersion"]
      response = try update(type, key, merged, subresource: nil, request: request)
    } else {
      response = try create(
        type, namespace: type.namespaced ? key.namespace : nil, request: request)
    }
    if !request.isDryRun {
      appliedConfigurations[managerKey] = configuration
      unsavedObjects = true
    }
    return response
  }

  func delete(_ type: ResourceType, _ key: ObjectKey, request: APIRequest) throws(APIError)
    -> APIResponse
  {
    guard let current = cache.object(type, key) else { throw .notFound(type, name: key.name) }
    if request.isDryRun { return body(200, current) }
    let options =
      request.body.isEmpty
      ? nil : try? JSONValue(exactText: String(decoding: request.body, as: UTF8.self))
    let policy = request.query["propagationPolicy"] ?? options?["propagationPolicy"]?.stringValue
    let orphan = policy == "Orphan" || options?["orphanDependents"] == .bool(true)
    let applied = "\(type.qualifiedName)/\(key.namespace)/\(key.name)/"
    for name in appliedConfigurations.keys where name.hasPrefix(applied) {
      appliedConfigurations[name] = nil
    }
    if isSimulated(type) {
      try deleteSimulated(type, key, orphan: orphan)
    } else {
      removeStored(type, key)
      if type.kind == "Namespace" { deleteNamespaceContents(key.name) }
    }
    return body(200, Self.success(type, name: key.name, uid: current["metadata"]?["uid"]))
  }

  func deleteCollection(_ type: ResourceType, namespace: String?, request: APIRequest)
    throws(APIError) -> APIResponse
  {
    let (keys, _, _) = try select(type, namespace: namespace, request: request)
    var deleted: [JSONValue] = []
    for key in keys {
      guard let object = cache.object(type, key) else { continue }
      deleted.append(object)
      if !request.isDryRun { _ = try delete(type, key, request: request) }
    }
    return body(
      200,
      .object([
        "kind": .string(type.listKind), "apiVersion": .string(type.groupVersion),
        "metadata": .object(["resourceVersion": .string(String(cluster.currentResourceVersion))]),
        "items": .array(deleted),
      ]))
  }

  private func deleteNamespaceContents(_ namespace: String) {
    for type in registry.types where type.namespaced && !isDerived(type) {
      for key in cache.keys(type, namespace: namespace) {
        if isSimulated(type) {
          try? deleteSimulated(type, key, orphan: false)
        } else {
          removeStored(type, key)
        }
      }
    }
  }

  // MARK: Helpers

  static func parseBody(_ request: APIRequest) throws(APIError) -> JSONValue {
    if request.contentType == "application/yaml" {
      return try ServerSideApply.configuration(from: request.body)
    }
    let text = String(decoding: request.body, as: UTF8.self)
    do {
      let value = try JSONValue(exactText: text)
      guard value.objectValue != nil else {
        throw APIError.badRequest("the body of the request is not a JSON object")
      }
      return value
    } catch let error as APIError {
      throw error
    } catch {
      throw .badRequest("couldn't get version/kind; json parse error: \(error)")
    }
  }

  private func checkKind(_ object: JSONValue, _ type: ResourceType) throws(APIError) {
    let kind = object["kind"]?.stringValue ?? ""
    let apiVersion = object["apiVersion"]?.stringValue ?? ""
    guard kind == type.kind, apiVersion == type.groupVersion else {
      throw .badRequest(
        "the API version in the data (\(apiVersion)) does not match the expected API version (\(type.groupVersion))"
          + (kind == type.kind ? "" : " or kind \(kind) is not \(type.kind)"))
    }
  }

  /// The object's name, taken from `generateName` when it has none; checked against the path.
  private func objectName(_ object: inout JSONValue, pathName: String?) throws(APIError) -> String {
    var name = object["metadata"]?["name"]?.stringValue ?? ""
    if name.isEmpty, let prefix = object["metadata"]?["generateName"]?.stringValue {
      name = prefix + String(cluster.currentResourceVersion + 1, radix: 36)
      object["metadata"]?["name"] = .string(name)
    }
    if let pathName, name != pathName {
      throw .badRequest(
        "the name of the object (\(name)) does not match the name on the URL (\(pathName))")
    }
    guard !name.isEmpty else {
      throw APIError(
        code: 422, reason: "Invalid",
        message: "metadata.name: Required value: name or generateName is required",
        details: .init(causes: [
          .init(
            reason: "FieldValueRequired",
            message: "Required value: name or generateName is required", field: "metadata.name")
        ]))
    }
    return name
  }

  private func objectKey(
    _ type: ResourceType, namespace: String?, name: String, object: inout JSONValue
  ) throws(APIError) -> ObjectKey {
    guard type.namespaced else {
      object["metadata"]?["namespace"] = nil
      return .cluster(name)
    }
    let given = object["metadata"]?["namespace"]?.stringValue
    let chosen = namespace ?? given ?? "default"
    if let given, !given.isEmpty, given != chosen {
      throw .badRequest(
        "the namespace of the provided object does not match the namespace sent on the request")
    }
    guard cache.entry(namespaces, .cluster(chosen)) != nil else {
      throw APIError(
        code: 404, reason: "NotFound", message: "namespaces \"\(chosen)\" not found",
        details: .init(name: chosen, group: "", kind: "namespaces"))
    }
    object["metadata"]?["namespace"] = .string(chosen)
    return ObjectKey(chosen, name)
  }

  static func success(_ type: ResourceType, name: String, uid: JSONValue?) -> JSONValue {
    var details: [String: JSONValue] = [
      "name": .string(name), "group": .string(type.group), "kind": .string(type.plural),
    ]
    if let uid { details["uid"] = uid }
    return .object([
      "kind": "Status", "apiVersion": "v1", "metadata": .object([:]), "status": "Success",
      "details": .object(details),
    ])
  }
}
