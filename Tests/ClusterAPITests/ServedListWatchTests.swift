import Engine
import Foundation
import Testing

@testable import ClusterAPI

/// Lists and watches through the served API: selectors, pages, bookmarks and timeouts.
@Suite struct ServedListWatchTests {
  static func configMap(_ name: String, tier: String) -> String {
    """
    {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"\(name)","labels":{"tier":"\(tier)"}},"data":{"k":"v"}}
    """
  }

  static func names(_ list: JSONValue) -> [String] {
    (list["items"]?.arrayValue ?? []).compactMap { $0["metadata"]?["name"]?.stringValue }
  }

  @Test func listsTakeSelectorsAndPages() async throws {
    let served = try ServedFixture()
    for (name, tier) in [("a", "web"), ("b", "db"), ("c", "web"), ("d", "cache"), ("e", "web")] {
      let created = try await served.send(
        "POST", "/api/v1/namespaces/default/configmaps", Self.configMap(name, tier: tier))
      #expect(created.status == 201)
    }
    let path = "/api/v1/namespaces/default/configmaps"
    let web = try await served.send("GET", path, query: ["labelSelector": "tier=web"])
    #expect(Self.names(web.json) == ["a", "c", "e"])
    let notWeb = try await served.send("GET", path, query: ["labelSelector": "tier notin (web)"])
    #expect(Self.names(notWeb.json) == ["b", "d"])
    let byName = try await served.send("GET", path, query: ["fieldSelector": "metadata.name=d"])
    #expect(Self.names(byName.json) == ["d"])
    let bad = try await served.send("GET", path, query: ["labelSelector": "tier in web"])
    #expect(bad.status == 400)

    let first = try await served.send("GET", path, query: ["limit": "2"])
    #expect(Self.names(first.json) == ["a", "b"])
    #expect(first.json["metadata"]?["remainingItemCount"]?.intValue == 3)
    let token = try #require(first.json["metadata"]?["continue"]?.stringValue)
    let second = try await served.send("GET", path, query: ["limit": "2", "continue": token])
    #expect(Self.names(second.json) == ["c", "d"])
    let token2 = try #require(second.json["metadata"]?["continue"]?.stringValue)
    let last = try await served.send("GET", path, query: ["limit": "2", "continue": token2])
    #expect(Self.names(last.json) == ["e"])
    #expect(last.json["metadata"]?["continue"] == nil)
  }

  @Test func aWatchGetsBookmarksWhenItAsksAndEndsAtItsTimeout() async throws {
    let served = try ServedFixture()
    let response = await served.cluster.handle(
      APIRequest(
        method: "GET", path: "/api/v1/namespaces/default/configmaps",
        query: ["watch": "true", "allowWatchBookmarks": "true", "timeoutSeconds": "1"]))
    guard case .watch(_, let stream, _) = response else {
      Issue.record("not a watch")
      return
    }
    _ = try await served.send(
      "POST", "/api/v1/namespaces/default/configmaps", Self.configMap("a", tier: "web"))
    await served.cluster.sendBookmarks()
    let started = ContinuousClock.now
    var types: [String] = []
    for await chunk in stream {
      for line in String(decoding: chunk, as: UTF8.self).split(separator: "\n") {
        types.append(try JSONValue(exactText: String(line))["type"]?.stringValue ?? "")
      }
    }
    // The stream ended by itself: its timeout closed it (the server is stopped only below).
    #expect(types == ["ADDED", "BOOKMARK"])
    #expect(ContinuousClock.now - started >= .milliseconds(500))
    try await served.cluster.stop()
  }

  @Test func leasesAreStoredAndConflictAsObjects() async throws {
    let served = try ServedFixture()
    let path = "/apis/coordination.k8s.io/v1/namespaces/default/leases"
    let lease = """
      {"apiVersion":"coordination.k8s.io/v1","kind":"Lease","metadata":{"name":"leader"},
       "spec":{"holderIdentity":"one","leaseDurationSeconds":15}}
      """
    #expect(try await served.send("POST", path, lease).status == 201)
    var current = try await served.send("GET", path + "/leader").json
    let stale = current
    current["spec"]?["holderIdentity"] = "two"
    #expect(try await served.send("PUT", path + "/leader", try current.exactText()).status == 200)
    var late = stale
    late["spec"]?["holderIdentity"] = "three"
    let conflict = try await served.send("PUT", path + "/leader", try late.exactText())
    #expect(conflict.status == 409)
    let holder = try await served.send("GET", path + "/leader").json
    #expect(holder["spec"]?["holderIdentity"] == "two")
  }
}
