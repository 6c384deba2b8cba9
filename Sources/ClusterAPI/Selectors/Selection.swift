import Engine

/// What a list or watch request selects: its `labelSelector` and `fieldSelector`, parsed once.
struct Selection {
  var labels: LabelQuery?
  var fields: FieldQuery?

  init(_ request: APIRequest, kind: String) throws(APIError) {
    labels = try request.query["labelSelector"].map { text throws(APIError) in
      try LabelQuery(parsing: text)
    }
    fields = try request.query["fieldSelector"].map { text throws(APIError) in
      try FieldQuery(parsing: text, kind: kind)
    }
  }

  /// Whether the request selects everything (no selector given).
  var isEverything: Bool { labels == nil && fields == nil }

  func matches(_ object: JSONValue) -> Bool {
    (labels?.matches(object: object) ?? true) && (fields?.matches(object) ?? true)
  }
}
