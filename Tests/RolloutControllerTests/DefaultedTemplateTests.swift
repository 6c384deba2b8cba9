import Engine
import Strategies
import Testing

@testable import RolloutController

/// A real API server defaults the pod template of a ReplicaSet it stores; the Rollout's own
/// template (a custom resource's) is not. The ReplicaSet with the current template's hash is
/// still the current one: no second ReplicaSet, no collision.
@Suite struct DefaultedTemplateTests {
  static var stock: StrategyProvider {
    StrategyProvider { spec, _ in
      guard let source = StrategySource.stock(spec) else { throw CancellationError() }
      return source
    }
  }

  @Test func theCurrentReplicaSetIsFoundByItsHash() throws {
    var rollout = RolloutObjectTests.rollout
    rollout["status"] = nil
    let deployment = try RolloutObject.decode(rollout)
    let hash = podTemplateHash(deployment.spec.template, collisionCount: nil)
    let replicaSet: JSONValue = [
      "apiVersion": "apps/v1", "kind": "ReplicaSet",
      "metadata": [
        "name": .string("web-\(hash)"), "namespace": "shop", "uid": "rs-1",
        "resourceVersion": "7",
        "labels": ["app": "web", "pod-template-hash": .string(hash)],
        "annotations": ["deployment.kubernetes.io/revision": "1"],
        "ownerReferences": [
          [
            "apiVersion": "argoproj.io/v1alpha1", "kind": "Rollout", "name": "web", "uid": "u-1",
            "controller": true,
          ]
        ],
      ],
      "spec": [
        "replicas": 5,
        "selector": ["matchLabels": ["app": "web", "pod-template-hash": .string(hash)]],
        "template": [
          "metadata": ["labels": ["app": "web", "pod-template-hash": .string(hash)]],
          "spec": [
            "containers": [
              [
                "name": "web", "image": "example/web:1.0", "imagePullPolicy": "IfNotPresent",
                "terminationMessagePath": "/dev/termination-log",
              ]
            ],
            "dnsPolicy": "ClusterFirst", "restartPolicy": "Always",
          ],
        ],
      ],
      "status": ["replicas": 5, "readyReplicas": 5, "availableReplicas": 5],
    ]
    let plan = ReconcilePlan.make(
      object: rollout, replicaSets: [replicaSet], services: [], now: 1_000,
      strategies: Self.stock)
    let created = plan.changes.replicaSets.filter {
      if case .create = $0 { return true }
      return false
    }
    #expect(created.isEmpty, "the defaulted ReplicaSet is the current revision's")
    #expect(plan.statusUpdate?["currentPodHash"] == .string(hash))
    #expect(plan.statusUpdate?["collisionCount"] == nil)
  }
}
