import Engine
import Manifests
import Testing

/// AnalysisTemplates and ClusterAnalysisTemplates as Argo Rollouts' documentation writes them
/// load unmodified, beside the Rollouts that reference them.
struct AnalysisTemplateLoadingTests {
  /// A Prometheus success rate with an argument, as in Argo's analysis guide.
  static let successRate = """
    apiVersion: argoproj.io/v1alpha1
    kind: AnalysisTemplate
    metadata:
      name: success-rate
    spec:
      args:
      - name: service-name
      metrics:
      - name: success-rate
        interval: 5m
        # Prometheus answers with a vector: its first element is the value.
        successCondition: result[0] >= 0.95
        failureLimit: 3
        provider:
          prometheus:
            address: http://prometheus.example.com:9090
            query: |
              sum(irate(
                istio_requests_total{reporter="source",destination_service=~"{{args.service-name}}",response_code!~"5.*"}[5m]
              )) /
              sum(irate(
                istio_requests_total{reporter="source",destination_service=~"{{args.service-name}}"}[5m]
              ))

    """

  /// A web metric with headers and a JSONPath; the token comes from a Secret.
  static let web = """
    apiVersion: argoproj.io/v1alpha1
    kind: AnalysisTemplate
    metadata:
      name: web-check
      namespace: shop
    spec:
      args:
      - name: service-name
      - name: api-token
        valueFrom:
          secretKeyRef:
            name: token-secret
            key: apiToken
      metrics:
      - name: webmetric
        successCondition: result == true
        provider:
          web:
            url: "http://my-server.com/api/v1/measurement?service={{ args.service-name }}"
            timeoutSeconds: 20
            headers:
              - key: Authorization
                value: "Bearer {{ args.api-token }}"
            jsonPath: "{$.data.ok}"

    """

  /// A cluster-wide template comparing the canary's pods (by pod-template-hash) to a limit.
  static let clusterHash = """
    apiVersion: argoproj.io/v1alpha1
    kind: ClusterAnalysisTemplate
    metadata:
      name: canary-errors
      namespace: ignored
    spec:
      args:
      - name: canary-hash
        valueFrom:
          podTemplateHashValue: Latest
      - name: limit
        value: "0.05"
      - name: retries
        value: "2"
      metrics:
      - name: errors
        interval: 30s
        count: 4
        initialDelay: 1m
        consecutiveErrorLimit: 2
        inconclusiveLimit: "{{args.retries}}"
        failureCondition: result[0] > {{args.limit}}
        provider:
          prometheus:
            address: http://prometheus:9090
            query: rate(errors{rollouts_pod_template_hash="{{args.canary-hash}}"}[1m])

    """

  @Test func argosDocumentedTemplatesLoad() throws {
    let yaml = [Self.successRate, Self.web, Self.clusterHash].joined(separator: "---\n")
    let manifest = try ManifestLoader.load(yaml: yaml, file: "analysis.yaml")
    let templates = manifest.analysisTemplates
    #expect(templates.map(\.metadata.name) == ["success-rate", "web-check", "canary-errors"])
    #expect(
      manifest.objects.map(\.kind) == [
        "AnalysisTemplate", "AnalysisTemplate", "ClusterAnalysisTemplate",
      ])
    #expect(templates.map(\.metadata.namespace) == ["default", "shop", nil])
    #expect(templates.map(\.isClusterScoped) == [false, false, true])
    #expect(manifest.deployments.isEmpty)

    let rate = try #require(templates.first?.spec.metrics.first)
    #expect(rate.interval == "5m")
    #expect(rate.successCondition == "result[0] >= 0.95")
    #expect(rate.failureLimit == .int(3))
    #expect(rate.provider.name == "prometheus")
    #expect(rate.provider.prometheus?.address == "http://prometheus.example.com:9090")
    #expect(rate.provider.prometheus?.query.contains("{{args.service-name}}") == true)
    #expect(templates.first?.spec.args == [AnalysisArgument(name: "service-name")])

    let web = try #require(templates[1].spec.metrics.first?.provider.web)
    #expect(web.jsonPath == "{$.data.ok}")
    #expect(web.timeoutSeconds == 20)
    #expect(web.headers == [WebHeader(key: "Authorization", value: "Bearer {{ args.api-token }}")])

