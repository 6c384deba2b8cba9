import ClusterAPI
import Engine
import Foundation
import KubeClient
import Testing

/// The Kubernetes client against `rollout serve` over TLS: the verbs, optimistic concurrency,
/// paging, watches, informers, and the errors a user can act on.
@Suite(.serialized) struct KubeClientServedTests {
  static func configMap(_ name: String, _ value: String) -> JSONValue {
    [
      "apiVersion": "v1", "kind": "ConfigMap",
      "metadata": ["name": .string(name), "namespace": "default"],
      "data": ["key": .string(value)],
    ]
  }

  @Test func createGetReplaceAndAStaleReplaceConflicts() async throws {
    try await ServedAPI.with { served, client in
      let created = try await client.create(
        .configMaps, namespace: "default", Self.configMap("a", "1"))
      #expect(created["metadata"]?["resourceVersion"]?.stringValue?.isEmpty == false)
      #expect(try await client.get(.configMaps, namespace: "default", name: "missing") == nil)
      var fresh = try #require(try await client.get(.configMaps, namespace: "default", name: "a"))
      fresh["data"] = ["key": "2"]
      let replaced = try await client.replace(.configMaps, namespace: "default", fresh)
      #expect(replaced["data"]?["key"] == "2")
      // The version read before the replace is stale now.
      var stale = created
      stale["data"] = ["key": "3"]
      await #expect {
        try await client.replace(.configMaps, namespace: "default", stale)
      } throws: { error in
        (error as? KubeError)?.isConflict == true
      }
      let again = try await client.get(.configMaps, namespace: "default", name: "a")
      #expect(again?["data"]?["key"] == "2")
    }
  }

  @Test func listsReadEveryPage() async throws {
    try await ServedAPI.with { served, client in
      for index in 0..<5 {
        try await client.create(.configMaps, namespace: "default", Self.configMap("m\(index)", "x"))
      }
      let listed = try await client.list(.configMaps, namespace: "default", limit: 2)
      #expect(
        listed.items.compactMap { $0["metadata"]?["name"]?.stringValue }.filter {
          $0.hasPrefix("m")
        }.sorted() == ["m0", "m1", "m2", "m3", "m4"])
      #expect(listed.items.allSatisfy { $0["kind"] == "ConfigMap" })
    }
  }

  @Test func anInformerCachesAndFollowsChanges() async throws {
    try await ServedAPI.with { served, client in
      try await client.create(.configMaps, namespace: "default", Self.configMap("before", "1"))
      let seen = Seen()
      let informer = Informer(client: client, resource: .configMaps, namespace: "default") {
        await seen.add($0)
      }
      let running = Task { await informer.run() }
      defer { running.cancel() }
      await informer.waitForSync()
      #expect(await informer.object(ObjectKey("default", "before"))?["data"]?["key"] == "1")
      try await client.create(.configMaps, namespace: "default", Self.configMap("after", "2"))
      try await client.delete(.configMaps, namespace: "default", name: "before")
      for _ in 0..<100 where await informer.object(ObjectKey("default", "before")) != nil {
        try await Task.sleep(for: .milliseconds(20))
      }
      #expect(await informer.object(ObjectKey("default", "after"))?["data"]?["key"] == "2")
      #expect(await informer.object(ObjectKey("default", "before")) == nil)
      let changes = await seen.changes
      #expect(changes.contains { $0.key.name == "after" && $0.object != nil })
      #expect(changes.contains { $0.key.name == "before" && $0.object == nil })
    }
  }

  /// Watches the server drops every 300 ms, and one in five requests failing: the informer
  /// watches again from where it stopped (or lists again) and misses nothing.
  @Test func anInformerRidesOutDroppedWatchesAndErrors() async throws {
    try await ServedAPI.with { served, client in
      await served.cluster.inject(try APIFaults(parsing: "drop-watches=0.3s,errors=0.2,seed=5"))
      let informer = Informer(client: client, resource: .configMaps, namespace: "default") { _ in }
      let running = Task { await informer.run() }
      defer { running.cancel() }
      await informer.waitForSync()
      let writer = KubeClient(connection: served.connection())
      defer { Task { await writer.shutdown() } }
      for index in 0..<12 {
        // The writer meets the injected errors too: a failed create is tried again.
        for _ in 0..<10 {
          if (try? await writer.create(
            .configMaps, namespace: "default", Self.configMap("c\(index)", "\(index)")))
            != nil
          {
            break
          }
        }
        try await Task.sleep(for: .milliseconds(100))
      }
      for _ in 0..<600 {
        let names = await informer.list(namespace: "default").compactMap {
          $0["metadata"]?["name"]?.stringValue
        }
        if names.filter({ $0.hasPrefix("c") }).count == 12 { break }
        try await Task.sleep(for: .milliseconds(50))
      }
      let names = await informer.list(namespace: "default").compactMap {
        $0["metadata"]?["name"]?.stringValue
      }
      await served.cluster.inject(nil)
      let stored = try await writer.list(.configMaps, namespace: "default").items.count
      #expect(stored >= 12, "every create got through in the end")
      #expect(names.filter { $0.hasPrefix("c") }.sorted() == (0..<12).map { "c\($0)" }.sorted())
    }
  }

  @Test func errorsSayWhatToDo() async throws {
    let served = try await ServedAPI()
    defer { Task { await served.stop() } }
    let badToken = served.client(token: "expired")
    await #expect {
      try await badToken.list(.rollouts, namespace: "default")
    } throws: { error in
      let text = "\(error)"
      return text.contains("401 Unauthorized") && text.contains("\"tester\"")
    }
    await badToken.shutdown()

    let otherCA = try ServeCredentialsFactory.otherAuthority()
    let untrusted = KubeClient(connection: served.connection(authority: otherCA))
    await #expect {
      try await untrusted.list(.configMaps, namespace: "default")
    } throws: { error in
      guard case .tls(_, _, let authority) = error as? KubeError else { return false }
      return authority == "the test's CA" && "\(error)".contains("TLS with https://127.0.0.1")
    }
    await untrusted.shutdown()

    var nowhere = served.connection()
    nowhere.server = "https://127.0.0.1:1"
    let unreachable = KubeClient(connection: nowhere)
    await #expect {
      try await unreachable.list(.configMaps, namespace: "default")
    } throws: { error in
      guard case .unreachable = error as? KubeError else { return false }
      return "\(error)".contains("cannot reach the Kubernetes API server at https://127.0.0.1:1")
    }
    await unreachable.shutdown()
  }
}

/// Changes an informer handed over, in order.
actor Seen {
  var changes: [InformerChange] = []
  func add(_ change: InformerChange) { changes.append(change) }
}
