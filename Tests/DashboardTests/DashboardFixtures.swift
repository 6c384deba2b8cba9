import Engine
import Foundation
import RolloutAPI

/// Stores with rollouts in them, made through the engine API as the CLI makes them.
enum DashboardFixtures {
  /// A new, empty state directory under the system's temporary directory.
  static func scratchDirectory() -> String {
    FileManager.default.temporaryDirectory
      .appendingPathComponent("rollout-dashboard-\(UUID().uuidString)").path
  }

  /// Deployment `name` of `image` under the stock canary: 20%, then a pause until promoted.
  static func canary(
    _ name: String = "shop", image: String = "example/shop:1.0", replicas: Int = 5,
    changeCause: String? = nil
  ) -> Deployment {
    var annotations = [
      Annotations.strategy: "canary",
      Annotations.strategyParams: "steps:\n  - setWeight: 20\n  - pause: {}\n",
    ]
    annotations[Annotations.changeCause] = changeCause
    return Deployment(
      metadata: ObjectMeta(name: name, namespace: "default", annotations: annotations),
      spec: DeploymentSpec(
        replicas: replicas, selector: LabelSelector(matchLabels: ["app": "shop"]),
        template: PodTemplateSpec(
          metadata: .init(labels: ["app": "shop"]),
          spec: .object([
            "containers": .array([.object(["name": .string("shop"), "image": .string(image)])])
          ]))))
  }

  /// A store in which `shop` runs 1.0 and its canary of 2.0 is paused at 20% for a promote,
  /// beside the Deployments of `others` (rolled out).
  static func pausedCanary(others: [Deployment] = []) throws -> String {
    let directory = scratchDirectory()
    let session = try RolloutSession(directory: directory, existing: false)
    defer { session.close() }
    var keys = [try session.apply(canary())]
    for other in others { keys.append(try session.apply(other)) }
    _ = try session.drive(keys)
    _ = try session.apply(canary(image: "example/shop:2.0", changeCause: "ship 2.0"))
    _ = try session.drive([keys[0]])
    return directory
  }
}
