import Engine

/// Which handler a request goes to: the well-known paths, discovery, OpenAPI, and the resource
/// verbs by method and path.
extension ServedCluster {
  func route(_ request: APIRequest) throws -> APIResponse {
    let path =
      request.path.count > 1 && request.path.hasSuffix("/")
      ? String(request.path.dropLast()) : request.path
    switch path {
    case "/version": return state.body(200, Discovery.version())
    case "/healthz", "/readyz", "/livez":
      return .body(status: 200, contentType: "text/plain; charset=utf-8", bytes: Array("ok".utf8))
    default: break
    }
    if let response = try discovery(path, request) { return response }
    guard let parsed = RequestPath(path),
      let type = state.registry.type(
        group: parsed.group, version: parsed.version, plural: parsed.resource)
    else { throw APIError.noSuchPath }
    if let subresource = parsed.subresource, type.subresource(subresource) == nil {
      throw APIError.noSuchPath
    }
    if type.namespaced == false, parsed.namespace != nil { throw APIError.noSuchPath }
    if parsed.subresource == nil {
      try RequestVerb.check(request, type, named: parsed.name != nil)
    }
    let namespace = type.namespaced ? parsed.namespace : nil
    guard let name = parsed.name else {
      return try collection(type, namespace: namespace, request: request)
    }
    let key = type.namespaced ? ObjectKey(namespace ?? "default", name) : .cluster(name)
    switch request.method {
    case "GET":
      if request.query["watch"] == "true" || request.query["watch"] == "1" {
        return try startWatch(type, namespace: namespace, name: name, request: request)
      }
      if parsed.subresource == "scale" {
        guard let scale = try state.scale(type, key) else {
          throw APIError.notFound(type, name: name)
        }
        return state.body(200, scale)
      }
      return try state.get(type, key, request: request)
    case "PUT":
      return try state.replace(type, key, subresource: parsed.subresource, request: request)
    case "PATCH":
      return try state.patch(type, key, subresource: parsed.subresource, request: request)
    case "DELETE": return try state.delete(type, key, request: request)
    default: throw APIError.methodNotAllowed(request.method, type)
    }
  }

  private func collection(_ type: ResourceType, namespace: String?, request: APIRequest) throws
    -> APIResponse
  {
    switch request.method {
    case "GET":
      if request.query["watch"] == "true" || request.query["watch"] == "1" {
        return try startWatch(type, namespace: namespace, name: nil, request: request)
      }
      return try state.list(type, namespace: namespace, request: request)
    case "POST": return try state.create(type, namespace: namespace, request: request)
    case "DELETE": return try state.deleteCollection(type, namespace: namespace, request: request)
    default: throw APIError.methodNotAllowed(request.method, type)
    }
  }

  /// `/api`, `/apis`, their group versions, and `/openapi/v3`.
  private func discovery(_ path: String, _ request: APIRequest) throws -> APIResponse? {
    let registry = state.registry
    switch path {
    case "/api", "/apis":
      let format = Discovery.format(accept: request.accept)
      if format != .legacy {
        let (body, contentType) = Discovery.aggregated(
          registry, legacyCore: path == "/api", format: format)
        return .body(
          status: 200, contentType: contentType,
          bytes: (try? body.exactBytes()) ?? Array("{}".utf8))
      }
      return state.body(
        200, path == "/api" ? Discovery.legacyAPIVersions() : Discovery.groupList(registry))
    case "/openapi/v3":
      return .body(
        status: 200, contentType: "application/json", bytes: Array(openAPI.indexText.utf8))
    default: break
    }
    if path.hasPrefix("/openapi/v3/") {
      // As kube-openapi: the hash names the bytes; a stale one is redirected to the current.
      let name = String(path.dropFirst("/openapi/v3/".count))
      guard let document = openAPI.document(path: name) else { throw APIError.noSuchPath }
      let etag = "\"\(document.hash)\""
      if let asked = request.query["hash"], asked != document.hash {
        return .body(
          status: 301, contentType: "text/plain", bytes: [],
          headers: ["Location": "/openapi/v3/\(name)?hash=\(document.hash)", "ETag": etag])
      }
      var headers = ["ETag": etag]
      if request.query["hash"] != nil { headers["Cache-Control"] = "public, immutable" }
      return .body(
        status: 200, contentType: "application/json", bytes: Array(document.text.utf8),
        headers: headers)
    }
    let parts = path.split(separator: "/").map(String.init)
    if parts.count == 2, parts[0] == "api" {
      return try resources(group: "", version: parts[1])
    }
    if parts.count == 3, parts[0] == "apis" {
      return try resources(group: parts[1], version: parts[2])
    }
    if parts.count == 2, parts[0] == "apis" {
      let versions = registry.groups.first { $0.name == parts[1] }?.versions ?? []
      guard !versions.isEmpty else { throw APIError.noSuchPath }
      let groups = Discovery.groupList(registry)["groups"]?.arrayValue ?? []
      guard var group = groups.first(where: { $0["name"]?.stringValue == parts[1] }) else {
        throw APIError.noSuchPath
      }
      group["kind"] = "APIGroup"
      group["apiVersion"] = "v1"
      return state.body(200, group)
    }
    return nil
  }

  private func resources(group: String, version: String) throws -> APIResponse {
    guard let list = Discovery.resourceList(state.registry, group: group, version: version) else {
      throw APIError.noSuchPath
    }
    return state.body(200, list)
  }
}
