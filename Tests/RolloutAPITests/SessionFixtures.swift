import Engine
import Foundation
import RolloutAPI

/// A fresh store and the objects the session tests apply.
enum SessionFixtures {
  /// A new, empty state directory under the system's temporary directory.
  static func scratchDirectory() -> String {
    FileManager.default.temporaryDirectory
      .appendingPathComponent("rollout-api-\(UUID().uuidString)").path
  }

  /// A session on a fresh store (created, as `apply` creates it).
  static func newSession(_ directory: String = scratchDirectory()) throws -> RolloutSession {
    try RolloutSession(directory: directory, existing: false)
  }

  /// Deployment `web`: `replicas` pods of `image`, maxSurge 1, maxUnavailable 0.
  static func deployment(
    image: String = "web:v1", replicas: Int = 3, annotations: [String: String]? = nil
  ) -> Deployment {
    Deployment(
      metadata: ObjectMeta(name: "web", namespace: "default", annotations: annotations),
      spec: DeploymentSpec(
        replicas: replicas, selector: LabelSelector(matchLabels: ["app": "web"]),
        template: PodTemplateSpec(
          metadata: .init(labels: ["app": "web"]),
          spec: .object([
            "containers": .array([.object(["name": .string("web"), "image": .string(image)])])
          ]),
        ),
        strategy: DeploymentStrategy(
          rollingUpdate: RollingUpdateDeployment(maxSurge: .int(1), maxUnavailable: .int(0)))))
  }

  /// Service `web-active` selecting `app: web`.
  static func service(selector: [String: String] = ["app": "web"]) -> Service {
    Service(
      metadata: ObjectMeta(name: "web-active", namespace: "default"),
      spec: ServiceSpec(selector: selector))
  }

  static let key = ObjectKey("default", "web")
}
