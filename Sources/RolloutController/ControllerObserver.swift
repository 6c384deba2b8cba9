import Engine
import Foundation
import Synchronization

/// What the controller tells the outside: readiness, and figures for metrics. The default
/// records readiness only; `ControllerMetrics` counts.
open class ControllerObserver: @unchecked Sendable {
  private let readiness = Mutex(false)
  private let standby = Mutex(false)

  public init() {}

  /// The caches have synced and the worker runs, or this replica is a standby waiting for the
  /// Lease (healthy, and ready to take over).
  public var isReady: Bool { readiness.withLock { $0 } || standby.withLock { $0 } }

  /// Whether this replica waits for the Lease (`--leader-elect`).
  public func standingBy(_ waiting: Bool) { standby.withLock { $0 = waiting } }

  func ready() { readiness.withLock { $0 = true } }

  open func reconciled(outcome: String, since start: ContinuousClock.Instant) {}
  open func decided(_ record: DecisionRecord) {}
  open func queueDepth(_ depth: Int) {}
  open func phase(of rollout: ObjectKey, _ phase: String) {}
  /// A ReplicaSet change seen on the watch led to a scale written `latency` later.
  open func scaleLatency(_ latency: Duration) {}
}
