import Engine

/// The metric providers that answer over HTTP, behind one `MetricProvider`: a metric goes to
/// `PrometheusProvider` or `WebProvider` by its `provider`, both on one shared
/// `MetricHTTPClient` (pooled connections, nothing set up per measurement).
///
/// `measure` blocks its thread until the answer or the metric's timeout: call it from a plain
/// thread, never from a NIO event loop or Swift concurrency's pool (see `MetricHTTPClient`).
/// Call `shutdown()` once no more measurements will be taken, before the last reference goes.
public final class HTTPMetricProviders: MetricProvider {
  public let client: MetricHTTPClient
  public let prometheus: PrometheusProvider
  public let web: WebProvider

  public init() {
    client = MetricHTTPClient()
    prometheus = PrometheusProvider(client: client)
    web = WebProvider(client: client)
  }

  public func measure(_ request: MeasurementRequest) -> Result<JSONValue, MeasurementError> {
    switch request.metric.provider.name {
    case "prometheus": return prometheus.measure(request)
    case "web": return web.measure(request)
    case let other?:
      return .failure(
        MeasurementError(
          "metric \(request.metric.name): the \(other) provider is not answered over HTTP"))
    case nil:
      return .failure(MeasurementError("metric \(request.metric.name) names no provider"))
    }
  }

  /// Closes the shared client's connections; measurements after it are errors.
  public func shutdown() async {
    await client.shutdown()
  }
}
