import Testing

@testable import ClusterAPI

/// Patch types by `Content-Type`, and the 415s for the ones a resource does not take.
@Suite struct PatchTypeTests {
  @Test(arguments: [
    ("application/json-patch+json", PatchType.json),
    ("application/merge-patch+json; charset=utf-8", .merge),
    ("application/strategic-merge-patch+json", .strategic),
    ("application/apply-patch+yaml", .apply),
    ("application/apply-patch+yaml;charset=utf-8", .apply),
  ])
  func knownContentTypes(_ contentType: String, _ expected: PatchType) {
    #expect(PatchType(contentType: contentType) == expected)
  }

  @Test(arguments: [
    "application/json", "Application/JSON-Patch+JSON", "", ";application/json-patch+json",
  ])
  func otherContentTypesAreUnknown(_ contentType: String) {
    #expect(PatchType(contentType: contentType) == nil)
  }

  @Test func builtInKindsTakeAllFourAndCustomResourcesNoStrategicMerge() {
    #expect(PatchType.supported(isCustomResource: false) == [.json, .merge, .strategic, .apply])
    #expect(PatchType.supported(isCustomResource: true) == [.json, .merge, .apply])
  }

  @Test func the415ListsWhatTheResourceTakes() {
    let builtIn = PatchType.unsupportedMediaType(isCustomResource: false)
    #expect(builtIn.code == 415 && builtIn.reason == "UnsupportedMediaType")
    #expect(
      builtIn.message
        == "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json, application/apply-patch+yaml"
    )
  }
}
