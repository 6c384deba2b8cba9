import Engine
import Foundation
import Testing

@testable import ClusterAPI

/// The served API without HTTP: requests in, Kubernetes' answers out.
@Suite struct ServedClusterTests {
  static func web(image: String = "example/web:1.0", replicas: Int = 4) -> String {
    """
    {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","labels":{"app":"web"}},
     "spec":{"replicas":\(replicas),"selector":{"matchLabels":{"app":"web"}},
     "template":{"metadata":{"labels":{"app":"web"}},
                 "spec":{"containers":[{"name":"web","image":"\(image)"}]}}}}
    """
  }

  @Test func createGetAndTheAPIServersErrors() async throws {
    let served = try ServedFixture()
    let created = try await served.send(
      "POST", "/apis/apps/v1/namespaces/default/deployments", Self.web())
    #expect(created.status == 201)
    #expect(created.json["metadata"]?["uid"]?.stringValue?.isEmpty == false)
    let again = try await served.send(
      "POST", "/apis/apps/v1/namespaces/default/deployments", Self.web())
    #expect(again.status == 409)
    #expect(again.json["reason"] == "AlreadyExists")
    #expect(again.json["message"] == "deployments.apps \"web\" already exists")
    let missing = try await served.send("GET", "/apis/apps/v1/namespaces/default/deployments/api")
    #expect(missing.status == 404)
    #expect(missing.json["message"] == "deployments.apps \"api\" not found")
    let unknown = try await served.send("GET", "/apis/apps/v1/namespaces/default/widgets")
    #expect(unknown.status == 404)
    #expect(unknown.json["message"] == "the server could not find the requested resource")
  }

