import Engine
import Foundation

/// Reads: get, list (selectors, limit and continue, tables) and watch.
extension ServedState {
  func get(_ type: ResourceType, _ key: ObjectKey, request: APIRequest) throws(APIError)
    -> APIResponse
  {
    guard let object = cache.object(type, key) else { throw .notFound(type, name: key.name) }
    if request.wantsTable {
      try TableRenderer.validate(includeObject: request.query["includeObject"])
      return body(200, table(type, [object], request: request, withColumns: true))
    }
    return .body(status: 200, contentType: "application/json", bytes: cache.bytes(type, key)!)
  }

  /// The objects of `type` in `namespace` (all when nil) that the request's selectors match,
  /// sorted by namespace and name, from after the `continue` token, at most `limit`.
  func select(_ type: ResourceType, namespace: String?, request: APIRequest) throws(APIError)
    -> (keys: [ObjectKey], continueToken: String?, remaining: Int?)
  {
    let selection = try Selection(request, kind: type.kind)
    var keys = cache.keys(type, namespace: namespace)
    if let token = request.query["continue"], !token.isEmpty {
      guard let after = Self.decodeContinue(token) else {
        throw .badRequest("invalid continue token")
      }
      keys = Array(keys.drop { $0 <= after })
    }
    if !selection.isEverything {
      keys = keys.filter { key in cache.object(type, key).map(selection.matches) ?? false }
    }
    if let limit = request.query["limit"].flatMap({ Int($0) }), limit > 0, keys.count > limit {
      let page = Array(keys.prefix(limit))
      return (page, Self.encodeContinue(page.last!), keys.count - limit)
    }
    return (keys, nil, nil)
  }

  func list(_ type: ResourceType, namespace: String?, request: APIRequest) throws(APIError)
    -> APIResponse
  {
    let (keys, token, remaining) = try select(type, namespace: namespace, request: request)
    let version = String(cluster.currentResourceVersion)
    if request.wantsTable {
      try TableRenderer.validate(includeObject: request.query["includeObject"])
      let objects = keys.compactMap { cache.object(type, $0) }
      var table = table(type, objects, request: request, withColumns: true)
      var metadata: [String: JSONValue] = ["resourceVersion": .string(version)]
      if let token { metadata["continue"] = .string(token) }
      if let remaining { metadata["remainingItemCount"] = .int(remaining) }
      table["metadata"] = .object(metadata)
      return body(200, table)
    }
    var out: [UInt8] = []
    out.reserveCapacity(keys.count * 1024 + 256)
    out += Array("{\"kind\":\"\(type.listKind)\",\"apiVersion\":\"\(type.groupVersion)\",".utf8)
    out += Array("\"metadata\":{\"resourceVersion\":\"\(version)\"".utf8)
    if let token { out += Array(",\"continue\":\"\(token)\"".utf8) }
    if let remaining { out += Array(",\"remainingItemCount\":\(remaining)".utf8) }
    out += Array("},\"items\":[".utf8)
    for (index, key) in keys.enumerated() {
      if index > 0 { out.append(UInt8(ascii: ",")) }
      out += cache.bytes(type, key) ?? Array("{}".utf8)
    }
    out += Array("]}".utf8)
    return .body(status: 200, contentType: "application/json", bytes: out)
  }

  /// Opens a watch: from `resourceVersion` (the logged changes since), or from now with an ADDED
  /// event for every current object when none (or `0`) is given. A resourceVersion older than
  /// the log is answered with an ERROR event carrying a 410 Expired Status.
  func watch(_ type: ResourceType, namespace: String?, name: String?, request: APIRequest)
    throws(APIError) -> (id: Int, stream: AsyncStream<[UInt8]>)
  {
    var request = request
    if let name { request.query["fieldSelector"] = fieldSelector(adding: name, to: request) }
    request.query["limit"] = nil
    request.query["continue"] = nil
    let selection = try Selection(request, kind: type.kind)
    let matches = selection.matches
    let asTable = request.wantsTable
    if asTable { try TableRenderer.validate(includeObject: request.query["includeObject"]) }
    var first = true
    let render: (WatchEvent) -> [UInt8] = { [unowned self] event in
      guard asTable, event.kind != .error, event.kind != .bookmark else { return event.line }
      let table = self.table(type, [event.object], request: request, withColumns: first)
      first = false
      return WatchEvent.line(event.kind, table)
    }
    var initial: [[UInt8]] = []
    let since = request.query["resourceVersion"].flatMap { Int($0) } ?? 0
    if since == 0 {
      let (keys, _, _) = try select(type, namespace: namespace, request: request)
      for key in keys {
        guard let entry = cache.entry(type, key) else { continue }
        initial.append(
          render(
            WatchEvent(
              kind: .added, type: type, key: key, object: entry.object,
              resourceVersion: entry.resourceVersion)))
      }
    } else if let changes = hub.changes(after: since) {
      for event in changes
      where event.type == type && (namespace == nil || event.key.namespace == namespace)
        && matches(event.object)
      {
        initial.append(render(event))
      }
    } else {
      let expired = APIError.expired(
        "too old resource version: \(since) (\(hub.oldestResourceVersion))")
      initial.append(WatchEvent.line(.error, expired.status))
    }
    return hub.open(
      type: type, namespace: namespace, bookmarks: request.query["allowWatchBookmarks"] == "true",
      plain: !asTable && selection.isEverything, initial: initial, matches: matches,
      render: render)
  }

  private func fieldSelector(adding name: String, to request: APIRequest) -> String {
    let byName = "metadata.name=\(name)"
    guard let existing = request.query["fieldSelector"], !existing.isEmpty else { return byName }
    return existing + "," + byName
  }

  func table(_ type: ResourceType, _ objects: [JSONValue], request: APIRequest, withColumns: Bool)
    -> JSONValue
  {
    TableRenderer.table(
      for: type, objects: objects, now: encoding.clock.epoch + cluster.now,
      includeObject: request.query["includeObject"],
      resourceVersion: String(cluster.currentResourceVersion), withColumns: withColumns)
  }

  func body(_ status: Int, _ value: JSONValue) -> APIResponse {
    let bytes = (try? value.exactBytes(sortedKeys: false)) ?? Array("{}".utf8)
    return .body(status: status, contentType: "application/json", bytes: bytes)
  }

  static func encodeContinue(_ key: ObjectKey) -> String {
    Data("\(key.namespace)/\(key.name)".utf8).base64EncodedString()
  }

  static func decodeContinue(_ token: String) -> ObjectKey? {
    guard let data = Data(base64Encoded: token) else { return nil }
    let text = String(decoding: data, as: UTF8.self)
    guard let slash = text.firstIndex(of: "/") else { return nil }
    return ObjectKey(String(text[..<slash]), String(text[text.index(after: slash)...]))
  }
}
