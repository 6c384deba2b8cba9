/// The patch metadata of one field, as Kubernetes' Go types declare it in their
/// `patchStrategy` and `patchMergeKey` struct tags (`staging/src/k8s.io/api/.../types.go`).
///
/// A field without metadata is merged key by key when it is an object and replaced whole when it
/// is a list, which is what strategic merge patch does with untagged fields.
public struct PatchField: Sendable, Hashable {
  /// `patchStrategy:"merge"` on a list: elements are merged by `mergeKey` (objects) or as a set
  /// (primitives) instead of the list being replaced.
  public var merge: Bool
  /// `patchStrategy:"replace"`: an object is replaced whole instead of merged.
  public var replace: Bool
  /// `patchStrategy:"retainKeys"`: a `$retainKeys` directive may clear the keys it does not list
  /// (a union such as a Deployment's `strategy`, or each element of `volumes`).
  public var retainKeys: Bool
  /// `patchMergeKey`: the member that identifies an element of a merged list of objects.
  public var mergeKey: String?
  /// The named type of the field's value, or of each element of a list; nil when the value has no
  /// tagged fields below it.
  public var type: String?

  public init(
    merge: Bool = false, replace: Bool = false, retainKeys: Bool = false,
    mergeKey: String? = nil, type: String? = nil
  ) {
    self.merge = merge
    self.replace = replace
    self.retainKeys = retainKeys
    self.mergeKey = mergeKey
    self.type = type
  }

  /// A list merged by `key` (`patchStrategy:"merge" patchMergeKey:"<key>"`), elements of `type`.
  public static func merging(by key: String, of type: String? = nil) -> PatchField {
    PatchField(merge: true, mergeKey: key, type: type)
  }

  /// A list of primitives merged as a set (`patchStrategy:"merge"`, no merge key).
  public static let primitiveSet = PatchField(merge: true)

  /// A field that only leads to a type with tagged fields below it.
  public static func nested(_ type: String) -> PatchField { PatchField(type: type) }
}

/// Where a patch is in an object: the table of named types and the type at hand.
///
/// Types refer to each other by name, so one table describes recursive and shared types (a
/// `Container` is the element of `containers`, `initContainers` and `ephemeralContainers`).
public struct PatchSchema: Sendable {
  /// Each named type's tagged fields, by JSON name.
  public var types: [String: [String: PatchField]]
  /// The type of the value at hand; nil where nothing below is tagged.
  public var type: String?

  public init(types: [String: [String: PatchField]], root: String?) {
    self.types = types
    self.type = root
  }

  /// No metadata at all: objects merge, lists are replaced (custom resources, unknown kinds).
  public static let untyped = PatchSchema(types: [:], root: nil)

  /// The metadata of the field `name` of the value at hand.
  func field(_ name: String) -> PatchField? {
    guard let type else { return nil }
    return types[type]?[name]
  }

  /// The schema of the value (or the elements) of the field `name`.
  func child(_ name: String) -> PatchSchema {
    var child = self
    child.type = field(name)?.type
    return child
  }
}
