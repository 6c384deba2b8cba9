import Engine

/// `application/json-patch+json`: RFC 6902 operations (`add`, `remove`, `replace`, `move`,
/// `copy`, `test`), with the readings of the library kube-apiserver applies them with
/// (evanphx/json-patch v4), so that clients see the same outcomes:
///
/// - `replace` of a missing object member sets it (kubectl's rollback replaces
///   `/metadata/annotations` whether or not there are any);
/// - negative array indices count from the end;
/// - a member that is `null` counts as missing for `test`, and `test` of a missing member
///   against `null` passes;
/// - an operation without `value` adds or replaces with `null`.
///
/// A document that is not a JSON array of objects is a 400; an operation that cannot apply is a
/// 422; more than `maxOperations` operations is a 413.
enum JSONPatch {
  /// The most operations one patch may carry (the API server's `maxJSONPatchOperations`).
  static let maxOperations = 10_000

  /// One operation as sent; absent members are nil.
  struct Operation: Sendable, Hashable {
    var op: JSONValue?
    var path: JSONValue?
    var from: JSONValue?
    /// nil when there is no `value` member; `.null` when it is JSON `null`.
    var value: JSONValue?
  }

  /// The operations of a patch document.
  static func decode(_ document: JSONValue) throws(PatchFailure) -> [Operation] {
    switch document {
    case .null:
      return []
    case .array(let items):
      var operations: [Operation] = []
      operations.reserveCapacity(items.count)
      for item in items {
        switch item {
        case .object(let members):
          operations.append(
            Operation(
              op: members["op"], path: members["path"], from: members["from"],
              value: members["value"]))
        case .null:
          operations.append(Operation())
        default:
          throw PatchFailure(
            .badRequest,
            "json: cannot unmarshal \(jsonKind(item)) into Go value of type jsonpatch.Operation")
        }
      }
      guard operations.count <= maxOperations else {
        throw PatchFailure(
          .tooLarge,
          "The allowed maximum operations in a JSON patch is \(maxOperations), got \(operations.count)"
        )
      }
      return operations
    default:
      throw PatchFailure(
        .badRequest,
        "json: cannot unmarshal \(jsonKind(document)) into Go value of type jsonpatch.Patch")
    }
  }

  /// `document` with `operations` applied in order.
  static func apply(_ operations: [Operation], to document: JSONValue) throws(PatchFailure)
    -> JSONValue
  {
    var document = document
    for operation in operations {
      try apply(operation, to: &document)
    }
    return document
  }

  private static func apply(_ operation: Operation, to document: inout JSONValue)
    throws(PatchFailure)
  {
    let kind = operation.op?.stringValue ?? "unknown"
    switch kind {
    case "add":
      let path = try pathOf(operation, "path", kind)
      try at(path, in: &document, "add operation does not apply: doc is missing path: \"\(path)\"")
      {
        (container, key) throws(PatchFailure) in
        try insert(operation.value ?? .null, at: key, in: &container)
      }
    case "remove":
      let path = try pathOf(operation, "path", kind)
      try at(
        path, in: &document, "remove operation does not apply: doc is missing path: \"\(path)\""
      ) {
        (container, key) throws(PatchFailure) in
        try delete(key, from: &container)
      }
    case "replace":
      try replace(operation, in: &document)
    case "test":
      try test(operation, in: &document)
    case "move", "copy":
      let from = try pathOf(operation, "from", kind)
      var value: JSONValue?
      try at(
        from, in: &document, "\(kind) operation does not apply: doc is missing from path: \(from)"
      ) {
        (container, key) throws(PatchFailure) in
        value = try member(key, of: container)
        if kind == "move" { try delete(key, from: &container) }
      }
      let path = try pathOf(operation, "path", kind)
      try at(
        path, in: &document,
        "\(kind) operation does not apply: doc is missing destination path: \(path)"
      ) {
        (container, key) throws(PatchFailure) in
        try insert(value ?? .null, at: key, in: &container)
      }
    default:
      throw PatchFailure(.unprocessable, "Unexpected kind: \(kind)")
    }
  }

  private static func replace(_ operation: Operation, in document: inout JSONValue)
    throws(PatchFailure)
  {
    let path = try pathOf(operation, "path", "replace")
    let value = operation.value ?? .null
    if path.isEmpty {
      guard value.isContainer else {
        throw PatchFailure(.unprocessable, "replace operation value must be object or array")
      }
      document = value
      return
    }
    try at(path, in: &document, "replace operation does not apply: doc is missing path: \(path)") {
      (container, key) throws(PatchFailure) in
      if case .array(var items) = container {
        guard let position = try? existingIndex(key, count: items.count) else {
          throw PatchFailure(
            .unprocessable, "replace operation does not apply: doc is missing key: \(path)")
        }
        container = .null
        items[position] = value
        container = .array(items)
      } else {
        try insert(value, at: key, in: &container)
      }
    }
  }

  private static func test(_ operation: Operation, in document: inout JSONValue)
    throws(PatchFailure)
  {
    let path = try pathOf(operation, "path", "test")
    let expected = operation.value == .null ? nil : operation.value
    let failed = PatchFailure(.unprocessable, "testing value \(path) failed: test failed")
    if path.isEmpty {
      guard expected == document else { throw failed }
      return
    }
    try at(path, in: &document, "test operation does not apply: is missing path: \(path)") {
      (container, key) throws(PatchFailure) in
      guard try member(key, of: container) == expected else { throw failed }
    }
  }

  /// Runs `body` on the container `path` ends in, or fails with `missing`.
  private static func at(
    _ path: String, in document: inout JSONValue, _ missing: String,
    _ body: (inout JSONValue, String) throws(PatchFailure) -> Void
  ) throws(PatchFailure) {
    guard let tokens = JSONPointer.tokens(path),
      try withParent(of: tokens[...], in: &document, body) != nil
    else { throw PatchFailure(.unprocessable, "\(missing): missing value") }
  }

  private static func pathOf(_ operation: Operation, _ member: String, _ kind: String)
    throws(PatchFailure)
    -> String
  {
    let value = member == "from" ? operation.from : operation.path
    guard let text = value?.stringValue else {
      throw PatchFailure(
        .unprocessable, "\(kind) operation failed to decode \(member): missing value")
    }
    return text
  }

  /// How Go's JSON decoder names the kind of a value in its type errors.
  static func jsonKind(_ value: JSONValue) -> String {
    switch value {
    case .object: return "object"
    case .array: return "array"
    case .string: return "string"
    case .int, .double: return "number"
    case .bool: return "bool"
    case .null: return "null"
    }
  }
}
