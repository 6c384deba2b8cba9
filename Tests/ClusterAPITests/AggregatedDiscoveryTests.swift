import Engine
import Testing

@testable import ClusterAPI

/// Aggregated discovery, read back the way client-go reads it (`SplitGroupsAndResources`): the
/// resources it yields must be exactly the legacy `APIResourceList` entries.
@Suite struct AggregatedDiscoveryTests {
  let registry = ResourceRegistry.served

  @Test(arguments: [
    (Discovery.Format.aggregatedV2, "apidiscovery.k8s.io/v2"),
    (.aggregatedV2Beta1, "apidiscovery.k8s.io/v2beta1"),
  ])
  func documentsNameTheirVersion(format: Discovery.Format, apiVersion: String) {
    for legacyCore in [true, false] {
      let body = Discovery.aggregated(registry, legacyCore: legacyCore, format: format).body
      #expect(body["kind"] == "APIGroupDiscoveryList")
      #expect(body["apiVersion"]?.stringValue == apiVersion)
    }
  }

  @Test func legacyFormatAnswersThePlainDocuments() {
    let api = Discovery.aggregated(registry, legacyCore: true, format: .legacy)
    let apis = Discovery.aggregated(registry, legacyCore: false, format: .legacy)
    #expect(api.body == Discovery.legacyAPIVersions())
    #expect(apis.body == Discovery.groupList(registry))
  }

  @Test func apiHoldsTheUnnamedCoreGroupAndApisTheOthersInOrder() throws {
    let api = Discovery.aggregated(registry, legacyCore: true, format: .aggregatedV2).body
    let core = try #require(api["items"]?.arrayValue)
    #expect(core.count == 1)
    #expect(core[0]["metadata"]?["name"] == nil)
    #expect(core[0]["versions"]?.arrayValue?.map { $0["version"] } == ["v1"])
    let apis = Discovery.aggregated(registry, legacyCore: false, format: .aggregatedV2).body
    let names = try #require(apis["items"]?.arrayValue).map { $0["metadata"]?["name"]?.stringValue }
    #expect(names == registry.groups.map(\.name))
  }

  @Test(arguments: [Discovery.Format.aggregatedV2, .aggregatedV2Beta1])
  func resourcesReadBackAsTheLegacyEntries(format: Discovery.Format) throws {
    for legacyCore in [true, false] {
      let body = Discovery.aggregated(registry, legacyCore: legacyCore, format: format).body
      for group in try #require(body["items"]?.arrayValue) {
        let name = group["metadata"]?["name"]?.stringValue ?? ""
        for version in try #require(group["versions"]?.arrayValue) {
          #expect(version["freshness"] == "Current")
          let versionName = try #require(version["version"]?.stringValue)
          let legacy = try #require(
            Discovery.resourceList(registry, group: name, version: versionName))
          let expected = try #require(legacy["resources"]?.arrayValue).map { entry in
            var entry = entry
            entry["storageVersionHash"] = nil
            return entry
          }
          let actual = try Self.split(try #require(version["resources"]?.arrayValue))
          #expect(actual == expected, "\(name)/\(versionName)")
        }
      }
    }
  }

  /// client-go's conversion of `APIResourceDiscovery` entries to `APIResource` ones, the
  /// subresources flattened after their resource, written as the legacy list writes them.
  static func split(_ resources: [JSONValue]) throws -> [JSONValue] {
    var entries: [JSONValue] = []
    for resource in resources {
      let namespaced = JSONValue.bool(resource["scope"] == "Namespaced")
      #expect(resource["scope"] == "Namespaced" || resource["scope"] == "Cluster")
      var entry: JSONValue = [
        "name": try #require(resource["resource"]), "namespaced": namespaced,
        "singularName": resource["singularResource"] ?? "",
        "kind": try #require(resource["responseKind"]?["kind"]),
        "verbs": try #require(resource["verbs"]),
      ]
      entry["shortNames"] = resource["shortNames"]
      entry["categories"] = resource["categories"]
      entries.append(entry)
      for sub in resource["subresources"]?.arrayValue ?? [] {
        let name =
          "\(resource["resource"]?.stringValue ?? "")/\(sub["subresource"]?.stringValue ?? "")"
        var subEntry: JSONValue = [
          "name": .string(name), "namespaced": namespaced, "singularName": "",
          "kind": try #require(sub["responseKind"]?["kind"]), "verbs": try #require(sub["verbs"]),
        ]
        if let group = sub["responseKind"]?["group"], group != "" { subEntry["group"] = group }
        if let version = sub["responseKind"]?["version"], version != "" {
          subEntry["version"] = version
        }
        entries.append(subEntry)
      }
    }
    return entries.sorted { ($0["name"]?.stringValue ?? "") < ($1["name"]?.stringValue ?? "") }
  }

  @Test func noCoreGroupMeansNoItems() {
    let registry = ResourceRegistry(
      types: ResourceRegistry.served.types.filter { !$0.group.isEmpty })
    let api = Discovery.aggregated(registry, legacyCore: true, format: .aggregatedV2).body
    #expect(api["items"] == [])
  }
}