    let errors = try #require(templates[2].spec.metrics.first)
    #expect(errors.count == .int(4))
    #expect(errors.inconclusiveLimit == .string("{{args.retries}}"))
    #expect(templates[2].spec.args?.first?.valueFrom?.podTemplateHashValue == "Latest")

    // The Secret is the one thing here rollout cannot read.
    #expect(
      manifest.warnings == [
        "analysis.yaml: document 2 (AnalysisTemplate \"web-check\"): "
          + "spec.args[1].valueFrom.secretKeyRef is not supported yet; ignored"
      ])
  }

  @Test func anUnknownFieldIsAProblemNamingIt() throws {
    let yaml = Self.successRate.replacingOccurrences(of: "failureLimit", with: "failureLimt")
    let error = try #require(throws: ManifestError.self) {
      try ManifestLoader.load(yaml: yaml, file: "a.yaml")
    }
    #expect(error.problems.map(\.path) == ["spec.metrics[0].failureLimt"])
    #expect(error.problems.first?.message.contains("\"failureLimit\"") == true)
    #expect(error.problems.first?.object == "AnalysisTemplate \"success-rate\"")
    // --validate=warn: a warning, and the template loads.
    let loaded = try ManifestLoader.load(yaml: yaml, file: "a.yaml", validation: .warn)
    #expect(loaded.analysisTemplates.count == 1)
    #expect(loaded.warnings.contains { $0.contains("spec.metrics[0].failureLimt") })
  }

  @Test func argoFieldsRolloutDoesNotSupportAreWarnings() throws {
    let yaml = """
      apiVersion: argoproj.io/v1alpha1
      kind: AnalysisTemplate
      metadata: {name: mixed}
      spec:
        dryRun: [{metricName: latency}]
        measurementRetention: [{metricName: latency, limit: 20}]
        metrics:
        - name: latency
          consecutiveSuccessLimit: 3
          provider:
            simulated: {}
            datadog: {interval: 5m, query: "avg:latency{*}"}
        - name: errors
          provider:
            prometheus:
              address: http://prometheus:9090
              query: errors
              authentication: {sigv4: {region: eu-west-1}}
      """
    let manifest = try ManifestLoader.load(yaml: yaml, file: "t.yaml")
    let prefix = "t.yaml: document 1 (AnalysisTemplate \"mixed\"): "
    #expect(
      manifest.warnings
        == [
          "spec.dryRun", "spec.measurementRetention", "spec.metrics[0].consecutiveSuccessLimit",
          "spec.metrics[0].provider.datadog", "spec.metrics[1].provider.prometheus.authentication",
        ].map { prefix + $0 + " is not supported yet; ignored" })
    let metric = try #require(manifest.analysisTemplates.first?.spec.metrics.first)
    #expect(metric.provider.name == "simulated")
  }

  @Test func aMetricWithOnlyAnUnsupportedProviderIsAProblem() throws {
    let yaml = """
      apiVersion: argoproj.io/v1alpha1
      kind: AnalysisTemplate
      metadata: {name: dd}
      spec:
        metrics:
        - name: errors
          provider:
            datadog: {query: "sum:errors{*}"}
      """
    let error = try #require(throws: ManifestError.self) {
      try ManifestLoader.load(yaml: yaml, file: "dd.yaml")
    }
    #expect(
      error.description
        == "dd.yaml: document 1 (AnalysisTemplate \"dd\"): spec.metrics[0].provider: "
        + "datadog is not supported yet; use prometheus, web or simulated")
  }

  @Test func aBareSimulatedProviderMeasuresTheMetricOfItsName() throws {
    let yaml = """
      apiVersion: argoproj.io/v1alpha1
      kind: ClusterAnalysisTemplate
      metadata: {name: sim}
      spec:
        metrics:
        - name: error-rate
          provider: {simulated: }
      """
    let template = try #require(ManifestLoader.load(yaml: yaml).analysisTemplates.first)
    #expect(template.spec.metrics.first?.provider.simulated == SimulatedMetric())
    #expect(template.metadata.namespace == nil)
  }

  @Test func templatesAndRolloutsShareAManifest() throws {
    let yaml = Self.successRate + "---\n" + RolloutAnalysisConversionTests.canary
    let manifest = try ManifestLoader.load(yaml: yaml, file: "app.yaml")
    #expect(manifest.objects.map(\.kind) == ["AnalysisTemplate", "Rollout"])
    #expect(manifest.analysisTemplates.count == 1)
    #expect(manifest.deployments.count == 1)
  }
}
