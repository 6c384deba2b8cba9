/// The API verb of a request on a resource, as the API server authorizes and discovery lists
/// it: `get`, `list`, `watch`, `create`, `update`, `patch`, `delete`, `deletecollection`.
enum RequestVerb {
  /// The verb of `method` on one object (`named`) or on the collection; nil for a method that is
  /// no verb (it is refused as such elsewhere).
  static func of(method: String, named: Bool, watch: Bool) -> String? {
    switch (method, named) {
    case ("GET", _) where watch: "watch"
    case ("GET", true): "get"
    case ("GET", false): "list"
    case ("POST", false): "create"
    case ("PUT", true): "update"
    case ("PATCH", true): "patch"
    case ("DELETE", true): "delete"
    case ("DELETE", false): "deletecollection"
    default: nil
    }
  }

  /// Refuses a request whose verb `type` does not serve (a read-only resource written to) with
  /// the API server's 405 `MethodNotAllowed`.
  static func check(_ request: APIRequest, _ type: ResourceType, named: Bool) throws(APIError) {
    let watch = request.query["watch"] == "true" || request.query["watch"] == "1"
    guard let verb = of(method: request.method, named: named, watch: watch) else { return }
    if !type.verbs.contains(verb) { throw .methodNotAllowed(request.method, type) }
  }
}
