import Engine
import Testing

@testable import RolloutController

/// A Rollout read as the engine's Deployment and written back: only what the engine owns.
@Suite struct RolloutObjectTests {
  static let rollout: JSONValue = [
    "apiVersion": "argoproj.io/v1alpha1", "kind": "Rollout",
    "metadata": [
      "name": "web", "namespace": "shop", "uid": "u-1", "generation": 3,
      "resourceVersion": "42", "creationTimestamp": "2026-11-29T10:00:00Z",
      "annotations": ["team": "payments"],
    ],
    "spec": [
      "replicas": 5, "selector": ["matchLabels": ["app": "web"]],
      "template": [
        "metadata": ["labels": ["app": "web"]],
        "spec": ["containers": [["name": "web", "image": "example/web:1.0"]]],
      ],
      "strategy": ["canary": ["steps": [["setWeight": 20], ["pause": [:]]]]],
    ],
    "status": [
      "observedGeneration": "3", "replicas": 5, "availableReplicas": 5, "collisionCount": 1,
      "HPAReplicas": 5,
      "conditions": [
        [
          "type": "Available", "status": "True", "reason": "MinimumReplicasAvailable",
          "lastUpdateTime": "2026-11-29T10:00:05Z", "lastTransitionTime": "2026-11-29T10:00:05Z",
        ]
      ],
    ],
  ]

  @Test func theRolloutReadsAsTheCLIReadsIt() throws {
    let deployment = try RolloutObject.decode(Self.rollout)
    #expect(deployment.kind == "Rollout")
    #expect(deployment.metadata.uid == "u-1")
    #expect(deployment.metadata.generation == 3)
    #expect(deployment.metadata.creationTimestamp == 1_795_946_400)
    #expect(deployment.metadata.annotation(Annotations.strategy) == "canary")
    #expect(deployment.status?.observedGeneration == 3)
    #expect(deployment.status?.collisionCount == 1)
    #expect(deployment.status?.conditions?.first?.lastUpdateTime == 1_795_946_405)
  }

  @Test func nothingChangedWritesNothing() throws {
    let deployment = try RolloutObject.decode(Self.rollout)
    let updates = RolloutObject.updates(
      of: Self.rollout, from: deployment, to: deployment, newHash: nil)
    // JSONValue reads `nil` as JSON null: an unchanged Rollout must be no write at all.
    #expect(updates.object == nil)
  }

  @Test func theEngineChangesOnlyWhatItOwns() throws {
    let original = try RolloutObject.decode(Self.rollout)
    var current = original
    current.metadata.setAnnotation(Annotations.revision, "2")
    current.spec.paused = true
    let updates = RolloutObject.updates(
      of: Self.rollout, from: original, to: current, newHash: "abc")
    let object = try #require(updates.object)
    #expect(object["metadata"]?["annotations"]?["team"] == "payments")
    #expect(object["metadata"]?["annotations"]?[Annotations.revision] == "2")
    #expect(object["metadata"]?["resourceVersion"] == "42", "the write's precondition")
    #expect(object["spec"]?["paused"] == true)
    #expect(object["spec"]?["strategy"] == Self.rollout["spec"]?["strategy"])
    let status = try #require(updates.status)
    #expect(status["currentPodHash"] == "abc")
    #expect(status["HPAReplicas"] == 5, "fields the controller does not own are kept")
    #expect(status["selector"] == "app=web")
  }

  @Test func anUnreadableSpecIsDegradedNotThrown() {
    var broken = Self.rollout
    broken["spec"]?["strategy"] = [:]
    let plan = ReconcilePlan.make(
      object: broken, replicaSets: [], services: [], now: 0,
      strategies: .init { _, _ in throw CancellationError() })
    #expect(plan.changes.isEmpty)
    #expect(plan.statusUpdate?["phase"] == "Degraded")
    #expect(plan.statusUpdate?["message"]?.stringValue?.hasPrefix("InvalidSpec:") == true)
  }
}
