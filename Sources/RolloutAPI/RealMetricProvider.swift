import Engine
import Foundation
import MetricProviders

/// The real metric servers (Prometheus, web endpoints) behind one provider, whose HTTP client
/// is made at the first measurement: a rollout without analysis starts no network machinery.
/// One per process; its client lives until the process ends.
public final class RealMetricProvider: MetricProvider, @unchecked Sendable {
  /// The process's provider.
  public static let shared = RealMetricProvider()

  private let lock = NSLock()
  private var providers: HTTPMetricProviders?

  private init() {}

  public func measure(_ request: MeasurementRequest) -> Result<JSONValue, MeasurementError> {
    lock.lock()
    let made = providers ?? HTTPMetricProviders()
    providers = made
    lock.unlock()
    return made.measure(request)
  }
}
