import Engine
import NIOHTTP1

/// The verbs, as RBAC names them.
extension KubeClient {
  /// The object, or nil when there is none (404).
  public func get(_ resource: APIResource, namespace: String?, name: String) async throws
    -> JSONValue?
  {
    do {
      return try await perform(
        Call(method: .GET, verb: "get", resource: resource, namespace: namespace, name: name))
    } catch let error as KubeError where error.isNotFound {
      return nil
    }
  }

  /// A list: the items and the list's resourceVersion (where a watch starts).
  public struct ListResult: Sendable {
    public var items: [JSONValue]
    public var resourceVersion: String
  }

  /// Every object of `resource` in `namespace` (nil: all namespaces), read in pages of `limit`.
  public func list(
    _ resource: APIResource, namespace: String?, labelSelector: String? = nil, limit: Int = 500
  ) async throws -> ListResult {
    var items: [JSONValue] = []
    var next: String?
    repeat {
      var query: [(String, String)] = [("limit", String(limit))]
      if let labelSelector { query.append(("labelSelector", labelSelector)) }
      if let next { query.append(("continue", next)) }
      let page = try await perform(
        Call(method: .GET, verb: "list", resource: resource, namespace: namespace, query: query))
      for var item in page["items"]?.arrayValue ?? [] {
        // List items carry no kind; put it back so every object reads alike.
        item["kind"] = .string(resource.kind)
        item["apiVersion"] = .string(resource.apiVersion)
        items.append(item)
      }
      let continuation = page["metadata"]?["continue"]?.stringValue ?? ""
      next = continuation.isEmpty ? nil : continuation
      if next == nil {
        return ListResult(
          items: items, resourceVersion: page["metadata"]?["resourceVersion"]?.stringValue ?? "")
      }
    } while true
  }

  /// Creates `object` (201); a taken name is a 409 `AlreadyExists`.
  @discardableResult
  public func create(_ resource: APIResource, namespace: String?, _ object: JSONValue)
    async throws -> JSONValue
  {
    try await perform(
      Call(
        method: .POST, verb: "create", resource: resource, namespace: namespace,
        name: nil, body: try Self.encode(object)))
  }

  /// Replaces the object (PUT). Its `metadata.resourceVersion`, when set, is the precondition:
  /// a 409 means it changed since it was read.
  @discardableResult
  public func replace(
    _ resource: APIResource, namespace: String?, _ object: JSONValue, subresource: String? = nil
  ) async throws -> JSONValue {
    guard let name = object["metadata"]?["name"]?.stringValue else {
      throw KubeError.malformed("replace \(resource): the object has no metadata.name")
    }
    return try await perform(
      Call(
        method: .PUT, verb: "update", resource: resource, namespace: namespace, name: name,
        subresource: subresource, body: try Self.encode(object)))
  }

  /// The patch types the API server accepts.
  public enum PatchType: String, Sendable {
    case merge = "application/merge-patch+json"
    case strategicMerge = "application/strategic-merge-patch+json"
    case json = "application/json-patch+json"
  }

  @discardableResult
  public func patch(
    _ resource: APIResource, namespace: String?, name: String, _ patch: JSONValue,
    type: PatchType = .merge, subresource: String? = nil
  ) async throws -> JSONValue {
    try await perform(
      Call(
        method: .PATCH, verb: "patch", resource: resource, namespace: namespace, name: name,
        subresource: subresource, body: try Self.encode(patch), contentType: type.rawValue))
  }

  /// Deletes the object; `uid` and `resourceVersion`, when given, are preconditions. A missing
  /// object is not an error (it is gone, as asked).
  public func delete(
    _ resource: APIResource, namespace: String?, name: String, uid: String? = nil,
    resourceVersion: String? = nil, propagation: String = "Background"
  ) async throws {
    var preconditions: [String: JSONValue] = [:]
    if let uid { preconditions["uid"] = .string(uid) }
    if let resourceVersion { preconditions["resourceVersion"] = .string(resourceVersion) }
    var options: [String: JSONValue] = [
      "kind": "DeleteOptions", "apiVersion": "v1", "propagationPolicy": .string(propagation),
    ]
    if !preconditions.isEmpty { options["preconditions"] = .object(preconditions) }
    do {
      _ = try await perform(
        Call(
          method: .DELETE, verb: "delete", resource: resource, namespace: namespace, name: name,
          body: try Self.encode(.object(options))))
    } catch let error as KubeError where error.isNotFound {
      return
    }
  }

  static func encode(_ object: JSONValue) throws -> [UInt8] {
    do {
      return try object.exactBytes(sortedKeys: false)
    } catch {
      throw KubeError.malformed("the object cannot be written as JSON: \(error)")
    }
  }
}
