import Engine
import Foundation
import Testing

@testable import ClusterAPI

/// Argo `Rollout`s served as a resource of their own, rolled out by the stock canary.
@Suite struct ServedRolloutTests {
  static let canary = """
    {"apiVersion":"argoproj.io/v1alpha1","kind":"Rollout","metadata":{"name":"shop"},
     "spec":{"replicas":5,"selector":{"matchLabels":{"app":"shop"}},
       "template":{"metadata":{"labels":{"app":"shop"}},
         "spec":{"containers":[{"name":"shop","image":"example/shop:IMAGE"}]}},
       "strategy":{"canary":{"maxSurge":1,"maxUnavailable":0,
         "steps":[{"setWeight":20},{"pause":{}},{"setWeight":60}]}}}}
    """

  @Test func aCanaryRolloutPausesWithArgosStatusFields() async throws {
    let served = try ServedFixture()
    let path = "/apis/argoproj.io/v1alpha1/namespaces/default/rollouts"
    let created = try await served.send(
      "POST", path, Self.canary.replacingOccurrences(of: "IMAGE", with: "1.0"))
    #expect(created.status == 201, "\(created.json)")
    try await served.cluster.advance(by: 60)
    var rollout = try await served.send("GET", path + "/shop").json
    #expect(rollout["status"]?["phase"] == "Healthy", "\(rollout["status"] ?? .null)")
    #expect(rollout["spec"]?["strategy"]?["canary"]?["steps"]?.arrayValue?.count == 3)
    let deployments = try await served.send("GET", "/apis/apps/v1/namespaces/default/deployments")
    #expect(deployments.json["items"]?.arrayValue?.isEmpty == true)

    let text = try rollout.exactText().replacingOccurrences(
      of: "example/shop:1.0", with: "example/shop:2.0")
    let updated = try await served.send("PUT", path + "/shop", text)
    #expect(updated.status == 200, "\(updated.json)\n\(text)")
    try await served.cluster.advance(by: 60)
    rollout = try await served.send("GET", path + "/shop").json
    let status = rollout["status"] ?? .null
    #expect(status["phase"] == "Paused", "\(status)")
    #expect(status["currentStepIndex"]?.intValue == 1)
    #expect(status["pauseConditions"]?.arrayValue?.count == 1)
    #expect(status["currentPodHash"]?.stringValue?.isEmpty == false)
    #expect(status["currentPodHash"] != status["stableRS"])
    let replicaSets = try await served.send("GET", "/apis/apps/v1/namespaces/default/replicasets")
    let owners = (replicaSets.json["items"]?.arrayValue ?? []).compactMap {
      $0["metadata"]?["ownerReferences"]?.arrayValue?.first?["kind"]?.stringValue
    }
    #expect(owners == ["Rollout", "Rollout"])
    let deleted = try await served.send("DELETE", path + "/shop")
    #expect(deleted.status == 200)
    #expect(try await served.send("GET", path + "/shop").status == 404)
  }
}
