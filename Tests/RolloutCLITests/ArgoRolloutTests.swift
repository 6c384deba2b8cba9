import Engine
import Foundation
import Testing

/// Argo Rollouts manifests, unmodified: the stock strategy their spec names, and warnings for
/// the fields rollout does not support.
@Suite struct ArgoRolloutTests {
  @Test func unsupportedFieldsWarnOnStderrWithoutChangingTheExitCode() throws {
    let box = try Sandbox()
    let unsupported = (
      "      maxUnavailable: 0\n",
      "      maxUnavailable: 0\n      trafficRouting: {nginx: {stableIngress: shop}}\n"
    )
    let metric = ["--metric", "example/shop:*:success-rate=0.99"]
    let v1 = try box.copy(
      example: "argo/rollout-canary.yaml", to: "v1.yaml", replacing: [unsupported])
    let first = try box.run([v1, "--state", box.state, "-o", "jsonl"] + metric)
    #expect(first.status == 0, "\(first)")
    #expect(
      first.stderr.contains(
        "Rollout \"shop\"): spec.strategy.canary.trafficRouting is not supported yet; ignored"),
      "\(first)")
    #expect(first.stderr.split(separator: "\n").allSatisfy { $0.hasPrefix("warning: ") })
    #expect(try first.summary()["result"]?.stringValue == "complete")

    // The update runs the canary steps of spec.strategy.canary: setWeight 20, a 10-minute
    // pause, setWeight 60, then a pause until promoted. The warning comes again; exit 3 all
    // the same.
    let v2 = try box.copy(
      example: "argo/rollout-canary.yaml", to: "v2.yaml",
      replacing: [("example/shop:1.0", "example/shop:2.0"), unsupported])
    let second = try box.run([v2, "--state", box.state, "-o", "jsonl"] + metric)
    #expect(second.status == 3, "\(second)")
    #expect(second.stderr.contains("spec.strategy.canary.trafficRouting"), "\(second)")
    let summary = try second.summary()
    #expect(summary["reason"]?.stringValue == "CanaryPauseStep")
    #expect(try #require(summary["duration"]?.doubleValue) >= 600)
    // maxSurge 1, maxUnavailable 0: all 5 stay available, at most 6 pods.
    #expect(summary["minAvailable"]?.intValue == 5)
    #expect(summary["peakPods"]?.intValue == 6)
    // setWeight 60 of 5 = canary 3, stable 2.
    let store = try StoreDocument(state: box.state, deployment: "shop")
    #expect(store.revision(2)?.replicas == 3 && store.revision(1)?.replicas == 2, "\(store)")

    let get = try box.run(["get", "shop", "--state", box.state])
    #expect(get.stdout.contains("Strategy:      canary"), "\(get)")
    #expect(get.stdout.contains("Rollout"), "\(get)")
    let promote = try box.run(["promote", "shop", "--state", box.state])
    #expect(promote.status == 0, "\(promote)")
  }

  @Test func blueGreenRolloutRunsTheStockBlueGreenWithoutWarnings() throws {
    let box = try Sandbox()
    let first = try box.run([Sandbox.example("argo/rollout-bluegreen.yaml"), "--state", box.state])
    #expect(first.status == 0, "\(first)")
    #expect(first.stderr.isEmpty, "\(first)")
    let get = try box.run(["get", "shop-bg", "--state", box.state])
    #expect(get.stdout.contains("Strategy:      blue-green"), "\(get)")
  }
}
