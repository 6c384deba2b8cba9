import Engine

/// The parameters of the OpenAPI v3 operations, each written inline (kubectl looks a PATCH
/// operation's `fieldValidation` up by name among its own parameters).
enum OpenAPIParameters {
  private static func query(_ name: String, _ type: String, _ description: String) -> JSONValue {
    [
      "name": .string(name), "in": "query", "description": .string(description),
      "schema": ["type": .string(type), "uniqueItems": true],
    ]
  }

  private static func path(_ name: String, _ description: String) -> JSONValue {
    [
      "name": .string(name), "in": "path", "description": .string(description),
      "required": true, "schema": ["type": "string", "uniqueItems": true],
    ]
  }

  static func name(_ kind: String) -> JSONValue { path("name", "name of the \(kind)") }
  static let namespace = path(
    "namespace", "object name and auth scope, such as for teams and projects")
  static let pretty = query("pretty", "string", "If 'true', the output is pretty printed.")

  static let dryRun = query(
    "dryRun", "string",
    "All: check and answer the request as if it were made, without persisting it.")
  static let fieldManager = query(
    "fieldManager", "string", "Name of the actor making the change, recorded in managedFields.")
  static let fieldValidation = query(
    "fieldValidation", "string",
    "How unknown and duplicate fields in the body are handled: Ignore drops them, Warn drops "
      + "them with a warning, Strict refuses the request.")
  static let force = query(
    "force", "boolean", "Server-side apply only: take ownership of conflicting fields.")

  /// The parameters of create, replace (and, with `force`, patch).
  static let write = [dryRun, fieldManager, fieldValidation]

  static let delete = [
    dryRun,
    query("gracePeriodSeconds", "integer", "Seconds before the object is removed."),
    query("orphanDependents", "boolean", "Deprecated: use propagationPolicy."),
    query(
      "propagationPolicy", "string",
      "Whether and how dependents are garbage-collected: Orphan, Background or Foreground."),
  ]

  static func list(watch: Bool) -> [JSONValue] {
    var parameters = [
      query("continue", "string", "The token of the next page, from a previous list."),
      query("fieldSelector", "string", "Select objects by fields (metadata.name=web)."),
      query("labelSelector", "string", "Select objects by labels (app=web,tier in (front))."),
      query("limit", "integer", "Most objects to return; the list carries a continue token."),
      query("resourceVersion", "string", "The version to list or watch from."),
      query("resourceVersionMatch", "string", "How resourceVersion is applied to a list."),
      query("timeoutSeconds", "integer", "End the list or watch after this many seconds."),
    ]
    if watch {
      parameters += [
        query(
          "allowWatchBookmarks", "boolean", "Ask for BOOKMARK events carrying the version."),
        query("watch", "boolean", "Stream changes (ADDED, MODIFIED, DELETED) instead of listing."),
        query("sendInitialEvents", "boolean", "Begin a watch with the current objects."),
      ]
    }
    return parameters
  }
}
