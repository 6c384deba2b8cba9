import Engine

/// Aggregated discovery: `/api` and `/apis` answered as one `apidiscovery.k8s.io`
/// `APIGroupDiscoveryList` (groups, versions and resources in one document) when the client's
/// Accept asks for it. v2 and v2beta1 have the same shape; only the `apiVersion` and the
/// Content-Type differ, and a client reads the document by the Content-Type, so the version
/// answered must be one the client asked for (kubectl <= 1.29 asks only for v2beta1).
extension Discovery {
  /// How to answer `/api` and `/apis`.
  public enum Format: Sendable, Hashable {
    /// `APIVersions` / `APIGroupList` as plain JSON; resources per group version.
    case legacy
    /// `apidiscovery.k8s.io/v2` `APIGroupDiscoveryList`.
    case aggregatedV2
    /// `apidiscovery.k8s.io/v2beta1` `APIGroupDiscoveryList`.
    case aggregatedV2Beta1

    /// The Content-Type of the answer: client-go tells the formats apart by it.
    public var contentType: String {
      switch self {
      case .legacy: "application/json"
      case .aggregatedV2: "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList"
      case .aggregatedV2Beta1:
        "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList"
      }
    }

    /// The `apiVersion` of the document.
    var apiVersion: String? {
      switch self {
      case .legacy: nil
      case .aggregatedV2: "apidiscovery.k8s.io/v2"
      case .aggregatedV2Beta1: "apidiscovery.k8s.io/v2beta1"
      }
    }
  }

  /// The format for a request's Accept header (see `DiscoveryAccept`).
  public static func format(accept: String?) -> Format {
    DiscoveryAccept.format(accept)
  }

  /// The document for `/api` (`legacyCore`) or `/apis` in `format`, with its Content-Type. For
  /// `.legacy` this is `legacyAPIVersions()` or `groupList(_:)`.
  public static func aggregated(_ registry: ResourceRegistry, legacyCore: Bool, format: Format)
    -> (body: JSONValue, contentType: String)
  {
    guard let apiVersion = format.apiVersion else {
      return (legacyCore ? legacyAPIVersions() : groupList(registry), format.contentType)
    }
    let groups = legacyCore ? coreGroup(registry) : registry.groups
    let items: [JSONValue] = groups.map { group in
      var metadata: JSONValue = ["creationTimestamp": nil]
      if !group.name.isEmpty { metadata["name"] = .string(group.name) }
      let versions: [JSONValue] = group.versions.map { version in
        [
          "version": .string(version),
          "resources": .array(
            registry.types(group: group.name, version: version)
              .sorted { $0.plural < $1.plural }.map(resourceDiscovery)),
          "freshness": "Current",
        ]
      }
      return ["metadata": metadata, "versions": .array(versions)]
    }
    let body: JSONValue = [
      "kind": "APIGroupDiscoveryList", "apiVersion": .string(apiVersion), "metadata": [:],
      "items": .array(items),
    ]
    return (body, format.contentType)
  }

  /// The core group (named `""`) with its versions in first-served order, if it serves any.
  private static func coreGroup(_ registry: ResourceRegistry) -> [(
    name: String, versions: [String]
  )] {
    var versions: [String] = []
    for type in registry.types where type.group.isEmpty && !versions.contains(type.version) {
      versions.append(type.version)
    }
    return versions.isEmpty ? [] : [("", versions)]
  }

  /// One `APIResourceDiscovery`: the resource with its subresources nested. As in the API server,
  /// `responseKind` names the group and version only where they differ from the resource's.
  static func resourceDiscovery(_ type: ResourceType) -> JSONValue {
    var resource: JSONValue = [
      "resource": .string(type.plural),
      "responseKind": ["group": "", "version": "", "kind": .string(type.kind)],
      "scope": type.namespaced ? "Namespaced" : "Cluster",
      "singularResource": .string(type.singular),
      "verbs": .array(type.verbs.map(JSONValue.string)),
    ]
    if !type.shortNames.isEmpty {
      resource["shortNames"] = .array(type.shortNames.map(JSONValue.string))
    }
    if !type.categories.isEmpty {
      resource["categories"] = .array(type.categories.map(JSONValue.string))
    }
    let subresources: [JSONValue] = type.subresources.sorted { $0.name < $1.name }.map { sub in
      let foreign = sub.group != type.group || sub.version != type.version
      return [
        "subresource": .string(sub.name),
        "responseKind": [
          "group": .string(foreign ? sub.group : ""),
          "version": .string(foreign ? sub.version : ""), "kind": .string(sub.kind),
        ],
        "verbs": .array(sub.verbs.map(JSONValue.string)),
      ]
    }
    if !subresources.isEmpty { resource["subresources"] = .array(subresources) }
    return resource
  }
}
