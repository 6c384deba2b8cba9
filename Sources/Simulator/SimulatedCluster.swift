import Collections
import Engine

/// A deterministic, discrete-event simulation of a Kubernetes cluster: object storage for
/// Deployments, ReplicaSets and pods, the cluster's own ReplicaSet controller and kubelets,
/// and a virtual clock that starts at 0 and moves only in `waitForChange`/`advance(by:)`.
///
/// - Writes take effect at once; their consequences (pods created or deleted by the
///   ReplicaSet controller) happen at the same virtual instant and are reported by the next
///   `waitForChange` before the clock moves.
/// - A pod is Ready `readyAfter` (+ jitter) seconds after creation, available
///   `minReadySeconds` later, and is gone `terminateAfter` seconds after deletion; image rules
///   inject faults (`SimulationSettings`).
/// - Deleting a ReplicaSet deletes its pods; deleting a Deployment deletes the ReplicaSets it
///   controls (garbage collection).
/// - Same settings, seed and calls give the same results, and `snapshot()` /
///   `init(snapshot:settings:)` continue with exactly the same future.
///
/// Not thread-safe: use it from one isolation domain.
public final class SimulatedCluster: ClusterBackend {
  /// Timing and faults; changes apply to pods created (or deleted) afterwards.
  public var settings: SimulationSettings
  /// The virtual clock, in seconds.
  public internal(set) var now: Double = 0

  var generator: SeededGenerator
  /// The last resourceVersion handed out (cluster wide).
  var lastResourceVersion = 0
  var lastUID = 0
  var lastPodSerial = 0
  var lastReplicaSetSerial = 0

  var deployments: [ObjectKey: Deployment] = [:]
  var services: [ObjectKey: Service] = [:]
  var replicaSetSerials: [ObjectKey: Int] = [:]
  var replicaSets: [Int: ReplicaSetState] = [:]
  /// ReplicaSet serials by the Deployment an ownerReference names (`+Owners.swift`).
  var replicaSetsByDeployment: [ObjectKey: Set<Int>] = [:]
  var podSerials: [ObjectKey: Int] = [:]
  var pods: [Int: PodRecord] = [:]

  var queue = EventQueue()
  /// ReplicaSets the controller must look at, at the current instant, in the order they
  /// were touched.
  var dirtyReplicaSets: OrderedSet<Int> = []
  /// ReplicaSets whose `status` must be rewritten from their counters.
  var staleStatuses: OrderedSet<Int> = []
  /// What changed at the current instant, not yet returned by `waitForChange`.
  var changes = ChangeLog()
  /// Whether writes are recorded for `drainTouched()` (off by default: nothing reads them).
  public var recordsTouches = false
  var touched: [Touch] = []

  /// An object the cluster wrote or removed.
  public struct Touch: Sendable, Hashable {
    public var kind: String
    public var key: ObjectKey
  }

  /// An empty cluster at time 0.
  public init(settings: SimulationSettings = SimulationSettings()) {
    self.settings = settings
    self.generator = SeededGenerator(seed: settings.seed)
  }

  /// Waits (in virtual time) for the cluster to change by itself, or until `deadline`.
  ///
  /// First the consequences of writes and anything else due at the current instant; else the
  /// earliest pending events sharing one time no later than `deadline`, moving the clock to
  /// them. Pod changes of one instant are coalesced per ReplicaSet and kind.
  public func waitForChange(until deadline: Double?) -> ClusterWait {
    settle()
    if !changes.isEmpty { return .changed(changes.drain(time: now)) }
    while true {
      dropMootEvents()
      guard let next = queue.first else {
        guard let deadline else { return .idle }
        now = max(now, deadline)
        return .deadline
      }
      if let deadline, next.time > deadline {
        now = max(now, deadline)
        return .deadline
      }
      now = max(now, next.time)
      settle()
      if !changes.isEmpty { return .changed(changes.drain(time: now)) }
    }
  }

  /// Runs the cluster for `seconds` of virtual time, applying every change on the way; the
  /// clock ends at `now + seconds`.
  public func advance(by seconds: Double) {
    let target = now + max(0, seconds)
    while case .changed = waitForChange(until: target) {}
    now = max(now, target)
  }

  /// Pending work: kubelet events still to happen plus ReplicaSets awaiting the controller.
  /// O(number of queued events).
  public var pendingEventCount: Int {
    queue.unordered.count(where: isLive) + dirtyReplicaSets.count
  }

  /// Applies everything due at the current instant: the ReplicaSet controller's work, then
  /// kubelet events, until nothing is left for now.
  func settle() {
    repeat {
      while !dirtyReplicaSets.isEmpty {
        reconcile(replicaSet: dirtyReplicaSets.removeFirst())
      }
      while let next = queue.first, next.time <= now {
        _ = queue.popFirst()
        apply(next)
      }
    } while !dirtyReplicaSets.isEmpty
    flushStatuses()
  }

  /// Pops events that no longer apply, so the head of the queue is a real one.
  func dropMootEvents() {
    while let next = queue.first, !isLive(next) { _ = queue.popFirst() }
    if queue.count > 2 * pods.count + 1024 { queue.compact(keeping: isLive) }
  }

  // MARK: Counters

  func nextResourceVersion(touching kind: String, _ key: ObjectKey) -> Int {
    touch(kind, key)
    lastResourceVersion += 1
    return lastResourceVersion
  }

  /// A resourceVersion for an object stored beside the cluster (a ConfigMap or an Event kept by
  /// an API server over it), so one counter orders every write, as in Kubernetes.
  public func allocateResourceVersion() -> Int {
    lastResourceVersion += 1
    return lastResourceVersion
  }

  /// The last resourceVersion handed out.
  public var currentResourceVersion: Int { lastResourceVersion }

  /// Notes that the object `kind`/`key` was written or removed, when `recordsTouches` is on.
  func touch(_ kind: String, _ key: ObjectKey) {
    if recordsTouches { touched.append(Touch(kind: kind, key: key)) }
  }

  /// The objects written or removed since the last call, in order (an object may appear more
  /// than once); empty unless `recordsTouches` is on. What an API server's watch serves from.
  public func drainTouched() -> [Touch] {
    defer { touched.removeAll(keepingCapacity: true) }
    return touched
  }

  func nextUID(_ prefix: String) -> String {
    lastUID += 1
    return "\(prefix)-\(lastUID)"
  }

  /// Rewrites the `status` of every ReplicaSet whose counters changed, bumping its
  /// resourceVersion when the status is different.
  func flushStatuses() {
    while !staleStatuses.isEmpty {
      let serial = staleStatuses.removeFirst()
      guard let state = replicaSets[serial] else { continue }
      let status = state.computedStatus
      if state.object.status != status {
        state.object.status = status
        state.object.metadata.resourceVersion = nextResourceVersion(
          touching: ReplicaSet.kind, state.key)
      }
    }
  }
}
