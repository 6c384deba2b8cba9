import Engine

/// The simulated cluster's metrics: values from `MetricRule`s, by metric name and the analysed
/// version's images. A metric with the `simulated` provider is always answered here; a
/// `prometheus` or `web` metric is answered here when a rule names it (the simulation stands in
/// for the real server, so a template written for production runs unchanged), else by
/// `fallback`, the real provider.
public struct SimulatedMetricProvider: MetricProvider {
  public var rules: [MetricRule]
  public var fallback: (any MetricProvider)?

  public init(rules: [MetricRule], fallback: (any MetricProvider)? = nil) {
    self.rules = rules
    self.fallback = fallback
  }

  /// The simulated name of `metric`.
  static func name(of metric: AnalysisMetric) -> String {
    metric.provider.simulated?.metric ?? metric.name
  }

  /// Whether this provider answers `metric` itself (no real server is asked).
  public func answers(_ metric: AnalysisMetric) -> Bool {
    metric.provider.simulated != nil || rules.contains { $0.name == Self.name(of: metric) }
  }

  public func measure(_ request: MeasurementRequest) -> Result<JSONValue, MeasurementError> {
    let metric = request.metric
    let name = Self.name(of: metric)
    guard rules.contains(where: { $0.name == name }) else {
      if metric.provider.simulated == nil, let fallback { return fallback.measure(request) }
      return .failure(
        MeasurementError(
          "no simulated value for metric \"\(name)\" (give one with --metric 'GLOB:\(name)=VALUE')")
      )
    }
    let images = request.images
    guard
      let rule = rules.first(where: { rule in
        rule.name == name && images.contains { rule.matches(image: $0) }
      }), let value = rule.value(at: request.now)
    else {
      return .failure(
        MeasurementError(
          "no simulated value for metric \"\(name)\" of \(images.joined(separator: ", "))"))
    }
    switch value {
    case .error:
      return .failure(MeasurementError("simulated error for metric \"\(name)\""))
    case .empty:
      return .failure(MeasurementError("the query returned no series (simulated)"))
    case .number(let number):
      // A Prometheus query answers a vector: conditions written for it (`result[0]`) hold.
      return .success(
        metric.provider.prometheus != nil ? .array([.double(number)]) : .double(number))
    }
  }
}
