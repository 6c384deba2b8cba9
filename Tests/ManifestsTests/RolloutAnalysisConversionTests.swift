import Engine
import Manifests
import Testing

/// A Rollout's analysis blocks (canary steps, background analysis, blue-green pre- and
/// post-promotion analysis) are strategy parameters, as Argo writes them.
struct RolloutAnalysisConversionTests {
  static let canary = """
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
          analysis:
            templates:
            - templateName: success-rate
            startingStep: 2
            args:
            - name: service-name
              value: shop-canary.default.svc.cluster.local
          steps:
          - setWeight: 20
          - pause: {duration: 10m}
          - analysis:
              templates:
              - templateName: canary-errors
                clusterScope: true
              args:
              - name: canary-hash
                valueFrom:
                  podTemplateHashValue: Latest
              - name: rollout
                valueFrom:
                  fieldRef:
                    fieldPath: metadata.name
          - setWeight: 60

    """

  static let blueGreen = """
    apiVersion: argoproj.io/v1alpha1
    kind: Rollout
    metadata:
      name: shop-bg
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
          prePromotionAnalysis:
            templates:
            - templateName: smoke-tests
            args:
            - name: service-name
              value: shop-preview.default.svc.cluster.local
          postPromotionAnalysis:
            templates:
            - templateName: success-rate

    """

  @Test func canaryAnalysisIsCarriedInTheParameters() throws {
    let manifest = try ManifestLoader.load(yaml: Self.canary, file: "c.yaml")
    #expect(manifest.warnings == [])
    let params = try #require(manifest.deployments.first).strategyParameters()
    let background: JSONValue = [
      "templates": [["templateName": "success-rate"]], "startingStep": 2,
      "args": [["name": "service-name", "value": "shop-canary.default.svc.cluster.local"]],
    ]
    #expect(params["analysis"] == background)
    let step: JSONValue = [
      "analysis": [
        "templates": [["templateName": "canary-errors", "clusterScope": true]],
        "args": [
          ["name": "canary-hash", "valueFrom": ["podTemplateHashValue": "Latest"]],
          ["name": "rollout", "valueFrom": ["fieldRef": ["fieldPath": "metadata.name"]]],
        ],
      ]
    ]
    #expect(params["steps"]?.arrayValue?.count == 4)
    #expect(params["steps"]?.arrayValue?[2] == step)
    #expect(params["steps"]?.arrayValue?[3] == ["setWeight": 60])
  }

  @Test func blueGreenAnalysisIsCarriedInTheParameters() throws {
    let manifest = try ManifestLoader.load(yaml: Self.blueGreen, file: "bg.yaml")
    #expect(manifest.warnings == [])
    let params = try #require(manifest.deployments.first).strategyParameters()
    #expect(
      params["prePromotionAnalysis"] == [
        "templates": [["templateName": "smoke-tests"]],
        "args": [["name": "service-name", "value": "shop-preview.default.svc.cluster.local"]],
      ])
    #expect(params["postPromotionAnalysis"] == ["templates": [["templateName": "success-rate"]]])
  }

  @Test func unsupportedAnalysisFieldsAreWarningsAndLeftOut() throws {
    let background =
      "        startingStep: 2\n" + "        dryRun: [{metricName: success-rate}]\n"
      + "        measurementRetention: [{metricName: success-rate, limit: 5}]\n"
    let steps =
      "      - setWeight: 60\n" + "      - analysis:\n"
      + "          templates: [{templateName: success-rate}]\n"
      + "          analysisRunMetadata: {labels: {team: shop}}\n"
      + "  analysis: {successfulRunHistoryLimit: 3}\n"
    let yaml = Self.canary.replacingOccurrences(of: "        startingStep: 2\n", with: background)
      .replacingOccurrences(of: "      - setWeight: 60\n", with: steps)
    let manifest = try ManifestLoader.load(yaml: yaml, file: "c.yaml")
    let prefix = "c.yaml: document 1 (Rollout \"shop\"): "
    #expect(
      manifest.warnings
        == [
          "spec.strategy.canary.analysis.dryRun",
          "spec.strategy.canary.analysis.measurementRetention",
          "spec.strategy.canary.steps[4].analysis.analysisRunMetadata", "spec.analysis",
        ].map { prefix + $0 + " is not supported yet; ignored" })
    let params = try #require(manifest.deployments.first).strategyParameters()
    #expect(params["analysis"]?["dryRun"] == nil)
    #expect(params["analysis"]?["startingStep"] == 2)
    #expect(
      params["steps"]?.arrayValue?.last
        == ["analysis": ["templates": [["templateName": "success-rate"]]]])
  }

  @Test func aMisspeltAnalysisFieldIsAProblem() throws {
    let yaml = Self.blueGreen.replacingOccurrences(
      of: "- templateName: smoke", with: "- templatName: smoke")
    let error = try #require(throws: ManifestError.self) {
      try ManifestLoader.load(yaml: yaml, file: "bg.yaml")
    }
    #expect(
      error.problems.map(\.path) == [
        "spec.strategy.blueGreen.prePromotionAnalysis.templates[0].templatName"
      ])
    #expect(error.problems.first?.message.contains("\"templateName\"") == true)
  }
}
