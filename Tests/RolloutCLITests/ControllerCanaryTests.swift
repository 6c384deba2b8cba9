import Foundation
import Testing

/// `rollout controller` deciding Argo Rollouts on `rollout serve`, driven by the real kubectl.
@Suite(.serialized) struct ControllerCanaryTests {
  @Test func aCanaryPausesIsPromotedFromTheCLIAndCompletes() throws {
    let harness = try ControllerHarness()
    defer { try? harness.stop() }
    try harness.startController()
    try harness.apply(ControllerHarness.canary(image: "example/web:1.0"))
    try harness.waitFor("the first revision to be Healthy") {
      try harness.rollout("web", "{.status.phase}") == "Healthy"
    }
    let first = try harness.replicaSets(app: "web")
    #expect(first.count == 1)
    #expect(first.first?.1 == 5)
    let owner = try harness.served.kubectl([
      "get", "rs", first[0].0, "-o", "jsonpath={.metadata.ownerReferences[0].kind}",
    ]).stdout
    #expect(owner == "Rollout")

    let patched = try harness.served.kubectl([
      "patch", "rollout", "web", "--type", "merge", "-p",
      #"{"spec":{"template":{"spec":{"containers":[{"name":"web","image":"example/web:2.0"}]}}}}"#,
    ])
    #expect(patched.status == 0, "\(patched.stderr)")
    try harness.waitFor("the canary to pause at 20%") {
      try harness.rollout("web", "{.status.phase}") == "Paused"
    }
    #expect(try harness.rollout("web", "{.status.currentStepIndex}") == "1")
    let paused = try harness.replicaSets(app: "web")
    #expect(paused.count == 2)
    #expect(paused.map(\.1).sorted() == [1, 4] || paused.map(\.1).sorted() == [1, 5])
    let hash = try harness.rollout("web", "{.status.currentPodHash}")
    #expect(paused.contains { $0.0 == "web-\(hash)" && $0.1 == 1 }, "\(paused) \(hash)")

    let promoted = try harness.served.sandbox.run([
      "promote", "web", "--kubeconfig", harness.served.kubeconfig,
    ])
    #expect(promoted.status == 0, "\(promoted.stderr)")
    try harness.waitFor("the canary to complete") {
      try harness.rollout("web", "{.status.phase}") == "Healthy"
        && harness.rollout("web", "{.status.stableRS}") == hash
    }
    let done = try harness.replicaSets(app: "web")
    #expect(done.first { $0.0 == "web-\(hash)" }?.1 == 5)
    #expect(done.filter { $0.0 != "web-\(hash)" }.allSatisfy { $0.1 == 0 })
  }

  /// Without -n, the verbs and views act in the kubeconfig context's namespace, as kubectl does.
  @Test func theContextsNamespaceIsTheDefault() throws {
    let harness = try ControllerHarness()
    defer { try? harness.stop() }
    let created = try harness.served.kubectl(["create", "namespace", "shop"])
    #expect(created.status == 0, "\(created.stderr)")
    try harness.startController(scope: ["--all-namespaces"])
    let shopConfig = try harness.served.sandbox.write(
      "shop-kubeconfig",
      try String(contentsOfFile: harness.served.kubeconfig, encoding: .utf8)
        .replacingOccurrences(of: "namespace: default", with: "namespace: shop"))
    let applied = try harness.served.kubectl(
      ["apply", "-n", "shop", "-f", "-"], input: ControllerHarness.canary(image: "example/web:1.0"))
    #expect(applied.status == 0, "\(applied.stderr)")
    try harness.waitFor("the Rollout in shop Healthy") {
      try harness.served.kubectl([
        "get", "rollout", "web", "-n", "shop", "-o", "jsonpath={.status.phase}",
      ]).stdout == "Healthy"
    }
    let status = try harness.served.sandbox.run([
      "status", "web", "--kubeconfig", shopConfig, "--no-watch",
    ])
    #expect(status.status == 0, "\(status.stderr)")
    #expect(status.stdout.contains("successfully rolled out"), "\(status.stdout)")
    let elsewhere = try harness.served.sandbox.run([
      "status", "web", "--kubeconfig", shopConfig, "-n", "default", "--no-watch",
    ])
    #expect(elsewhere.status == 2, "no Rollout web in default")
    #expect(elsewhere.stderr.contains("not found in namespace \"default\""), "\(elsewhere.stderr)")
  }
}
