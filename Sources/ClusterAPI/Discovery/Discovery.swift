import Engine
import Foundation

/// The discovery documents of the served API, as kube-apiserver 1.32 writes them: `/version`,
/// `/api`, `/apis`, `/api/v1` and `/apis/<group>/<version>` (this file), and aggregated discovery
/// (`Discovery+Aggregated.swift`). kubectl and client-go build their REST mapping from these:
/// `kubectl get deploy` finds `deployments` through the short name here, `kubectl scale` needs the
/// `deployments/scale` entry.
public enum Discovery {
  /// The Kubernetes version reported: `/usr/bin/kubectl` picks its binary by `minor`, so this
  /// stays 1.32, the version whose behaviour `rollout serve` follows.
  public static let major = "1"
  public static let minor = "32"

  /// `/version`: client-go's `version.Info`, every member present (the Python client refuses a
  /// `VersionInfo` with one missing).
  public static func version() -> JSONValue {
    [
      "major": .string(major), "minor": .string(minor),
      "gitVersion": .string("v\(major).\(minor).0-rollout"),
      "gitCommit": "0000000000000000000000000000000000000000", "gitTreeState": "clean",
      "buildDate": "1970-01-01T00:00:00Z", "goVersion": "", "compiler": "swiftc",
      "platform": .string(platform),
    ]
  }

  /// `os/arch` in Go's spelling (`linux/amd64`).
  static var platform: String {
    #if os(Linux)
      let os = "linux"
    #elseif os(macOS)
      let os = "darwin"
    #else
      let os = "unknown"
    #endif
    #if arch(x86_64)
      let arch = "amd64"
    #elseif arch(arm64)
      let arch = "arm64"
    #else
      let arch = "unknown"
    #endif
    return "\(os)/\(arch)"
  }

  /// `/api`: the legacy core group's `APIVersions`. `serverAddress` is the `host:port` clients
  /// reach the server at.
  public static func legacyAPIVersions(serverAddress: String = "127.0.0.1:6443") -> JSONValue {
    [
      "kind": "APIVersions", "versions": ["v1"],
      "serverAddressByClientCIDRs": [
        ["clientCIDR": "0.0.0.0/0", "serverAddress": .string(serverAddress)]
      ],
    ]
  }

  /// `/apis`: an `APIGroupList` of every group but the core one, each version listed and the
  /// first one preferred.
  public static func groupList(_ registry: ResourceRegistry) -> JSONValue {
    let groups: [JSONValue] = registry.groups.map { group in
      let versions: [JSONValue] = group.versions.map { version in
        ["groupVersion": .string("\(group.name)/\(version)"), "version": .string(version)]
      }
      return [
        "name": .string(group.name), "versions": .array(versions),
        "preferredVersion": versions[0],
      ]
    }
    return ["kind": "APIGroupList", "apiVersion": "v1", "groups": .array(groups)]
  }

  /// `/api/v1` or `/apis/<group>/<version>`: the `APIResourceList` of one group version, each
  /// subresource an entry of its own, sorted by name as the API server sorts them. Nil when the
  /// registry serves nothing there.
  public static func resourceList(_ registry: ResourceRegistry, group: String, version: String)
    -> JSONValue?
  {
    let types = registry.types(group: group, version: version)
    guard !types.isEmpty else { return nil }
    let entries = types.flatMap(resourceEntries).sorted { $0.name < $1.name }
    var list: JSONValue = [
      "kind": "APIResourceList", "groupVersion": .string(types[0].groupVersion),
      "resources": .array(entries.map(\.entry)),
    ]
    // The API server writes no apiVersion on the core group's list.
    if !group.isEmpty { list["apiVersion"] = "v1" }
    return list
  }

  /// The `APIResource` entries of one type: the resource, then each subresource, which names its
  /// own group and version only when they differ from the resource's (`deployments/scale` speaks
  /// `autoscaling/v1 Scale`).
  static func resourceEntries(_ type: ResourceType) -> [(name: String, entry: JSONValue)] {
    var main: JSONValue = [
      "name": .string(type.plural), "singularName": .string(type.singular),
      "namespaced": .bool(type.namespaced), "kind": .string(type.kind),
      "verbs": .array(type.verbs.map(JSONValue.string)),
      "storageVersionHash": .string(storageVersionHash(type)),
    ]
    if !type.shortNames.isEmpty {
      main["shortNames"] = .array(type.shortNames.map(JSONValue.string))
    }
    if !type.categories.isEmpty {
      main["categories"] = .array(type.categories.map(JSONValue.string))
    }
    var entries = [(type.plural, main)]
    for sub in type.subresources {
      let name = "\(type.plural)/\(sub.name)"
      var entry: JSONValue = [
        "name": .string(name), "singularName": "", "namespaced": .bool(type.namespaced),
        "kind": .string(sub.kind), "verbs": .array(sub.verbs.map(JSONValue.string)),
      ]
      if sub.group != type.group || sub.version != type.version {
        entry["group"] = .string(sub.group)
        entry["version"] = .string(sub.version)
      }
      entries.append((name, entry))
    }
    return entries
  }

  /// The API server's `storageVersionHash`: the first 8 bytes of the SHA-256 of
  /// `group/version/kind`, base64. Clients only compare it for equality (the storage version
  /// migrator); it is stable as long as the kind is stored at the same version.
  static func storageVersionHash(_ type: ResourceType) -> String {
    let digest = Digest.sha256(Array("\(type.group)/\(type.version)/\(type.kind)".utf8))
    return Data(digest.prefix(8)).base64EncodedString()
  }
}
