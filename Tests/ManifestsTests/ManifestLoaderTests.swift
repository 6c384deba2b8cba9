import Engine
import Foundation
import Manifests
import Testing

struct ManifestLoaderTests {
  static let web = """
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: web
    spec:
      replicas: 3
      selector:
        matchLabels:
          app: web
      template:
        metadata:
          labels:
            app: web
        spec:
          containers:
            - name: app
              image: nginx:1.25

    """

  /// What `kubectl get deployment web -o yaml` prints: server fields, a status block, string
  /// timestamps and fields the engine does not model.
  static let kubectlDump = """
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      annotations:
        deployment.kubernetes.io/revision: "2"
        kubectl.kubernetes.io/last-applied-configuration: |
          {"apiVersion":"apps/v1","kind":"Deployment"}
      creationTimestamp: "2024-01-01T00:00:00Z"
      generation: 4
      labels:
        app: web
      name: web
      namespace: shop
      resourceVersion: "123456"
      uid: 0b7c2f3e-5a8d-4d67-9a7b-1f2e3d4c5b6a
      managedFields:
        - apiVersion: apps/v1
          fieldsType: FieldsV1
          manager: kubectl-client-side-apply
          operation: Update
          time: "2024-01-01T00:00:00Z"
    spec:
      progressDeadlineSeconds: 600
      replicas: 4
      revisionHistoryLimit: 10
      selector:
        matchLabels:
          app: web
      strategy:
        rollingUpdate:
          maxSurge: 25%
          maxUnavailable: 1
        type: RollingUpdate
      template:
        metadata:
          creationTimestamp: null
          labels:
            app: web
        spec:
          containers:
            - image: nginx:1.25
              imagePullPolicy: IfNotPresent
              name: app
              ports:
                - containerPort: 80
                  protocol: TCP
              resources:
                limits:
                  cpu: 500m
                  memory: 128Mi
              readinessProbe:
                httpGet:
                  path: /healthz
                  port: 80
                periodSeconds: 5
              terminationMessagePath: /dev/termination-log
          dnsPolicy: ClusterFirst
          restartPolicy: Always
          terminationGracePeriodSeconds: 30
    status:
      availableReplicas: 4
      conditions:
        - lastTransitionTime: "2024-01-01T00:00:10Z"
          lastUpdateTime: "2024-01-01T00:00:10Z"
          message: Deployment has minimum availability.
          reason: MinimumReplicasAvailable
          status: "True"
          type: Available
      observedGeneration: 4
      readyReplicas: 4
      replicas: 4
      updatedReplicas: 4

    """

  @Test func kubectlDumpLoads() throws {
    let manifest = try ManifestLoader.load(yaml: Self.kubectlDump, file: "dump.yaml")
    #expect(manifest.warnings.isEmpty)
    let deployment = try #require(manifest.deployments.first)
    #expect(deployment.metadata.name == "web")
    #expect(deployment.metadata.namespace == "shop")
    #expect(deployment.metadata.uid == nil)
    #expect(deployment.metadata.creationTimestamp == nil)
    #expect(deployment.metadata.generation == nil)
    #expect(deployment.status == nil)
    #expect(deployment.replicas == 4)
    #expect(deployment.spec.strategy?.rollingUpdate?.maxSurge == .string("25%"))
    #expect(deployment.spec.strategy?.rollingUpdate?.maxUnavailable == .int(1))
    #expect(deployment.spec.template.images == ["nginx:1.25"])
    // Fields the engine does not model survive in the template (they are part of its hash).
    #expect(deployment.spec.template.spec["terminationGracePeriodSeconds"] == .int(30))
    #expect(deployment.metadata.annotation(Annotations.revision) == "2")
  }

  @Test func namespaceDefaultsToDefault() throws {
    let manifest = try ManifestLoader.load(yaml: Self.web, file: "app.yaml")
    #expect(manifest.file == "app.yaml")
    #expect(manifest.deployments.map(\.metadata.namespace) == ["default"])
  }

