import Engine

/// Reaching the container a JSON patch path ends in, and changing it in place.
extension JSONPatch {
  /// Calls `body` with the object or array that holds the last token of `tokens`, and that token;
  /// nil when a token before the last names nothing, `null` or a scalar.
  ///
  /// Each level is taken out of its parent while `body` runs, so the change happens in place
  /// instead of copying every object on the path.
  static func withParent<Result>(
    of tokens: ArraySlice<String>, in document: inout JSONValue,
    _ body: (inout JSONValue, String) throws(PatchFailure) -> Result
  ) throws(PatchFailure) -> Result? {
    guard let head = tokens.first else { return nil }
    if tokens.count == 1 {
      guard document.isContainer else { return nil }
      return try body(&document, head)
    }
    let rest = tokens.dropFirst()
    switch document {
    case .object(var members):
      guard var child = members[head], child.isContainer else { return nil }
      document = .null
      members[head] = .null
      defer {
        members[head] = child
        document = .object(members)
      }
      return try withParent(of: rest, in: &child, body)
    case .array(var items):
      guard let position = try? existingIndex(head, count: items.count),
        items[position].isContainer
      else { return nil }
      var child = items[position]
      document = .null
      items[position] = .null
      defer {
        items[position] = child
        document = .array(items)
      }
      return try withParent(of: rest, in: &child, body)
    default:
      return nil
    }
  }

  /// The position `token` names in an array of `count` elements, negative positions counting from
  /// the end as the API server's JSON patch library allows.
  static func existingIndex(_ token: String, count: Int) throws(PatchFailure) -> Int {
    guard let index = JSONPointer.index(token) else {
      throw PatchFailure(
        .unprocessable, "strconv.Atoi: parsing \(GoText.quoted(token)): invalid syntax")
    }
    let position = index < 0 ? index + count : index
    guard position >= 0, position < count else { throw invalidIndex(index) }
    return position
  }

  /// The position to insert at for `add`: `-` or `count` appends.
  static func insertionIndex(_ token: String, count: Int) throws(PatchFailure) -> Int {
    if token == "-" { return count }
    guard let index = JSONPointer.index(token) else {
      throw PatchFailure(.unprocessable, "value was not a proper array index: '\(token)'")
    }
    let position = index < 0 ? index + count + 1 : index
    guard position >= 0, position <= count else { throw invalidIndex(index) }
    return position
  }

  private static func invalidIndex(_ index: Int) -> PatchFailure {
    PatchFailure(
      .unprocessable, "Unable to access invalid index: \(index): invalid index referenced")
  }

  /// The member or element `token` of `container`; nil for a missing member (or one that is
  /// `null`, which the library cannot tell apart).
  static func member(_ token: String, of container: JSONValue) throws(PatchFailure) -> JSONValue? {
    switch container {
    case .object(let members):
      let value = members[token]
      return value == .null ? nil : value
    case .array(let items):
      let value = items[try existingIndex(token, count: items.count)]
      return value == .null ? nil : value
    default:
      return nil
    }
  }

  /// Sets `token` of `container` to `value`, inserting into an array.
  static func insert(_ value: JSONValue, at token: String, in container: inout JSONValue)
    throws(PatchFailure)
  {
    switch container {
    case .object(var members):
      container = .null
      members[token] = value
      container = .object(members)
    case .array(var items):
      let position = try insertionIndex(token, count: items.count)
      container = .null
      items.insert(value, at: position)
      container = .array(items)
    default:
      break
    }
  }

  /// Removes `token` from `container`; a missing member is an error.
  static func delete(_ token: String, from container: inout JSONValue) throws(PatchFailure) {
    switch container {
    case .object(var members):
      guard members[token] != nil else {
        throw PatchFailure(
          .unprocessable, "Unable to remove nonexistent key: \(token): missing value")
      }
      container = .null
      members[token] = nil
      container = .object(members)
    case .array(var items):
      let position = try existingIndex(token, count: items.count)
      container = .null
      items.remove(at: position)
      container = .array(items)
    default:
      break
    }
  }
}

extension JSONValue {
  /// An object or an array: what a JSON pointer can go through.
  var isContainer: Bool {
    switch self {
    case .object, .array: return true
    default: return false
    }
  }
}
