import Engine

/// `application/strategic-merge-patch+json`: Kubernetes' strategic merge patch, as
/// kube-apiserver applies it to built-in kinds (apimachinery `pkg/util/strategicpatch`).
///
/// Objects merge member by member and `null` removes a member. A list merges when its field is
/// tagged `patchStrategy:"merge"` (objects by their `patchMergeKey`, primitives as a set) and is
/// replaced whole otherwise. Directives: `$patch: replace|delete` on an object or a merged list
/// element, `$retainKeys`, `$setElementOrder/<list>`, `$deleteFromPrimitiveList/<list>`.
///
/// Where the result depends on how upstream walks its lists (the order of a merged list after
/// deletions and additions in one patch), this follows upstream's observable results, which the
/// ported table tests pin down.
enum StrategicMerge {
  static let directive = "$patch"
  static let retainKeys = "$retainKeys"
  static let setElementOrder = "$setElementOrder"
  static let deleteFromPrimitiveList = "$deleteFromPrimitiveList"

  /// `document` with `patch` applied; a `null` patch changes nothing.
  static func apply(_ patch: JSONValue, to document: JSONValue, schema: PatchSchema)
    throws(PatchFailure) -> JSONValue
  {
    switch patch {
    case .null:
      return document
    case .object(let members):
      return .object(try mergeMap(document.objectValue ?? [:], members, schema))
    default:
      throw PatchFailure(
        .badRequest,
        "json: cannot unmarshal \(JSONPatch.jsonKind(patch)) into Go value of type map[string]interface {}"
      )
    }
  }

  /// `original` with the object patch `patch` merged in.
  static func mergeMap(
    _ original: [String: JSONValue], _ patch: [String: JSONValue], _ schema: PatchSchema
  ) throws(PatchFailure) -> [String: JSONValue] {
    var patch = patch
    if let directive = patch[directive] {
      switch directive {
      case .string("replace"):
        patch[Self.directive] = nil
        return cleaned(.object(patch))?.objectValue ?? [:]
      case .string("delete"):
        return [:]
      default:
        throw badPatchType(directive, patch)
      }
    }
    var original = original
    try applyRetainKeys(to: &original, patch: &patch)
    try mergeOrderedLists(into: &original, patch: &patch, schema)
    for key in patch.keys.sorted() {
      try mergeMember(key, patch[key]!, into: &original, schema)
    }
    return original
  }

  /// Merges the patch member `key` into `original`.
  private static func mergeMember(
    _ key: String, _ value: JSONValue, into original: inout [String: JSONValue],
    _ schema: PatchSchema
  ) throws(PatchFailure) {
    var name = key
    var deleting = false
    if key.hasPrefix(deleteFromPrimitiveList) {
      name = try listName(key, deleteFromPrimitiveList)
      deleting = true
    } else if key.hasPrefix("$") {
      return  // a directive with no meaning here; the API server's decoding drops it
    }
    if value == .null {
      original[name] = nil
      return
    }
    guard let current = original[name], goType(current) == goType(value) else {
      if !deleting { original[name] = cleaned(value) }
      return
    }
    let field = schema.field(name)
    switch (current, value) {
    case (.object(let members), .object(let changes)):
      if field?.replace == true {
        original[name] = cleaned(value)
      } else {
        original[name] = .null
        original[name] = .object(try mergeMap(members, changes, schema.child(name)))
      }
    case (.array(let items), .array(let changes)):
      if field?.merge == true || deleting {
        original[name] = .null
        let merged = try mergeList(
          items, changes, schema.child(name), mergeKey: field?.mergeKey, deleting: deleting)
        original[name] = .array(merged.items)
      } else {
        original[name] = cleaned(value)
      }
    default:
      original[name] = value
    }
  }

  /// `$retainKeys`: drops from `original` every key the list leaves out; every key the patch
  /// sets must be in the list.
  private static func applyRetainKeys(
    to original: inout [String: JSONValue], patch: inout [String: JSONValue]
  ) throws(PatchFailure) {
    guard let directive = patch.removeValue(forKey: retainKeys) else { return }
    let malformed = PatchFailure(.badRequest, "invalid patch format of retainKeys")
    guard case .array(let keys) = directive else { throw malformed }
    let retained = Set(keys)
    for (key, value) in patch
    where value != .null && !key.hasPrefix(deleteFromPrimitiveList)
      && !key.hasPrefix(setElementOrder) && !retained.contains(.string(key))
    {
      throw malformed
    }
    original = original.filter { retained.contains(.string($0.key)) }
  }

  /// The list a `$setElementOrder/<name>` or `$deleteFromPrimitiveList/<name>` key is about.
  static func listName(_ key: String, _ prefix: String) throws(PatchFailure) -> String {
    let parts = key.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
    guard parts.count == 2, parts[0] == prefix else {
      let what = prefix == setElementOrder ? "setElementOrder list" : "primitive list"
      throw PatchFailure(.badRequest, "invalid patch format of \(what)")
    }
    return String(parts[1])
  }

  /// A value taken from the patch as it is (where there is nothing to merge it with): without
  /// `null` members, without objects that carry `$patch`, without directive keys. nil when the
  /// value itself carries `$patch` and so is not kept.
  static func cleaned(_ value: JSONValue) -> JSONValue? {
    switch value {
    case .object(let members):
      if let marker = members[directive], marker != .null { return nil }
      var kept: [String: JSONValue] = [:]
      kept.reserveCapacity(members.count)
      for (key, member) in members where member != .null && !key.hasPrefix("$") {
        if let member = cleaned(member) { kept[key] = member }
      }
      return .object(kept)
    case .array(let items):
      return .array(items.compactMap(cleaned))
    default:
      return value
    }
  }

  /// The Go type a decoded JSON value has in the API server, which decides whether a patch value
  /// merges with the current one or replaces it.
  static func goType(_ value: JSONValue) -> String {
    switch value {
    case .object: return "map[string]interface {}"
    case .array: return "[]interface {}"
    case .string: return "string"
    case .int: return "int64"
    case .double: return "float64"
    case .bool: return "bool"
    case .null: return "<nil>"
    }
  }

  static func badPatchType(_ directive: JSONValue, _ map: [String: JSONValue]) -> PatchFailure {
    PatchFailure(
      .internal,
      "unknown patch type: \(GoText.value(directive)) in map: \(GoText.value(.object(map)))")
  }

  static func noMergeKey(_ element: JSONValue, _ key: String) -> PatchFailure {
    PatchFailure(
      .internal, "map: \(GoText.value(element)) does not contain declared merge key: \(key)")
  }

  static func badArgType(expected: String, _ actual: JSONValue) -> PatchFailure {
    PatchFailure(.internal, "expected a \(expected), but received a \(goType(actual))")
  }
}
