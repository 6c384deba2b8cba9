import Engine
import Foundation
import Manifests
import RolloutAPI
import Testing

@testable import ClusterAPI

/// What a watch shows of a served rollout is what the CLI does with the same manifests: the
/// same ReplicaSets scaled to the same sizes in the same order.
@Suite struct ServedSequenceTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// The CLI's sequence: `rollout apply` v1, drive, apply v2, drive; every scale of v2's rollout.
  static func cliSequence() throws -> [String] {
    final class Recorder: RolloutObserver {
      var scales: [String] = []
      func event(_ event: RolloutEvent) {
        if case .scaled(_, _, let replicaSet, _, _, let to, _) = event {
          scales.append("\(replicaSet)=\(to)")
        }
      }
      func settled(cluster: any ClusterBackend, keys: [ObjectKey]) {}
    }
    let session = try RolloutSession(
      directory: ServedFixture.temporaryDirectory(), existing: false)
    defer { session.close() }
    for (index, file) in ["examples/web-v1.yaml", "examples/web-v2.yaml"].enumerated() {
      let loaded = try ManifestLoader.load(path: root.appendingPathComponent(file).path)
      guard case .deployment(let deployment) = loaded.objects[0] else { continue }
      let key = try session.apply(deployment.withServerDefaults())
      let recorder = Recorder()
      _ = try session.drive([key], observer: recorder)
      if index == 1 { return recorder.scales }
    }
    return []
  }

  @Test func theWatchShowsTheCLIsScalingSequence() async throws {
    let served = try ServedFixture()
    let v1 = try String(
      contentsOf: Self.root.appendingPathComponent("examples/web-v1.yaml"), encoding: .utf8)
    let v2 = try String(
      contentsOf: Self.root.appendingPathComponent("examples/web-v2.yaml"), encoding: .utf8)
    let first = try await served.send(
      "PATCH", "/apis/apps/v1/namespaces/default/deployments/web", v1,
      contentType: "application/apply-patch+yaml", query: ["fieldManager": "test"])
    #expect(first.status == 201, "\(first.json)")
    try await served.cluster.advance(by: 120)
    let since =
      try await served.send("GET", "/apis/apps/v1/namespaces/default/replicasets")
      .json["metadata"]?["resourceVersion"]?.stringValue ?? "0"
    let response = await served.cluster.handle(
      APIRequest(
        method: "GET", path: "/apis/apps/v1/namespaces/default/replicasets",
        query: ["watch": "true", "resourceVersion": since]))
    guard case .watch(_, let stream, _) = response else {
      Issue.record("not a watch")
      return
    }
    let second = try await served.send(
      "PATCH", "/apis/apps/v1/namespaces/default/deployments/web", v2,
      contentType: "application/apply-patch+yaml", query: ["fieldManager": "test"])
    #expect(second.status == 200, "\(second.json)")
    try await served.cluster.advance(by: 120)
    try await served.cluster.stop()
    var sizes: [String: Int] = [:]
    var watched: [String] = []
    for await chunk in stream {
      for line in String(decoding: chunk, as: UTF8.self).split(separator: "\n") {
        let object = try JSONValue(exactText: String(line))["object"] ?? .null
        let name = object["metadata"]?["name"]?.stringValue ?? ""
        let replicas = object["spec"]?["replicas"]?.intValue ?? 0
        if sizes[name, default: 0] != replicas || sizes[name] == nil {
          if sizes[name] != nil || replicas != 0 { watched.append("\(name)=\(replicas)") }
          sizes[name] = replicas
        }
      }
    }
    let expected = try Self.cliSequence()
    #expect(!expected.isEmpty)
    #expect(watched == expected)
  }
}
