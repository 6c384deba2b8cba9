import Engine
import Testing

@testable import ClusterAPI

/// The legacy discovery documents, checked entry by entry against the registry they describe.
@Suite struct DiscoveryTests {
  let registry = ResourceRegistry.served

  @Test func versionReportsKubernetes132WithEveryMember() throws {
    let version = Discovery.version()
    #expect(version["major"] == "1")
    #expect(version["minor"] == "32")
    #expect(version["gitVersion"]?.stringValue?.hasPrefix("v1.32.") == true)
    // client-go's version.Info: the Python client refuses a VersionInfo missing any of these.
    for key in [
      "major", "minor", "gitVersion", "gitCommit", "gitTreeState", "buildDate", "goVersion",
      "compiler", "platform",
    ] {
      #expect(version[key]?.stringValue != nil, "\(key)")
    }
    #expect(version["platform"]?.stringValue?.split(separator: "/").count == 2)
  }

  @Test func legacyAPIVersionsNamesV1AndTheServerAddress() {
    let api = Discovery.legacyAPIVersions(serverAddress: "127.0.0.1:7443")
    #expect(api["kind"] == "APIVersions")
    #expect(api["versions"] == ["v1"])
    #expect(
      api["serverAddressByClientCIDRs"]
        == [["clientCIDR": "0.0.0.0/0", "serverAddress": "127.0.0.1:7443"]])
  }

  @Test func groupListHasEveryGroupButCoreWithItsPreferredVersion() throws {
    let list = Discovery.groupList(registry)
    #expect(list["kind"] == "APIGroupList")
    #expect(list["apiVersion"] == "v1")
    let groups = try #require(list["groups"]?.arrayValue)
    #expect(groups.compactMap { $0["name"]?.stringValue } == registry.groups.map(\.name))
    #expect(!groups.contains { $0["name"] == "" })
    for group in groups {
      let name = try #require(group["name"]?.stringValue)
      let first = try #require(group["versions"]?.arrayValue?.first)
      #expect(group["preferredVersion"] == first)
      #expect(
        first["groupVersion"]?.stringValue == "\(name)/\(first["version"]?.stringValue ?? "")")
    }
  }

  @Test(arguments: ResourceRegistry.served.types)
  func resourceListHasACompleteEntryPerResource(_ type: ResourceType) throws {
    let list = try #require(
      Discovery.resourceList(registry, group: type.group, version: type.version))
    #expect(list["kind"] == "APIResourceList")
    #expect(list["groupVersion"]?.stringValue == type.groupVersion)
    let entries = try #require(list["resources"]?.arrayValue)
    let entry = try #require(entries.first { $0["name"]?.stringValue == type.plural })
    #expect(entry["singularName"]?.stringValue == type.singular)
    #expect(entry["namespaced"] == .bool(type.namespaced))
    #expect(entry["kind"]?.stringValue == type.kind)
    #expect(entry["verbs"] == .array(type.verbs.map(JSONValue.string)))
    #expect((entry["shortNames"]?.arrayValue ?? []) == type.shortNames.map(JSONValue.string))
    #expect((entry["categories"]?.arrayValue ?? []) == type.categories.map(JSONValue.string))
    #expect(entry["group"] == nil && entry["version"] == nil)
    #expect(entry["storageVersionHash"]?.stringValue?.count == 12)
    for sub in type.subresources {
      let subEntry = try #require(
        entries.first { $0["name"]?.stringValue == "\(type.plural)/\(sub.name)" })
      #expect(subEntry["kind"]?.stringValue == sub.kind)
      #expect(subEntry["singularName"] == "")
      #expect(subEntry["namespaced"] == .bool(type.namespaced))
      #expect(subEntry["verbs"] == .array(sub.verbs.map(JSONValue.string)))
      let foreign = sub.group != type.group || sub.version != type.version
      #expect(subEntry["group"] == (foreign ? .string(sub.group) : nil))
      #expect(subEntry["version"] == (foreign ? .string(sub.version) : nil))
    }
  }

  @Test func scaleSubresourcesSpeakAutoscalingV1Scale() throws {
    let list = try #require(Discovery.resourceList(registry, group: "apps", version: "v1"))
    let scale = try #require(
      list["resources"]?.arrayValue?.first { $0["name"] == "deployments/scale" })
    #expect(scale["group"] == "autoscaling")
    #expect(scale["version"] == "v1")
    #expect(scale["kind"] == "Scale")
    #expect(scale["verbs"] == ["get", "patch", "update"])
  }

  @Test func entriesAreSortedByNameAndOnlyGroupListsCarryAnAPIVersion() throws {
    let core = try #require(Discovery.resourceList(registry, group: "", version: "v1"))
    let apps = try #require(Discovery.resourceList(registry, group: "apps", version: "v1"))
    #expect(core["apiVersion"] == nil)
    #expect(apps["apiVersion"] == "v1")
    let names = try #require(apps["resources"]?.arrayValue).compactMap { $0["name"]?.stringValue }
    #expect(
      names == [
        "deployments", "deployments/scale", "deployments/status", "replicasets",
        "replicasets/scale", "replicasets/status",
      ])
  }

  @Test(arguments: [("", "v2"), ("apps", "v1beta2"), ("nothing.example", "v1")])
  func resourceListIsNilWhereNothingIsServed(group: String, version: String) {
    #expect(Discovery.resourceList(registry, group: group, version: version) == nil)
  }

  /// Hashes a real kube-apiserver publishes for these resources (SHA-256 of group/version/kind).
  @Test(arguments: [
    ("", "v1", "Pod", "xPOwRZ+Yhw8="),
    ("apps", "v1", "Deployment", "8aSe+NMegvE="),
  ])
  func storageVersionHashMatchesKubeAPIServer(
    group: String, version: String, kind: String, expected: String
  ) {
    let type = ResourceType(
      group: group, version: version, kind: kind, plural: "x", singular: "x")
    #expect(Discovery.storageVersionHash(type) == expected)
  }
}
