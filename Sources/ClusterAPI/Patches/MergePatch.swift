import Engine

/// `application/merge-patch+json`: RFC 7386 JSON merge patch. An object merges member by member,
/// `null` removes a member, anything else replaces the value whole.
///
/// As in the library kube-apiserver uses (evanphx/json-patch v4): `null`s are also pruned from
/// a value that is added or replaces a non-object (inside arrays too); a patch that is `null` or
/// a scalar is "Invalid JSON Patch" (400); an array patch replaces the whole document (which the
/// caller then refuses, as it is not an object).
enum MergePatch {
  /// `document` with `patch` merged in.
  static func apply(_ patch: JSONValue, to document: JSONValue) throws(PatchFailure) -> JSONValue {
    switch patch {
    case .object(let members):
      guard case .object(var target) = document else { return pruned(patch) }
      merge(members, into: &target)
      return .object(target)
    case .array:
      return pruned(patch)
    default:
      throw PatchFailure(.badRequest, "Invalid JSON Patch")
    }
  }

  private static func merge(_ patch: [String: JSONValue], into target: inout [String: JSONValue]) {
    for (key, value) in patch {
      if value == .null {
        target[key] = nil
        continue
      }
      guard let current = target[key] else {
        target[key] = pruned(value)
        continue
      }
      switch (current, value) {
      case (.object(var members), .object(let changes)):
        target[key] = .null
        merge(changes, into: &members)
        target[key] = .object(members)
      case (.object, _):
        target[key] = value
      default:
        target[key] = pruned(value)
      }
    }
  }

  /// `value` without `null` members of its objects and `null` elements of its arrays, at any
  /// depth.
  static func pruned(_ value: JSONValue) -> JSONValue {
    switch value {
    case .object(let members):
      return .object(members.filter { $0.value != .null }.mapValues(pruned))
    case .array(let items):
      return .array(items.filter { $0 != .null }.map(pruned))
    default:
      return value
    }
  }
}