  @Test func aStaleWriteIsAConflictAndAFreshOneBumpsGenerationOnSpecChangesOnly() async throws {
    let served = try ServedFixture()
    _ = try await served.send("POST", "/apis/apps/v1/namespaces/default/deployments", Self.web())
    let path = "/apis/apps/v1/namespaces/default/deployments/web"
    var current = try await served.send("GET", path).json
    let generation = current["metadata"]?["generation"]?.intValue
    current["metadata"]?["labels"]?["tier"] = "front"
    let relabelled = try await served.send("PUT", path, try current.exactText())
    #expect(relabelled.status == 200)
    #expect(relabelled.json["metadata"]?["generation"]?.intValue == generation)
    // The same (now stale) resourceVersion again.
    current["spec"]?["replicas"] = 6
    let stale = try await served.send("PUT", path, try current.exactText())
    #expect(stale.status == 409)
    #expect(
      stale.json["message"]
        == "Operation cannot be fulfilled on deployments.apps \"web\": the object has been modified; please apply your changes to the latest version and try again"
    )
    var fresh = try await served.send("GET", path).json
    fresh["spec"]?["replicas"] = 6
    let scaled = try await served.send("PUT", path, try fresh.exactText())
    #expect(scaled.json["metadata"]?["generation"]?.intValue == (generation ?? 0) + 1)
  }

  @Test func invalidManifestsAreRefusedNamingTheField() async throws {
    let served = try ServedFixture()
    let negative = try await served.send(
      "POST", "/apis/apps/v1/namespaces/default/deployments", Self.web(replicas: -1))
    #expect(negative.status == 422)
    #expect(negative.json["reason"] == "Invalid")
    let causes = negative.json["details"]?["causes"]?.arrayValue ?? []
    #expect(causes.contains { $0["field"] == "spec.replicas" })
    let typo = Self.web().replacingOccurrences(of: "\"replicas\"", with: "\"replicsa\"")
    let unknown = try await served.send(
      "POST", "/apis/apps/v1/namespaces/default/deployments", typo)
    #expect(unknown.status == 400)
    #expect(
      unknown.json["message"]?.stringValue?.contains("unknown field \"spec.replicsa\"") == true)
    let listed = try await served.send("GET", "/apis/apps/v1/namespaces/default/deployments")
    #expect(listed.json["items"]?.arrayValue?.isEmpty == true)
  }

  @Test func aStrategyFileOnTheServersDiskIsRefused() async throws {
    let served = try ServedFixture()
    let body = Self.web().replacingOccurrences(
      of: "\"labels\":{\"app\":\"web\"}},\n \"spec\"",
      with:
        "\"labels\":{\"app\":\"web\"},\"annotations\":{\"rollout.dev/strategy\":\"/etc/passwd\"}},\n \"spec\""
    )
    let refused = try await served.send(
      "POST", "/apis/apps/v1/namespaces/default/deployments", body)
    #expect(refused.status == 422)
    let message = refused.json["message"]?.stringValue ?? ""
    #expect(message.contains("reads no files"))
    #expect(!message.contains("root:"))
  }

  @Test func aStrategyFromAConfigMapRollsOut() async throws {
    let served = try ServedFixture()
    let script =
      #"local rolling = require \"rollout.rolling\"\nfunction step(ctx) rolling.step(ctx) end"#
    let configMap = """
      {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"strategies"},"data":{"mine.lua":"\(script)"}}
      """
    #expect(
      try await served.send("POST", "/api/v1/namespaces/default/configmaps", configMap).status
        == 201)
    let body = Self.web().replacingOccurrences(
      of: "\"labels\":{\"app\":\"web\"}},\n \"spec\"",
      with:
        "\"labels\":{\"app\":\"web\"},\"annotations\":{\"rollout.dev/strategy\":\"configmap/strategies/mine.lua\"}},\n \"spec\""
    )
    #expect(
      try await served.send("POST", "/apis/apps/v1/namespaces/default/deployments", body).status
        == 201)
    try await served.cluster.advance(by: 60)
    let deployment = try await served.send(
      "GET", "/apis/apps/v1/namespaces/default/deployments/web"
    ).json
    #expect(
      deployment["status"]?["availableReplicas"]?.intValue == 4,
      "\(deployment["metadata"]?["annotations"] ?? .null)")
  }

  @Test func aWatchFromAResourceVersionSeesEveryChangeInOrder() async throws {
    let served = try ServedFixture()
    _ = try await served.send("POST", "/apis/apps/v1/namespaces/default/deployments", Self.web())
    let start = try await served.send("GET", "/apis/apps/v1/namespaces/default/replicasets")
    let since = start.json["metadata"]?["resourceVersion"]?.stringValue ?? "0"
    let response = await served.cluster.handle(
      APIRequest(
        method: "GET", path: "/apis/apps/v1/namespaces/default/replicasets",
        query: ["watch": "true", "resourceVersion": since]))
    guard case .watch(_, let stream, _) = response else {
      Issue.record("not a watch")
      return
    }
    try await served.cluster.advance(by: 60)
    let current = try await served.send("GET", "/apis/apps/v1/namespaces/default/deployments/web")
      .json
    let updated = try current.exactText().replacingOccurrences(
      of: "example/web:1.0", with: "example/web:2.0")
    _ = try await served.send("PUT", "/apis/apps/v1/namespaces/default/deployments/web", updated)
    try await served.cluster.advance(by: 120)
    try await served.cluster.stop()
    var versions: [Int] = []
    var scaling: [String] = []
    for await chunk in stream {
      for line in String(decoding: chunk, as: UTF8.self).split(separator: "\n") {
        let event = try JSONValue(exactText: String(line))
        let object = event["object"] ?? .null
        versions.append(Int(object["metadata"]?["resourceVersion"]?.stringValue ?? "") ?? 0)
        let name = object["metadata"]?["name"]?.stringValue ?? ""
        let replicas = object["spec"]?["replicas"]?.intValue ?? -1
        if scaling.last?.hasPrefix(name + "=") != true || scaling.last != "\(name)=\(replicas)" {
          if !scaling.contains(where: { $0 == "\(name)=\(replicas)" }) {
            scaling.append("\(name)=\(replicas)")
          }
        }
      }
    }
    #expect(versions == versions.sorted())
    #expect(Set(versions).count == versions.count)
    // The old ReplicaSet goes 4 -> 0 and the new one 0 -> 4, in steps (maxSurge 25%).
    #expect(scaling.filter { $0.hasSuffix("=0") }.count >= 1)
    #expect(scaling.count >= 4, "\(scaling)")
  }

  @Test(arguments: [("Background", false), ("Foreground", false), ("Orphan", true)])
  func deletionCascadesUnlessOrphaned(policy: String, kept: Bool) async throws {
    let served = try ServedFixture()
    _ = try await served.send("POST", "/apis/apps/v1/namespaces/default/deployments", Self.web())
    try await served.cluster.advance(by: 30)
    let deleted = try await served.send(
      "DELETE", "/apis/apps/v1/namespaces/default/deployments/web",
      #"{"kind":"DeleteOptions","apiVersion":"v1","propagationPolicy":"\#(policy)"}"#)
    #expect(deleted.status == 200)
    try await served.cluster.advance(by: 30)
    let replicaSets = try await served.send("GET", "/apis/apps/v1/namespaces/default/replicasets")
    let items = replicaSets.json["items"]?.arrayValue ?? []
    #expect(items.count == (kept ? 1 : 0))
    #expect(items.allSatisfy { $0["metadata"]?["ownerReferences"] == nil })
    let pods = try await served.send("GET", "/api/v1/namespaces/default/pods")
    #expect((pods.json["items"]?.arrayValue ?? []).count == (kept ? 4 : 0))
  }

  @Test func aWatchFromBeforeARestartIsToldItExpired() async throws {
    let directory = ServedFixture.temporaryDirectory()
    do {
      let first = try ServedFixture(directory: directory)
      _ = try await first.send("POST", "/apis/apps/v1/namespaces/default/deployments", Self.web())
      try await first.cluster.stop()
    }
    let second = try ServedFixture(directory: directory)
    let kept = try await second.send("GET", "/apis/apps/v1/namespaces/default/deployments/web")
    #expect(kept.status == 200)
    let response = await second.cluster.handle(
      APIRequest(
        method: "GET", path: "/apis/apps/v1/namespaces/default/deployments",
        query: ["watch": "true", "resourceVersion": "1"]))
    guard case .watch(_, let stream, _) = response else {
      Issue.record("not a watch")
      return
    }
    var iterator = stream.makeAsyncIterator()
    let first = try #require(await iterator.next())
    let event = try JSONValue(exactText: String(decoding: first, as: UTF8.self))
    #expect(event["type"] == "ERROR")
    #expect(event["object"]?["code"]?.intValue == 410)
    #expect(event["object"]?["reason"] == "Expired")
    try await second.cluster.stop()
  }
}

/// A served cluster on a fresh store, and a way to send it JSON.
struct ServedFixture {
  let cluster: ServedCluster

  static func temporaryDirectory() -> String {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("served-\(UUID().uuidString)").path
    return directory
  }

  init(directory: String = ServedFixture.temporaryDirectory()) throws {
    cluster = try ServedCluster(directory: directory, speed: 1)
  }

  func send(
    _ method: String, _ path: String, _ body: String = "",
    contentType: String = "application/json", query: [String: String] = [:]
  )
    async throws -> (status: Int, json: JSONValue)
  {
    let response = await cluster.handle(
      APIRequest(
        method: method, path: path, query: query, accept: "application/json",
        contentType: contentType,
        body: Array(body.utf8)))
    guard case .body(let status, _, let bytes, _) = response else { return (0, .null) }
    return (status, try JSONValue(exactText: String(decoding: bytes, as: UTF8.self)))
  }
}
