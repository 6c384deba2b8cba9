import Engine

/// The OpenAPI v3 documents of the served API: the `/openapi/v3` index and one document per
/// group version (`/openapi/v3/apis/apps/v1`), each self-contained (its paths and every schema
/// they reach).
///
/// kubectl reads them for three things. Validation: `apply` and `create` send
/// `fieldValidation=Strict` and leave validation to the server when the kind's PATCH operation
/// (tagged `x-kubernetes-group-version-kind`) lists a `fieldValidation` parameter; without that it
/// falls back to OpenAPI v2 and fails. Client-side apply: kubectl 1.30+ computes the strategic
/// merge patch from the kind's schema here when the PATCH operation accepts
/// `application/strategic-merge-patch+json` (Kubernetes' own groups), so the schemas carry the
/// patch strategy and merge key of every list; for other groups (Argo's Rollout, a custom
/// resource) it sends a JSON merge patch. `kubectl explain` renders the schemas.
public enum OpenAPIV3 {
  /// `/openapi/v3`: each group version's path (`apis/apps/v1`) and the URL of its document,
  /// which carries the document's hash so clients may cache it for good.
  public static func index(_ registry: ResourceRegistry) -> JSONValue {
    var hashes: [String: String] = [:]
    for (group, version) in groupVersions(registry) {
      let path = group.isEmpty ? "api/\(version)" : "apis/\(group)/\(version)"
      if let document = document(registry, path: path) { hashes[path] = hash(document) }
    }
    return index(hashes: hashes)
  }

  /// The index of documents with these hashes, by path.
  static func index(hashes: [String: String]) -> JSONValue {
    [
      "paths": .object(
        hashes.reduce(into: [:]) { paths, entry in
          paths[entry.key] = [
            "serverRelativeURL": .string("/openapi/v3/\(entry.key)?hash=\(entry.value)")
          ]
        })
    ]
  }

  /// The document of one group version; `path` is `api/v1` or `apis/apps/v1` (a leading `/`
  /// is allowed). Nil when the registry serves nothing there.
  public static func document(_ registry: ResourceRegistry, path: String) -> JSONValue? {
    let parts = path.split(separator: "/").map(String.init)
    let group: String
    let version: String
    switch (parts.first, parts.count) {
    case ("api", 2): (group, version) = ("", parts[1])
    case ("apis", 3): (group, version) = (parts[1], parts[2])
    default: return nil
    }
    let types = registry.types(group: group, version: version)
    guard !types.isEmpty else { return nil }
    return [
      "openapi": "3.0.0",
      "info": [
        "title": "Kubernetes",
        "version": .string("v\(Discovery.major).\(Discovery.minor).0-rollout"),
      ],
      "paths": .object(OpenAPIPaths.paths(for: types)),
      "components": [
        "schemas": .object(components(for: types)),
        "securitySchemes": [
          "BearerToken": [
            "type": "apiKey", "description": "Bearer token authentication.",
            "name": "authorization", "in": "header",
          ]
        ],
      ],
      "security": [["BearerToken": []]],
    ]
  }

  /// The hash of a document, as in its `?hash=` and fit for an `ETag`: the SHA-256 of the
  /// document's canonical JSON (`exactText()`, keys sorted), 64 uppercase hex digits. Serve
  /// that same text so the hash names the bytes sent.
  public static func hash(_ document: JSONValue) -> String {
    hash(text: (try? document.exactText()) ?? "")
  }

  /// The hash of a document's text.
  static func hash(text: String) -> String {
    Digest.sha256Hex(Array(text.utf8)).uppercased()
  }

  /// The served group versions, core first.
  static func groupVersions(_ registry: ResourceRegistry) -> [(group: String, version: String)] {
    var result: [(group: String, version: String)] = []
    for type in registry.types where type.group.isEmpty {
      if !result.contains(where: { $0.version == type.version }) {
        result.append(("", type.version))
      }
    }
    for group in registry.groups {
      result += group.versions.map { (group.name, $0) }
    }
    return result
  }

  /// The component schemas of a document: each kind, its list and the kinds its subresources
  /// speak (tagged with their group, version and kind), the meta types every operation uses,
  /// and everything those reach through `$ref`.
  static func components(for types: [ResourceType]) -> [String: JSONValue] {
    var schemas: [String: JSONValue] = [:]
    for type in types {
      schemas[
        OpenAPIComponents.schemaName(group: type.group, version: type.version, kind: type.kind)] =
        OpenAPIComponents.kindSchema(group: type.group, version: type.version, kind: type.kind)
      schemas[
        OpenAPIComponents.schemaName(
          group: type.group, version: type.version, kind: type.listKind)] =
        OpenAPIComponents.listSchema(group: type.group, version: type.version, kind: type.kind)
      for sub in type.subresources {
        let name = OpenAPIComponents.schemaName(
          group: sub.group, version: sub.version, kind: sub.kind)
        if schemas[name] == nil {
          schemas[name] = OpenAPIComponents.kindSchema(
            group: sub.group, version: sub.version, kind: sub.kind)
        }
      }
    }
    for name in [
      OpenAPISchema.meta("Status"), OpenAPISchema.meta("DeleteOptions"),
      OpenAPISchema.meta("Patch"),
    ] where schemas[name] == nil {
      schemas[name] = OpenAPIComponents.all[name]
    }
    var pending = schemas.values.flatMap(OpenAPISchema.references)
    while let name = pending.popLast() {
      guard schemas[name] == nil, let schema = OpenAPIComponents.all[name] else { continue }
      schemas[name] = schema
      pending += OpenAPISchema.references(in: schema)
    }
    return schemas
  }
}
