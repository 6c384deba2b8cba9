/// One kind of object the served API knows, as discovery describes it: where it lives
/// (`group`/`version`), what it is called (`plural`, `singular`, `kind`, `shortNames`) and what
/// can be done to it (`verbs`, `subresources`).
public struct ResourceType: Sendable, Hashable {
  /// The API group; `""` for the legacy core group (`/api/v1`).
  public var group: String
  public var version: String
  public var kind: String
  /// The path segment (`deployments`).
  public var plural: String
  public var singular: String
  public var namespaced: Bool
  public var shortNames: [String]
  public var categories: [String]
  public var verbs: [String]
  public var subresources: [Subresource]

  /// A subresource (`deployments/status`, `deployments/scale`) and the kind it speaks.
  public struct Subresource: Sendable, Hashable {
    public var name: String
    public var group: String
    public var version: String
    public var kind: String
    public var verbs: [String]

    public init(name: String, group: String, version: String, kind: String, verbs: [String]) {
      self.name = name
      self.group = group
      self.version = version
      self.kind = kind
      self.verbs = verbs
    }
  }

  public init(
    group: String, version: String, kind: String, plural: String, singular: String,
    namespaced: Bool = true, shortNames: [String] = [], categories: [String] = [],
    verbs: [String] = ResourceType.allVerbs, subresources: [Subresource] = []
  ) {
    self.group = group
    self.version = version
    self.kind = kind
    self.plural = plural
    self.singular = singular
    self.namespaced = namespaced
    self.shortNames = shortNames
    self.categories = categories
    self.verbs = verbs
    self.subresources = subresources
  }

  /// Every verb a plain resource serves.
  public static let allVerbs = [
    "create", "delete", "deletecollection", "get", "list", "patch", "update", "watch",
  ]

  /// `apps/v1`, or `v1` for the core group.
  public var groupVersion: String { group.isEmpty ? version : "\(group)/\(version)" }
  /// `deployments.apps`, or `pods` for the core group: how the API server names the resource in
  /// messages.
  public var qualifiedName: String { group.isEmpty ? plural : "\(plural).\(group)" }
  /// `DeploymentList`.
  public var listKind: String { kind + "List" }
  /// The path prefix of the group version: `/apis/apps/v1` or `/api/v1`.
  public var groupVersionPath: String {
    group.isEmpty ? "/api/\(version)" : "/apis/\(group)/\(version)"
  }

  /// The subresource `name`, if served.
  public func subresource(_ name: String) -> Subresource? {
    subresources.first { $0.name == name }
  }
}
