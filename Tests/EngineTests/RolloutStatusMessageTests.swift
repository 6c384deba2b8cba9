import Engine
import Testing

/// `kubectl rollout status` lines for hand-built statuses, in kubectl's order of checks.
struct RolloutStatusMessageTests {
  struct Case: Sendable, CustomTestStringConvertible {
    var name: String
    var replicas = 10
    var generation = 2
    var observed = 2
    var statusReplicas = 10
    var updated = 10
    var available = 10
    var timedOut = false
    var text: String
    var done = false
    var isError = false
    var testDescription: String { name }
  }

  static let cases: [Case] = [
    .init(
      name: "generation not observed, even when otherwise done", generation: 3, observed: 2,
      text: "Waiting for deployment spec update to be observed..."),
    .init(
      name: "progress deadline exceeded, before the counts", updated: 3, timedOut: true,
      text: "deployment \"web\" exceeded its progress deadline", isError: true),
    .init(
      name: "updated replicas short of replicas", statusReplicas: 13, updated: 5, available: 8,
      text:
        "Waiting for deployment \"web\" rollout to finish: 5 out of 10 new replicas have been updated..."
    ),
    .init(
      name: "old replicas pending termination", statusReplicas: 13, updated: 10, available: 8,
      text:
        "Waiting for deployment \"web\" rollout to finish: 3 old replicas are pending termination..."
    ),
    .init(
      name: "updated replicas not yet available", available: 7,
      text:
        "Waiting for deployment \"web\" rollout to finish: 7 of 10 updated replicas are available..."
    ),
    .init(
      name: "successfully rolled out", text: "deployment \"web\" successfully rolled out",
      done: true),
    .init(
      name: "scaled to zero", replicas: 0, statusReplicas: 0, updated: 0, available: 0,
      text: "deployment \"web\" successfully rolled out", done: true),
  ]

  @Test(arguments: cases)
  func kubectlMessage(_ example: Case) {
    var deployment = ControllerFixtures.deployment(replicas: example.replicas)
    deployment.metadata.generation = example.generation
    var status = DeploymentStatus()
    status.observedGeneration = example.observed
    status.replicas = example.statusReplicas
    status.updatedReplicas = example.updated
    status.availableReplicas = example.available
    if example.timedOut {
      status.setCondition(
        DeploymentCondition(
          type: .progressing, status: "False",
          reason: DeploymentCondition.Reason.progressDeadlineExceeded,
          message: "ReplicaSet \"web-1\" has timed out progressing.", time: 0))
    }
    deployment.status = status

    let message = RolloutStatusMessage(deployment)
    #expect(message.text == example.text)
    #expect(message.done == example.done)
    #expect(message.isError == example.isError)
  }

  @Test func aLiveRolloutEndsSuccessfullyRolledOut() throws {
    let harness = try ControllerHarness(ControllerFixtures.deployment(replicas: 4))
    try harness.run()
    try harness.setImage("web:v2")
    #expect(
      RolloutStatusMessage(harness.deployment).text
        == "Waiting for deployment spec update to be observed...")
    try harness.settleInstant()
    #expect(
      RolloutStatusMessage(harness.deployment).text
        == "Waiting for deployment \"web\" rollout to finish: 0 out of 4 new replicas have been updated..."
    )
    try harness.run()
    let done = RolloutStatusMessage(harness.deployment)
    #expect(done.text == "deployment \"web\" successfully rolled out")
    #expect(done.done)
  }
}
