import Foundation
import Testing

/// `rollout controller` running each kind of strategy on `rollout serve`: blue-green with its
/// Services, a user's Lua strategy from a ConfigMap, the stock rolling update by name.
@Suite(.serialized) struct ControllerStrategyTests {
  static let blueGreen = """
    apiVersion: argoproj.io/v1alpha1
    kind: Rollout
    metadata:
      name: web
    spec:
      replicas: 3
      selector:
        matchLabels: {app: web}
      template:
        metadata:
          labels: {app: web}
        spec:
          containers:
          - name: web
            image: example/web:1.0
      strategy:
        blueGreen:
          activeService: web-active
          previewService: web-preview
          autoPromotionEnabled: false
          scaleDownDelaySeconds: 1
    ---
    apiVersion: v1
    kind: Service
    metadata:
      name: web-active
    spec:
      selector: {app: web}
      ports: [{port: 80, targetPort: 8080}]
    ---
    apiVersion: v1
    kind: Service
    metadata:
      name: web-preview
    spec:
      selector: {app: web}
      ports: [{port: 80, targetPort: 8080}]
    """

  func selector(_ harness: ControllerHarness, _ service: String) throws -> String {
    try harness.served.kubectl([
      "get", "service", service, "-o", "jsonpath={.spec.selector.pod-template-hash}",
    ]).stdout
  }

  @Test func blueGreenPointsPreviewThenActiveAndScalesTheOldDown() throws {
    let harness = try ControllerHarness()
    defer { try? harness.stop() }
    try harness.startController()
    try harness.apply(Self.blueGreen)
    try harness.waitForHealthy()
    let blue = try harness.rollout("web", "{.status.currentPodHash}")
    try harness.waitFor("the active Service on blue") {
      try selector(harness, "web-active") == blue
    }
    try harness.setImage("example/web:2.0")
    try harness.waitFor("green to wait for promotion") {
      try harness.rollout("web", "{.status.phase}") == "Paused"
    }
    let green = try harness.rollout("web", "{.status.currentPodHash}")
    #expect(green != blue)
    try harness.waitFor("the preview Service on green") {
      try selector(harness, "web-preview") == green
    }
    #expect(try selector(harness, "web-active") == blue, "active stays on blue until promoted")
    let promoted = try harness.served.sandbox.run([
      "promote", "web", "--kubeconfig", harness.served.kubeconfig,
    ])
    #expect(promoted.status == 0, "\(promoted.stderr)")
    try harness.waitForHealthy()
    try harness.waitFor("the active Service on green") {
      try selector(harness, "web-active") == green
    }
    try harness.waitFor("blue scaled down after the delay") {
      try harness.replicaSets(app: "web").first { $0.0 == "web-\(blue)" }?.1 == 0
    }
  }

  @Test func aUsersLuaStrategyFromAConfigMapRollsOutAndFilesAreRefused() throws {
    let harness = try ControllerHarness()
    defer { try? harness.stop() }
    try harness.startController()
    let created = try harness.served.kubectl([
      "create", "configmap", "strategies",
      "--from-file=batches.lua=examples/strategies/batches.lua",
    ])
    #expect(created.status == 0, "\(created.stderr)")
    try harness.apply(
      ControllerHarness.canary(
        image: "example/web:1.0", strategy: "configmap/strategies/batches.lua"
      )
      .replacingOccurrences(
        of: "    rollout.dev/strategy:",
        with: "    rollout.dev/strategy-params: \"batch: 2\"\n    rollout.dev/strategy:"))
    try harness.waitForHealthy()
    try harness.setImage("example/web:2.0")
    try harness.waitForHealthy()
    let hash = try harness.rollout("web", "{.status.currentPodHash}")
    let sets = try harness.replicaSets(app: "web")
    #expect(sets.first { $0.0 == "web-\(hash)" }?.1 == 5, "\(sets)")
    try harness.waitFor("the Events of the rollout") {
      let events = try harness.served.kubectl([
        "get", "events", "--field-selector", "involvedObject.name=web", "-o",
        "jsonpath={range .items[*]}{.reason}{\"\\n\"}{end}",
      ]).stdout
      return events.contains("ScalingReplicaSet") && events.contains("StrategyDecision")
    }

    // The official Python client sees the Rollout and its ReplicaSets.
    let python = RolloutProcess.packageRoot.appendingPathComponent(".build/python/bin/python3")
    if FileManager.default.isExecutableFile(atPath: python.path) {
      let process = Process()
      process.executableURL = python
      process.arguments = [
        "-c",
        """
        import kubernetes, sys
        kubernetes.config.load_kube_config(config_file=sys.argv[1])
        ro = kubernetes.client.CustomObjectsApi().get_namespaced_custom_object(
            "argoproj.io", "v1alpha1", "default", "rollouts", "web")
        rs = kubernetes.client.AppsV1Api().list_namespaced_replica_set("default", label_selector="app=web")
        print(ro["status"]["phase"], sorted((r.metadata.name, r.spec.replicas) for r in rs.items))
        """,
        harness.served.kubeconfig,
      ]
      let out = Pipe()
      process.standardOutput = out
      try process.run()
      process.waitUntilExit()
      let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      #expect(process.terminationStatus == 0)
      #expect(text.hasPrefix("Healthy"), "\(text)")
      #expect(text.contains("('web-\(hash)', 5)"), "\(text)")
    }

    try harness.apply(
      ControllerHarness.canary(image: "example/web:3.0", strategy: "/etc/passwd.lua")
        .replacingOccurrences(of: "name: web\n", with: "name: sneaky\n")
        .replacingOccurrences(of: "app: web", with: "app: sneaky"))
    try harness.waitFor("the file path refused") {
      try harness.rollout("sneaky", "{.status.phase}") == "Degraded"
    }
    #expect(try harness.rollout("sneaky", "{.status.message}").contains("reads no files"))
    #expect(try harness.replicaSets(app: "sneaky").isEmpty)
  }

