import Engine
import Prometheus
import Synchronization

/// The controller's figures in Prometheus' text format (`/metrics`): reconciles and their
/// duration, decisions by strategy and outcome, API requests by verb, resource and code, the
/// work queue's depth, and each Rollout's phase.
public final class ControllerMetrics: ControllerObserver, @unchecked Sendable {
  public let registry = PrometheusCollectorRegistry()
  private let queue: Gauge
  private let duration: DurationHistogram
  private let latency: DurationHistogram
  private let phases = Mutex<[ObjectKey: String]>([:])

  public override init() {
    queue = registry.makeGauge(
      descriptor: Self.name("workqueue_depth", "keys", "Rollouts waiting in the work queue."))
    duration = registry.makeDurationHistogram(
      descriptor: Self.name("reconcile_duration", "seconds", "Time one reconcile took."),
      buckets: Self.buckets)
    latency = registry.makeDurationHistogram(
      descriptor: Self.name(
        "scale_latency", "seconds",
        "From a ReplicaSet change seen on the watch to the next scale written."),
      buckets: Self.buckets)
    super.init()
  }

  static let buckets: [Duration] = [
    .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(20),
    .milliseconds(50), .milliseconds(100), .milliseconds(200), .milliseconds(500), .seconds(1),
    .seconds(5),
  ]

  public override func scaleLatency(_ latency: Duration) { self.latency.record(latency) }

  private static func name(_ metric: String, _ unit: String, _ help: String)
    -> MetricNameDescriptor
  {
    MetricNameDescriptor(
      namespace: "rollout", subsystem: "controller", metricName: metric, unitName: unit,
      helpText: help)
  }

  /// The exposition text.
  public func text() -> [UInt8] { registry.emitToBuffer() }

  /// Counts one API request (the `KubeClient` observer).
  public func request(verb: String, resource: String, code: Int) {
    registry.makeCounter(
      descriptor: Self.name("api_requests", "total", "Requests to the Kubernetes API."),
      labels: [("verb", verb), ("resource", resource), ("code", String(code))]
    ).increment()
  }

  public override func reconciled(outcome: String, since start: ContinuousClock.Instant) {
    duration.record(ContinuousClock.now - start)
    registry.makeCounter(
      descriptor: Self.name("reconciles", "total", "Reconciles of Rollouts, by outcome."),
      labels: [("outcome", outcome)]
    ).increment()
  }

  public override func decided(_ record: DecisionRecord) {
    registry.makeCounter(
      descriptor: Self.name("decisions", "total", "Strategy decisions, by strategy and outcome."),
      labels: [("strategy", record.strategy.name), ("outcome", record.outcome.result.rawValue)]
    ).increment()
  }

  public override func queueDepth(_ depth: Int) { queue.set(to: Double(depth)) }

  /// `rollout_controller_rollout_phase{namespace, rollout, phase}` is 1 for the phase each
  /// Rollout is in and 0 for the one it left.
  public override func phase(of rollout: ObjectKey, _ phase: String) {
    let previous = phases.withLock { phases in
      defer { phases[rollout] = phase }
      return phases[rollout]
    }
    guard previous != phase else { return }
    func gauge(_ phase: String) -> Gauge {
      registry.makeGauge(
        descriptor: Self.name("rollout", "phase", "The phase of each Rollout (1: current)."),
        labels: [("namespace", rollout.namespace), ("rollout", rollout.name), ("phase", phase)])
    }
    if let previous { gauge(previous).set(to: 0) }
    gauge(phase).set(to: 1)
  }
}
