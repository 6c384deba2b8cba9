import Engine
import Testing

@testable import RolloutController

@Suite struct WorkloadRefTests {
  static func rollout(_ reference: JSONValue) -> JSONValue {
    ["spec": ["replicas": 4, "workloadRef": reference]]
  }

  @Test(
    arguments: [
      // scaleDown, Deployment replicas, Rollout phase, Rollout available, new Deployment size
      ("never", 4, "Healthy", 4, nil),
      ("onsuccess", 4, "Progressing", 3, nil),
      ("onsuccess", 4, "Healthy", 4, 0),
      ("onsuccess", 0, "Healthy", 4, nil),
      ("progressively", 4, "Progressing", 1, 3),
      ("progressively", 3, "Progressing", 1, nil),
      ("progressively", 4, "Progressing", 6, 0),
    ] as [(String, Int, String, Int, Int?)])
  func theDeploymentShrinksAsScaleDownSays(
    scaleDown: String, current: Int, phase: String, available: Int, expected: Int?
  ) throws {
    let reference = try #require(
      try WorkloadRef.of(
        Self.rollout([
          "apiVersion": "apps/v1", "kind": "Deployment", "name": "legacy",
          "scaleDown": .string(scaleDown),
        ])))
    let status: JSONValue = ["phase": .string(phase), "availableReplicas": .int(available)]
    #expect(
      reference.deploymentReplicas(current: current, rolloutReplicas: 4, status: status)
        == expected)
  }

  @Test(
    arguments: [
      (
        ["apiVersion": "apps/v1", "kind": "StatefulSet", "name": "x"],
        "StatefulSet is not supported"
      ),
      (["apiVersion": "apps/v1", "kind": "Deployment"], "spec.workloadRef.name: Required value"),
      (
        ["apiVersion": "apps/v1", "kind": "Deployment", "name": "x", "scaleDown": "later"],
        "spec.workloadRef.scaleDown: \"later\""
      ),
    ] as [(JSONValue, String)])
  func aBadReferenceIsNamed(reference: JSONValue, message: String) {
    #expect(throws: RolloutObject.Invalid.self) { try WorkloadRef.of(Self.rollout(reference)) }
    do {
      _ = try WorkloadRef.of(Self.rollout(reference))
    } catch {
      #expect("\(error)".contains(message), "\(error)")
    }
  }

  @Test func theTemplateAndSelectorComeFromTheDeployment() {
    let deployment: JSONValue = [
      "spec": [
        "selector": ["matchLabels": ["app": "legacy"]],
        "template": ["metadata": ["labels": ["app": "legacy"]]],
      ]
    ]
    let resolved = WorkloadRef.resolved(
      Self.rollout(["kind": "Deployment", "name": "legacy"]), deployment: deployment)
    #expect(resolved["spec"]?["workloadRef"] == nil)
    #expect(resolved["spec"]?["template"] == deployment["spec"]?["template"])
    #expect(resolved["spec"]?["selector"] == deployment["spec"]?["selector"])
  }
}
