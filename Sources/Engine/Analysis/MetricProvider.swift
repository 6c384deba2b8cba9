/// The boundary between the engine and whatever answers a metric's query: Prometheus or a web
/// endpoint over HTTP, or the simulated cluster's own values.
///
/// A provider is called when a measurement is due and blocks until it has the answer (or its
/// timeout passes). It never throws: a failed query is an `Error` measurement, which the run
/// counts against `consecutiveErrorLimit`, never a silent success.
public protocol MetricProvider: Sendable {
  func measure(_ request: MeasurementRequest) -> Result<JSONValue, MeasurementError>
}

/// One measurement to take: the metric with its arguments already substituted.
public struct MeasurementRequest: Sendable, Hashable {
  public var metric: AnalysisMetric
  /// The AnalysisRun's name.
  public var run: String
  public var namespace: String
  /// The images of the ReplicaSet the run analyses (the simulated provider answers by image).
  public var images: [String]
  /// Cluster time of the measurement.
  public var now: Double

  public init(
    metric: AnalysisMetric, run: String, namespace: String = "default", images: [String] = [],
    now: Double = 0
  ) {
    self.metric = metric
    self.run = run
    self.namespace = namespace
    self.images = images
    self.now = now
  }
}

/// Why a provider has no value: unreachable, timed out, a malformed answer, an empty result.
public struct MeasurementError: Error, Sendable, Hashable, CustomStringConvertible {
  public var message: String

  public init(_ message: String) { self.message = message }

  public var description: String { message }
}

/// The provider of a controller no one gave one: every measurement is an error saying so.
public struct UnconfiguredMetricProvider: MetricProvider {
  public init() {}

  public func measure(_ request: MeasurementRequest) -> Result<JSONValue, MeasurementError> {
    .failure(
      MeasurementError(
        "no \(request.metric.provider.name ?? "metric") provider is available here"))
  }
}
