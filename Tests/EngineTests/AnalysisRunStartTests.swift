import Engine
import Testing

/// Starting a run from templates: arguments from values, the rollout's fields and its
/// ReplicaSets' hashes, substituted into every string of the metrics; errors name what is
/// missing.
@Suite struct AnalysisRunStartTests {
  static let template = AnalysisTemplate(
    metadata: ObjectMeta(name: "success-rate"),
    spec: AnalysisTemplateSpec(
      args: [
        AnalysisArgument(name: "service"),
        AnalysisArgument(
          name: "hash", valueFrom: ArgumentValueFrom(podTemplateHashValue: "Latest")),
        AnalysisArgument(
          name: "app",
          valueFrom: ArgumentValueFrom(
            fieldRef: FieldReference(fieldPath: "metadata.labels['app']"))),
        AnalysisArgument(name: "threshold", value: "0.95"),
      ],
      metrics: [
        AnalysisMetric(
          name: "success-rate", interval: "1m", count: "{{args.count}}",
          successCondition: "result[0] >= {{args.threshold}}",
          provider: MetricProviderSpec(
            prometheus: PrometheusMetric(
              address: "http://prometheus:9090",
              query:
                "rate(ok{service=\"{{args.service}}\",hash=\"{{args.hash}}\",app=\"{{args.app}}\"}[1m])"
            )))
      ]))

  static let sources = ArgumentSources(
    deployment: DeploymentView(name: "web", replicas: 3, labels: ["app": "shop"]),
    stableHash: "aaa", latestHash: "bbb")

  @Test func argumentsAreSubstitutedEverywhere() throws {
    let request = AnalysisRequest(
      label: "step-2", templates: [AnalysisTemplateRef(templateName: "success-rate")],
      args: [
        AnalysisArgument(name: "service", value: "web-svc"),
        AnalysisArgument(name: "count", value: "3"),
      ])
    var template = Self.template
    template.spec.args?.append(AnalysisArgument(name: "count"))
    let run = try AnalysisRun.start(
      request, templates: [template], sources: Self.sources, revision: 2, subject: "web-bbb",
      now: 10)
    let metric = run.metrics[0]
    #expect(run.name == "web-bbb-2-step-2")
    #expect(
      metric.provider.prometheus?.query
        == "rate(ok{service=\"web-svc\",hash=\"bbb\",app=\"shop\"}[1m])")
    #expect(metric.successCondition == "result[0] >= 0.95")
    #expect(metric.count?.integer == 3)
    #expect(run.phase == .running)
  }

  @Test func problemsNameWhatIsMissing() {
    func message(
      _ request: AnalysisRequest, _ templates: [AnalysisTemplate] = [Self.template]
    ) -> String {
      do {
        _ = try AnalysisRun.start(
          request, templates: templates, sources: Self.sources, revision: 2, subject: "web-bbb",
          now: 0)
        return "started"
      } catch {
        return error.message
      }
    }
    let ref = [AnalysisTemplateRef(templateName: "success-rate")]
    #expect(message(AnalysisRequest(label: "a", templates: ref)).contains("args.service: no value"))
    #expect(
      message(AnalysisRequest(label: "a", templates: [AnalysisTemplateRef(templateName: "nope")]))
        .contains("no AnalysisTemplate \"nope\" (known: success-rate)"))
    #expect(
      message(
        AnalysisRequest(
          label: "a",
          templates: [AnalysisTemplateRef(templateName: "success-rate", clusterScope: true)])
      )
      .contains("no ClusterAnalysisTemplate \"success-rate\""))
    #expect(
      message(
        AnalysisRequest(
          label: "a", templates: ref + ref, args: [AnalysisArgument(name: "service", value: "s")])
      )
      .contains("metric \"success-rate\" is in two templates"))
    #expect(
      message(
        AnalysisRequest(
          label: "a", templates: ref, args: [AnalysisArgument(name: "service", value: "s")])
      )
      .contains("{{args.count}} names no argument"))
  }
}