  @Test func theStockRollingUpdateRunsByName() throws {
    let harness = try ControllerHarness()
    defer { try? harness.stop() }
    try harness.startRecorder()
    try harness.startController()
    try harness.apply(
      ControllerHarness.canary(image: "example/web:1.0", replicas: 4, strategy: "rolling"))
    try harness.waitForHealthy()
    try harness.setImage("example/web:2.0")
    try harness.waitForHealthy()
    usleep(300_000)
    // 4 replicas, 25%/25%: one surge pod at a time, never more than 5 asked for.
    #expect(harness.peakDesired() <= 5, "\(harness.recordedScales())")
    #expect(try harness.replicaSets(app: "web").map(\.1).sorted() == [0, 4])
  }
}

/// Argo's `workloadRef`: a Rollout taking its template from a Deployment, which it scales down.
@Suite(.serialized) struct ControllerWorkloadRefTests {
  static let deployment = """
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: legacy
    spec:
      replicas: 3
      selector:
        matchLabels: {app: legacy}
      template:
        metadata:
          labels: {app: legacy}
        spec:
          containers:
          - name: legacy
            image: example/legacy:1.0
    """

  static func rollout(scaleDown: String) -> String {
    """
    apiVersion: argoproj.io/v1alpha1
    kind: Rollout
    metadata:
      name: legacy-ro
    spec:
      replicas: 3
      selector:
        matchLabels: {app: legacy}
      workloadRef:
        apiVersion: apps/v1
        kind: Deployment
        name: legacy
        scaleDown: \(scaleDown)
      strategy:
        canary:
          steps:
          - setWeight: 50
    """
  }

  @Test func aRolloutTakesOverADeploymentAndScalesItDownOnSuccess() throws {
    let harness = try ControllerHarness()
    defer { try? harness.stop() }
    try harness.startController()
    try harness.apply(Self.deployment)
    let ready = try harness.served.kubectl([
      "rollout", "status", "deployment/legacy", "--timeout=60s",
    ])
    #expect(ready.status == 0, "\(ready.stderr)")
    try harness.apply(Self.rollout(scaleDown: "onsuccess"))
    try harness.waitFor("the Rollout Healthy on the Deployment's template") {
      try harness.rollout("legacy-ro", "{.status.phase}") == "Healthy"
    }
    let image = try harness.served.kubectl([
      "get", "rs", "-l", "app=legacy", "-o",
      "jsonpath={range .items[?(@.metadata.ownerReferences[0].kind==\"Rollout\")]}{.spec.template.spec.containers[0].image} {.spec.replicas}{end}",
    ]).stdout
    #expect(image == "example/legacy:1.0 3", "\(image)")
    // The user's spec stays theirs: the reference, not the template read through it.
    #expect(try harness.rollout("legacy-ro", "{.spec.workloadRef.name}") == "legacy")
    #expect(try harness.rollout("legacy-ro", "{.spec.template}").isEmpty)
    try harness.waitFor("the Deployment scaled to 0") {
      try harness.served.kubectl([
        "get", "deployment", "legacy", "-o", "jsonpath={.spec.replicas}",
      ]).stdout == "0"
    }
  }

  @Test func aMissingDeploymentIsWaitedForAndABadScaleDownIsNamed() throws {
    let harness = try ControllerHarness()
    defer { try? harness.stop() }
    try harness.startController()
    try harness.apply(Self.rollout(scaleDown: "never"))
    try harness.waitFor("the Rollout to wait for its Deployment") {
      try harness.rollout("legacy-ro", "{.status.message}").contains(
        "waiting for Deployment \"legacy\"")
    }
    try harness.apply(Self.deployment)
    try harness.waitFor("the Rollout Healthy once the Deployment is there") {
      try harness.rollout("legacy-ro", "{.status.phase}") == "Healthy"
    }
    #expect(
      try harness.served.kubectl(["get", "deployment", "legacy", "-o", "jsonpath={.spec.replicas}"])
        .stdout == "3", "scaleDown: never leaves the Deployment alone")
    try harness.apply(
      Self.rollout(scaleDown: "sometimes").replacingOccurrences(of: "legacy-ro", with: "odd-ro"))
    try harness.waitFor("the bad scaleDown named") {
      try harness.rollout("odd-ro", "{.status.message}").contains("spec.workloadRef.scaleDown")
    }
  }
}