  /// Documents are counted as the YAML stream has them: a comment before the first `---` is not
  /// a document, and the empty one after the last `---` is skipped.
  @Test func multipleDocumentsAndUnknownKinds() throws {
    let yaml = """
      # a comment-only document
      ---
      \(Self.web)---
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: web
      data:
        a: b
      ---
      \(Self.web.replacingOccurrences(of: "name: web", with: "name: api"))
      ---
      """
    let manifest = try ManifestLoader.load(yaml: yaml, file: "app.yaml")
    #expect(manifest.objects.map(\.name) == ["web", "api"])
    #expect(manifest.objects.map(\.kind) == ["Deployment", "Deployment"])
    #expect(
      manifest.warnings == [
        "app.yaml: document 2 (ConfigMap \"web\"): kind ConfigMap (v1) is not supported yet; skipped"
      ])
  }

  @Test func servicesAreLoaded() throws {
    let yaml = """
      apiVersion: v1
      kind: Service
      metadata:
        name: web
      spec:
        selector: {app: web}
        ports: [{port: 80, targetPort: 8080}]
      """
    let manifest = try ManifestLoader.load(yaml: yaml, file: "svc.yaml")
    #expect(manifest.services.map(\.metadata.name) == ["web"])
    #expect(manifest.services.first?.spec.selector == ["app": "web"])
    #expect(manifest.services.first?.metadata.namespace == "default")
  }

  /// An Argo Rollout is read unmodified: its canary block becomes the stock canary strategy's
  /// parameters and fenceposts; what rollout does not support yet is a warning naming the field.
  @Test func argoCanaryRolloutsAreReadAsDeployments() throws {
    let yaml = """
      apiVersion: argoproj.io/v1alpha1
      kind: Rollout
      metadata:
        name: shop
      spec:
        replicas: 5
        selector:
          matchLabels: {app: shop}
        template:
          metadata:
            labels: {app: shop}
          spec:
            containers: [{name: shop, image: shop:1}]
        strategy:
          canary:
            maxSurge: 1
            maxUnavailable: 0
            trafficRouting: {nginx: {stableIngress: shop}}
            steps:
              - setWeight: 20
              - pause: {duration: 1m}
              - experiment: {duration: 1h}
      """
    let manifest = try ManifestLoader.load(yaml: yaml, file: "rollout.yaml")
    let rollout = try #require(manifest.deployments.first)
    #expect(rollout.kind == "Rollout")
    #expect(rollout.apiVersion == "argoproj.io/v1alpha1")
    #expect(rollout.metadata.annotation(Annotations.strategy) == "canary")
    #expect(rollout.spec.strategy?.rollingUpdate?.maxSurge == .int(1))
    #expect(rollout.spec.strategy?.rollingUpdate?.maxUnavailable == .int(0))
    let params = try rollout.strategyParameters()
    #expect(params["steps"]?.arrayValue?.count == 3)
    #expect(params["steps"]?.arrayValue?.first?["setWeight"] == 20)
    #expect(params["trafficRouting"] == nil)
    #expect(
      manifest.warnings == [
        "rollout.yaml: document 1 (Rollout \"shop\"): spec.strategy.canary.trafficRouting is not supported yet; ignored",
        "rollout.yaml: document 1 (Rollout \"shop\"): spec.strategy.canary.steps[2].experiment is not supported yet; ignored",
      ])
  }

  @Test func argoBlueGreenRolloutsGetFullSurge() throws {
    let yaml = """
      apiVersion: argoproj.io/v1alpha1
      kind: Rollout
      metadata:
        name: shop
      spec:
        replicas: 3
        selector:
          matchLabels: {app: shop}
        template:
          metadata:
            labels: {app: shop}
          spec:
            containers: [{name: shop, image: shop:1}]
        strategy:
          blueGreen:
            activeService: shop-active
            previewService: shop-preview
            autoPromotionEnabled: false
            prePromotionAnalysis: {templates: [{templateName: smoke}]}
      """
    let manifest = try ManifestLoader.load(yaml: yaml, file: "bg.yaml")
    let rollout = try #require(manifest.deployments.first)
    #expect(rollout.metadata.annotation(Annotations.strategy) == "blue-green")
    #expect(rollout.spec.strategy?.rollingUpdate?.maxSurge == .string("100%"))
    let params = try rollout.strategyParameters()
    #expect(params["activeService"] == "shop-active")
    #expect(params["autoPromotionEnabled"] == false)
    #expect(
      params["prePromotionAnalysis"]?["templates"]?.arrayValue?.first?["templateName"] == "smoke")
    #expect(manifest.warnings.isEmpty)
  }

  @Test func aRolloutWithoutAStrategyIsAnError() {
    let yaml = """
      apiVersion: argoproj.io/v1alpha1
      kind: Rollout
      metadata:
        name: shop
      spec:
        selector:
          matchLabels: {app: shop}
        template:
          metadata:
            labels: {app: shop}
          spec:
            containers: [{name: shop, image: shop:1}]
      """
    #expect {
      try ManifestLoader.load(yaml: yaml, file: "r.yaml")
    } throws: { error in
      "\(error)".contains("spec.strategy") && "\(error)".contains("canary")
    }
  }

  @Test func everyDocumentsProblemsAreCollected() {
    let yaml =
      Self.web.replacingOccurrences(of: "replicas: 3", with: "replicas: -1") + "---\n"
      + Self.web.replacingOccurrences(of: "          image: nginx:1.25\n", with: "") + "---\n"
      + Self.web.replacingOccurrences(of: "name: web", with: "name: ok")
    do {
      _ = try ManifestLoader.load(yaml: yaml, file: "app.yaml")
      Issue.record("expected an error")
    } catch {
      #expect(error.problems.map(\.document) == [1, 2])
      #expect(
        error.description == """
          app.yaml: document 1 (Deployment "web"): spec.replicas: must be greater than or equal to 0, got -1
          app.yaml: document 2 (Deployment "web"): spec.template.spec.containers[0].image: must be non-empty
          """)
    }
  }

  @Test func syntaxErrorNamesLineAndColumn() {
    let yaml = Self.web + "---\nkind: Deployment\n  bad: [\n"
    do {
      _ = try ManifestLoader.load(yaml: yaml, file: "app.yaml")
      Issue.record("expected an error")
    } catch {
      let problem = error.problems.last
      #expect(problem?.document == 2)
      #expect(problem?.message.hasPrefix("line 20, column") == true, "\(error)")
      #expect(problem?.message.contains("invalid YAML") == true)
    }
  }

  @Test func documentThatIsNotAMap() {
    do {
      _ = try ManifestLoader.load(yaml: "- a\n- b\n", file: "list.yaml")
      Issue.record("expected an error")
    } catch {
      #expect(
        error.description
          == "list.yaml: document 1: expected a map with apiVersion and kind, got a list")
    }
  }

  @Test func loadsFromAFile() throws {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("manifest-\(UUID().uuidString).yaml")
    try Self.web.write(to: url, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: url) }
    let manifest = try ManifestLoader.load(path: url.path)
    #expect(manifest.file == url.path)
    #expect(manifest.deployments.count == 1)
  }

  @Test func missingFileIsAnError() {
    #expect(throws: ManifestError.self) {
      try ManifestLoader.load(path: "/nonexistent/app.yaml")
    }
  }
}
