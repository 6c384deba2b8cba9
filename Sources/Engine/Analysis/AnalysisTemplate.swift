/// Argo Rollouts' `AnalysisTemplate` and `ClusterAnalysisTemplate` (argoproj.io/v1alpha1):
/// the metrics a rollout is judged on, each with a provider to ask and the conditions its
/// answers are held to. Read unmodified from manifests; fields rollout does not support yet
/// are warnings (see `Manifests`).
public struct AnalysisTemplate: Sendable, Hashable, Codable {
  public var apiVersion: String
  /// `AnalysisTemplate` or `ClusterAnalysisTemplate`.
  public var kind: String
  public var metadata: ObjectMeta
  public var spec: AnalysisTemplateSpec

  public init(
    kind: String = "AnalysisTemplate", metadata: ObjectMeta, spec: AnalysisTemplateSpec
  ) {
    self.apiVersion = "argoproj.io/v1alpha1"
    self.kind = kind
    self.metadata = metadata
    self.spec = spec
  }

  /// Whether the template is cluster-scoped (`clusterScope: true` in a reference).
  public var isClusterScoped: Bool { kind == "ClusterAnalysisTemplate" }
}

public struct AnalysisTemplateSpec: Sendable, Hashable, Codable {
  public var args: [AnalysisArgument]?
  public var metrics: [AnalysisMetric]

  public init(args: [AnalysisArgument]? = nil, metrics: [AnalysisMetric]) {
    self.args = args
    self.metrics = metrics
  }
}

/// A named input of a template, substituted into its metrics as `{{args.NAME}}`.
public struct AnalysisArgument: Sendable, Hashable, Codable {
  public var name: String
  public var value: String?
  public var valueFrom: ArgumentValueFrom?

  public init(name: String, value: String? = nil, valueFrom: ArgumentValueFrom? = nil) {
    self.name = name
    self.value = value
    self.valueFrom = valueFrom
  }
}

/// Where an argument's value comes from when the rollout supplies it.
public struct ArgumentValueFrom: Sendable, Hashable, Codable {
  /// `Stable` or `Latest`: the `pod-template-hash` of that ReplicaSet.
  public var podTemplateHashValue: String?
  /// A field of the rollout (`metadata.name`, `metadata.labels['app']`, …).
  public var fieldRef: FieldReference?

  public init(podTemplateHashValue: String? = nil, fieldRef: FieldReference? = nil) {
    self.podTemplateHashValue = podTemplateHashValue
    self.fieldRef = fieldRef
  }
}

public struct FieldReference: Sendable, Hashable, Codable {
  public var fieldPath: String

  public init(fieldPath: String) { self.fieldPath = fieldPath }
}

/// One metric: how often to measure it, when a measurement passes or fails, and how many
/// failures, inconclusive answers and errors in a row the run tolerates.
public struct AnalysisMetric: Sendable, Hashable, Codable {
  public var name: String
  /// Between measurements (`30s`, `5m`); without one, the metric is measured once.
  public var interval: String?
  /// Before the first measurement.
  public var initialDelay: String?
  /// Measurements to take; with an interval and no count, the metric runs until the run ends.
  public var count: IntOrString?
  public var successCondition: String?
  public var failureCondition: String?
  /// Failed measurements tolerated (default 0; -1: any number).
  public var failureLimit: IntOrString?
  /// Inconclusive measurements tolerated (default 0; -1: any number).
  public var inconclusiveLimit: IntOrString?
  /// Errors in a row tolerated (default 4).
  public var consecutiveErrorLimit: IntOrString?
  public var provider: MetricProviderSpec

  public init(
    name: String, interval: String? = nil, initialDelay: String? = nil,
    count: IntOrString? = nil, successCondition: String? = nil,
    failureCondition: String? = nil, failureLimit: IntOrString? = nil,
    inconclusiveLimit: IntOrString? = nil, consecutiveErrorLimit: IntOrString? = nil,
    provider: MetricProviderSpec
  ) {
    self.name = name
    self.interval = interval
    self.initialDelay = initialDelay
    self.count = count
    self.successCondition = successCondition
    self.failureCondition = failureCondition
    self.failureLimit = failureLimit
    self.inconclusiveLimit = inconclusiveLimit
    self.consecutiveErrorLimit = consecutiveErrorLimit
    self.provider = provider
  }
}

/// Where a metric's value comes from: exactly one provider.
public struct MetricProviderSpec: Sendable, Hashable, Codable {
  public var prometheus: PrometheusMetric?
  public var web: WebMetric?
  /// The simulated cluster's own metrics (`--metric`, scenario files).
  public var simulated: SimulatedMetric?

  public init(
    prometheus: PrometheusMetric? = nil, web: WebMetric? = nil, simulated: SimulatedMetric? = nil
  ) {
    self.prometheus = prometheus
    self.web = web
    self.simulated = simulated
  }

  /// The provider's name (`prometheus`, `web`, `simulated`), or nil when none is set.
  public var name: String? {
    if prometheus != nil { return "prometheus" }
    if web != nil { return "web" }
    if simulated != nil { return "simulated" }
    return nil
  }
}

/// An instant query through Prometheus' HTTP API (`GET {address}/api/v1/query`).
public struct PrometheusMetric: Sendable, Hashable, Codable {
  public var address: String
  public var query: String
  /// Seconds; the query's own `timeout` parameter and the request's deadline.
  public var timeout: Int?
  public var headers: [WebHeader]?

  public init(address: String, query: String, timeout: Int? = nil, headers: [WebHeader]? = nil) {
    self.address = address
    self.query = query
    self.timeout = timeout
    self.headers = headers
  }
}

/// An HTTP request whose JSON answer (or the part `jsonPath` selects) is the result.
public struct WebMetric: Sendable, Hashable, Codable {
  public var url: String
  /// `GET` (default), `POST` or `PUT`.
  public var method: String?
  public var headers: [WebHeader]?
  public var body: String?
  public var jsonBody: JSONValue?
  /// kubectl-style JSONPath (`{$.data.ok}`); the whole document without one.
  public var jsonPath: String?
  /// Default 10.
  public var timeoutSeconds: Int?
  /// Skip TLS verification.
  public var insecure: Bool?

  public init(
    url: String, method: String? = nil, headers: [WebHeader]? = nil, body: String? = nil,
    jsonBody: JSONValue? = nil, jsonPath: String? = nil, timeoutSeconds: Int? = nil,
    insecure: Bool? = nil
  ) {
    self.url = url
    self.method = method
    self.headers = headers
    self.body = body
    self.jsonBody = jsonBody
    self.jsonPath = jsonPath
    self.timeoutSeconds = timeoutSeconds
    self.insecure = insecure
  }
}

public struct WebHeader: Sendable, Hashable, Codable {
  public var key: String
  public var value: String

  public init(key: String, value: String) {
    self.key = key
    self.value = value
  }
}

/// A value of the simulated cluster: `--metric IMAGE:NAME=VALUE` rules and scenario series.
public struct SimulatedMetric: Sendable, Hashable, Codable {
  /// The simulated metric's name; the template metric's own name when absent.
  public var metric: String?

  public init(metric: String? = nil) { self.metric = metric }
}
