import Testing

@testable import ClusterAPI

/// Which discovery format answers which Accept header. The first rows are the headers the real
/// clients send to `/api` and `/apis` (captured from kubectl 1.27-1.32 and the Python client 37
/// on this machine).
@Suite struct DiscoveryAcceptTests {
  static let kubectl127to129 =
    "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json"
  static let kubectl130to132 =
    "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,"
    + "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json"

  @Test(arguments: [
    (kubectl127to129, Discovery.Format.aggregatedV2Beta1),
    (kubectl130to132, .aggregatedV2),
    ("application/json", .legacy),  // the Python client
    ("application/json, */*", .legacy),  // kubectl get --raw
    ("", .legacy),
    ("*/*", .legacy),
    // client-go 1.33's nopeer profile still names v2.
    (
      "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList;profile=nopeer,"
        + kubectl130to132, .aggregatedV2
    ),
    // Parameters in any order, with spaces, quoted.
    (
      "application/json; as=APIGroupDiscoveryList; v=v2beta1; g=apidiscovery.k8s.io",
      .aggregatedV2Beta1
    ),
    (
      "application/json;g=\"apidiscovery.k8s.io\";v=\"v2\";as=\"APIGroupDiscoveryList\"",
      .aggregatedV2
    ),
    // Quality beats order; a refused range (q=0) is never chosen.
    (
      "application/json;q=0.5,application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList",
      .aggregatedV2
    ),
    ("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList;q=0", .legacy),
    // Conversions the endpoint cannot make are skipped.
    ("application/json;as=Table;v=v1;g=meta.k8s.io,application/json", .legacy),
    ("application/json;g=apidiscovery.k8s.io;v=v3;as=APIGroupDiscoveryList", .legacy),
    (
      "application/vnd.kubernetes.protobuf;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,"
        + "application/json", .legacy
    ),
    ("application/json;g=apidiscovery.k8s.io;v=v2", .legacy),
    // Wildcards may carry the conversion.
    ("*/*;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList", .aggregatedV2Beta1),
    // A concrete type of equal quality is tried before a wildcard.
    ("*/*,application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList", .aggregatedV2),
  ])
  func formatFollowsTheAcceptHeader(accept: String, expected: Discovery.Format) {
    #expect(Discovery.format(accept: accept) == expected)
  }

  @Test func noAcceptHeaderIsLegacy() {
    #expect(Discovery.format(accept: nil) == .legacy)
  }

  /// client-go reads the format from these Content-Types (`ContentTypeIsGVK`).
  @Test(arguments: [
    (Discovery.Format.legacy, "application/json"),
    (.aggregatedV2, "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList"),
    (
      .aggregatedV2Beta1,
      "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList"
    ),
  ])
  func contentTypeNamesTheFormat(format: Discovery.Format, contentType: String) {
    #expect(format.contentType == contentType)
    #expect(
      Discovery.aggregated(.served, legacyCore: false, format: format).contentType == contentType)
  }

  @Test func mediaRangesKeepParameterValuesAndQuality() {
    let ranges = DiscoveryAccept.parse("Application/JSON;AS=Table;q=0.25 , text/plain")
    #expect(
      ranges == [
        .init(type: "application", subtype: "json", parameters: ["as": "Table"], quality: 0.25),
        .init(type: "text", subtype: "plain", parameters: [:], quality: 1),
      ])
  }
}
