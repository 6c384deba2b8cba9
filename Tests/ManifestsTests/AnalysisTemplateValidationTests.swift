import Engine
import Manifests
import Testing

/// Each way an analysis template can be invalid is a problem naming its field; the loader
/// reports all of a template's problems at once.
struct AnalysisTemplateValidationTests {
  /// A template with one metric whose body is `metric` (YAML, indented for the list item).
  static func template(metric: String, name: String = "t") -> String {
    """
    apiVersion: argoproj.io/v1alpha1
    kind: AnalysisTemplate
    metadata: {name: \(name)}
    spec:
      metrics:
      - name: m
    \(metric.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))

    """
  }

  static let prometheus = "provider: {prometheus: {address: http://p:9090, query: up}}"

  static func problems(_ yaml: String) -> [String] {
    do {
      _ = try ManifestLoader.load(yaml: yaml, file: "t.yaml")
      return []
    } catch {
      return error.problems.map { "\($0.path ?? ""): \($0.message)" }
    }
  }

  @Test(arguments: [
    // The metric body, and the one problem it has.
    ("interval: 5 minutes\n" + prometheus, "spec.metrics[0].interval: invalid duration"),
    ("initialDelay: 10x\n" + prometheus, "spec.metrics[0].initialDelay: invalid duration"),
    ("count: three\n" + prometheus, "spec.metrics[0].count: expected an integer"),
    ("failureLimit: [1]\n" + prometheus, "spec.metrics[0].failureLimit: expected an integer"),
    ("inconclusiveLimit: 1.5\n" + prometheus, "spec.metrics[0].inconclusiveLimit: expected an"),
    (
      "consecutiveErrorLimit: lots\n" + prometheus,
      "spec.metrics[0].consecutiveErrorLimit: expected an integer"
    ),
    ("provider: {}", "spec.metrics[0].provider: must name exactly one provider"),
    ("interval: 1m", "spec.metrics[0].provider: required value is missing"),
    (
      "provider: {prometheus: {address: http://p, query: up}, web: {url: http://w}}",
      "spec.metrics[0].provider: must name exactly one provider, got prometheus and web"
    ),
    (
      "provider: {prometheus: {query: up}}",
      "spec.metrics[0].provider.prometheus.address: required value is missing"
    ),
    (
      "provider: {prometheus: {address: http://p, query: \"\"}}",
      "spec.metrics[0].provider.prometheus.query: required value is missing"
    ),
    ("provider: {web: {jsonPath: x}}", "spec.metrics[0].provider.web.url: required value is"),
    (
      "provider: {web: {url: http://w, method: DELETE}}",
      "spec.metrics[0].provider.web.method: must be GET, POST or PUT, got \"DELETE\""
    ),
    (
      "provider: {web: {url: http://w, method: POST, body: x, jsonBody: {a: 1}}}",
      "spec.metrics[0].provider.web.jsonBody: give body or jsonBody, not both"
    ),
    (
      "successCondition: result[0] >= 0.95)\n" + prometheus,
      "spec.metrics[0].successCondition: column 18: unexpected token ')'"
    ),
    (
      "failureCondition: 'result > \"a'\n" + prometheus,
      "spec.metrics[0].failureCondition: column 10: unterminated string"
    ),
  ])
  func eachProblemNamesItsField(_ metric: String, _ expected: String) {
    let found = Self.problems(Self.template(metric: metric))
    #expect(found.count == 1, "\(found)")
    #expect(found.first?.hasPrefix(expected) == true, "\(found)")
  }

  @Test(arguments: [
    // Valid values of the fields checked above, including argument references.
    "interval: 30s\ninitialDelay: 1h30m\ncount: 5\nfailureLimit: -1\n" + prometheus,
    "count: \"{{args.count}}\"\ninterval: \"{{args.every}}\"\n" + prometheus,
    "successCondition: result[0] >= {{args.threshold}}\n" + prometheus,
    "successCondition: all(result, {# < 0.01}) && len(result) > 0\n" + prometheus,
    "provider: {web: {url: http://w, method: PUT, jsonBody: {a: 1}}}",
    "provider: {simulated: {metric: error-rate}}",
  ])
  func validMetricsLoad(_ metric: String) {
    #expect(Self.problems(Self.template(metric: metric)) == [])
  }

  @Test func theColumnCountsFromTheConditionsStartWithArgumentsInIt() {
    // `{{args.limit}}` is read as a number of its width: the column is the source's.
    let yaml = Self.template(
      metric: "successCondition: result > {{args.limit}} )\n" + Self.prometheus)
    #expect(
      Self.problems(yaml) == ["spec.metrics[0].successCondition: column 25: unexpected token ')'"]
    )
  }

  @Test func everyProblemOfATemplateIsReported() {
    let yaml = """
      apiVersion: argoproj.io/v1alpha1
      kind: AnalysisTemplate
      metadata: {name: Bad_Name}
      spec:
        args:
        - name: a
        - name: a
        - value: x
        metrics:
        - name: rate
          provider: {prometheus: {address: http://p, query: up}}
        - name: rate
          successCondition: result[0] >= 0.95)
          provider: {web: {url: http://w}}
        - provider: {simulated: {}}
        - just a string
      """
    #expect(
      Self.problems(yaml) == [
        "metadata.name: \"Bad_Name\" is not a lowercase RFC 1123 subdomain: it must consist of "
          + "lower case alphanumeric characters, '-' or '.', and start and end with an "
          + "alphanumeric character (e.g. 'web' or 'api.v2'), at most 253 characters",
        "spec.metrics[1].name: \"rate\" is already the name of spec.metrics[0]",
        "spec.metrics[1].successCondition: column 18: unexpected token ')'",
        "spec.metrics[2].name: must be non-empty",
        "spec.metrics[3]: expected a map, got \"just a string\"",
        "spec.args[1].name: \"a\" is already the name of spec.args[0]",
        "spec.args[2].name: must be non-empty",
      ])
  }

  @Test(arguments: [
    ("spec: {}", "spec.metrics: required value is missing"),
    ("spec: {metrics: []}", "spec.metrics: must be non-empty"),
    ("spec: {metrics: {name: m}}", "spec.metrics: expected a list, got a map"),
    ("", "spec.metrics: required value is missing"),
  ])
  func metricsAreRequired(_ spec: String, _ expected: String) {
    let yaml = """
      apiVersion: argoproj.io/v1alpha1
      kind: ClusterAnalysisTemplate
      metadata: {name: t}
      \(spec)
      """
    #expect(Self.problems(yaml) == [expected])
  }
}
