import Engine
import Manifests
import Testing

/// A rollout carries exactly the templates its strategy parameters reference; a reference the
/// manifest cannot satisfy is an error naming the parameter and the template.
struct AnalysisTemplateAttachmentTests {
  static func template(
    _ name: String, kind: String = "AnalysisTemplate", namespace: String? = "default"
  ) -> AnalysisTemplate {
    AnalysisTemplate(
      kind: kind, metadata: ObjectMeta(name: name, namespace: namespace),
      spec: AnalysisTemplateSpec(metrics: [
        AnalysisMetric(name: name, provider: MetricProviderSpec(simulated: SimulatedMetric()))
      ]))
  }

  static let available = [
    template("success-rate"), template("latency"), template("smoke-tests"),
    template("canary-errors", kind: "ClusterAnalysisTemplate", namespace: nil),
    template("success-rate", namespace: "other"),
  ]

  static func rollout(params: JSONValue) -> Deployment {
    var deployment = Deployment(
      metadata: ObjectMeta(name: "shop", namespace: "default"),
      spec: DeploymentSpec(
        replicas: 1, selector: LabelSelector(matchLabels: ["app": "shop"]),
        template: PodTemplateSpec(
          metadata: PodTemplateSpec.TemplateMeta(labels: ["app": "shop"]), spec: [:])))
    deployment.setStrategyParams(params)
    return deployment
  }

  static let canaryParams: JSONValue = [
    "analysis": ["templates": [["templateName": "success-rate"]], "startingStep": 2],
    "steps": [
      ["setWeight": 20],
      ["analysis": ["templates": [["templateName": "canary-errors", "clusterScope": true]]]],
      ["analysis": ["templates": [["templateName": "success-rate"]]]],
    ],
  ]

  @Test func picksExactlyTheReferencedTemplates() throws {
    var deployment = Self.rollout(params: Self.canaryParams)
    try AnalysisTemplates.attach(Self.available, to: &deployment)
    let attached = try deployment.analysisTemplates()
    #expect(attached.map(\.kind) == ["AnalysisTemplate", "ClusterAnalysisTemplate"])
    #expect(attached.map(\.metadata.name) == ["success-rate", "canary-errors"])
    #expect(attached.first?.metadata.namespace == "default")

    // Blue-green, both analyses; the templates recorded before are replaced.
    deployment.setStrategyParams([
      "prePromotionAnalysis": ["templates": [["templateName": "smoke-tests"]]],
      "postPromotionAnalysis": [
        "templates": [["templateName": "latency"], ["templateName": "success-rate"]]
      ],
    ])
    try AnalysisTemplates.attach(Self.available, to: &deployment)
    #expect(
      try deployment.analysisTemplates().map(\.metadata.name) == [
        "latency", "smoke-tests", "success-rate",
      ])
  }

  @Test func withoutReferencesTheAnnotationIsRemoved() throws {
    var deployment = Self.rollout(params: Self.canaryParams)
    try AnalysisTemplates.attach(Self.available, to: &deployment)
    #expect(deployment.metadata.annotation(Annotations.analysisTemplates) != nil)
    deployment.setStrategyParams(["steps": [["setWeight": 50]]])
    try AnalysisTemplates.attach(Self.available, to: &deployment)
    #expect(deployment.metadata.annotation(Annotations.analysisTemplates) == nil)
    #expect(try deployment.analysisTemplates() == [])
  }

  @Test func referencesAreFoundWithTheirPaths() {
    #expect(
      AnalysisTemplates.references(in: Self.canaryParams) == [
        .init(
          path: "params.analysis.templates[0].templateName", templateName: "success-rate",
          clusterScope: false),
        .init(
          path: "params.steps[1].analysis.templates[0].templateName",
          templateName: "canary-errors", clusterScope: true),
        .init(
          path: "params.steps[2].analysis.templates[0].templateName",
          templateName: "success-rate", clusterScope: false),
      ])
  }

  /// A reference put at `steps[2]`, and the error.
  static let missing: [(JSONValue, String)] = [
    (
      ["templateName": "error-rate"],
      "params.steps[2].analysis.templates[0].templateName: no AnalysisTemplate \"error-rate\" "
        + "in the manifest (known: latency, smoke-tests, success-rate)"
    ),
    (
      ["templateName": "latency", "clusterScope": true],
      "params.steps[2].analysis.templates[0].templateName: no ClusterAnalysisTemplate "
        + "\"latency\" in the manifest (known: canary-errors); there is an AnalysisTemplate of "
        + "that name: drop clusterScope"
    ),
    (
      ["templateName": "canary-errors"],
      "params.steps[2].analysis.templates[0].templateName: no AnalysisTemplate "
        + "\"canary-errors\" in the manifest (known: latency, smoke-tests, success-rate); there "
        + "is a ClusterAnalysisTemplate of that name: add clusterScope: true"
    ),
  ]

  @Test(arguments: missing)
  func aMissingTemplateIsAnErrorNamingTheParameter(_ reference: JSONValue, _ expected: String) {
    var params = Self.canaryParams
    var steps = params["steps"]?.arrayValue ?? []
    steps[2] = ["analysis": ["templates": [reference]]]
    params["steps"] = .array(steps)
    var deployment = Self.rollout(params: params)
    do {
      try AnalysisTemplates.attach(Self.available, to: &deployment)
      Issue.record("expected an error")
    } catch {
      #expect(error.description == expected)
    }
  }

  @Test func aNamespacedTemplateMustBeInTheRolloutsNamespace() {
    var deployment = Self.rollout(params: Self.canaryParams)
    deployment.metadata.namespace = "other"
    deployment.setStrategyParams([
      "postPromotionAnalysis": ["templates": [["templateName": "latency"]]]
    ])
    do {
      try AnalysisTemplates.attach(Self.available, to: &deployment)
      Issue.record("expected an error")
    } catch {
      #expect(
        error.description
          == "params.postPromotionAnalysis.templates[0].templateName: no AnalysisTemplate "
          + "\"latency\" in the manifest (known: success-rate); it is in namespace \"default\", "
          + "the rollout in \"other\"")
    }
    deployment.setStrategyParams(["analysis": ["templates": [["templateName": "success-rate"]]]])
    #expect(throws: Never.self) { try AnalysisTemplates.attach(Self.available, to: &deployment) }
    #expect((try? deployment.analysisTemplates())?.first?.metadata.namespace == "other")
  }

  @Test func aManifestsRolloutAttachesItsOwnTemplates() throws {
    let yaml =
      AnalysisTemplateLoadingTests.successRate + "---\n" + AnalysisTemplateLoadingTests.clusterHash
      + "---\n" + RolloutAnalysisConversionTests.canary
    let manifest = try ManifestLoader.load(yaml: yaml, file: "app.yaml")
    var rollout = try #require(manifest.deployments.first)
    try AnalysisTemplates.attach(manifest.analysisTemplates, to: &rollout)
    #expect(
      try rollout.analysisTemplates() == manifest.analysisTemplates.sorted { $0.kind < $1.kind })
  }
}
