import Engine
import HeapModule

/// A pod as the simulator keeps it: the object it reports, plus the kubelet's private
/// schedule, from which every pending event for the pod can be checked (and rebuilt).
struct PodRecord: Sendable, Codable, Hashable {
  /// The object `get`/`list` return.
  var pod: Pod
  /// Creation order, unique for the life of the cluster; orders "newest first".
  var serial: Int
  /// The serial of the owning ReplicaSet, if any.
  var owner: Int?
  /// When the pod becomes (or became) ready; nil when it never will.
  var readyAt: Double?
  /// Seconds of readiness after which it crashes; nil when it does not.
  var crashAfter: Double?
  /// When the pod becomes available (`readySince + minReadySeconds`), once ready.
  var availableAt: Double?
  /// When a terminating pod is gone.
  var goneAt: Double?
  /// Ready for the owner's `minReadySeconds`.
  var available = false
  /// Crashed: stays not ready (CrashLoopBackOff).
  var crashed = false

  var isTerminating: Bool { pod.metadata.deletionTimestamp != nil }
  var isReady: Bool { pod.status.ready }
  /// When a ready pod crashes.
  var crashAt: Double? {
    guard let crashAfter, let since = pod.status.readySince else { return nil }
    return since + crashAfter
  }
}

/// The cluster-side state of one ReplicaSet: the object, counters of its pods and indexes to
/// pick pods to delete, so no event needs a scan of all pods.
///
/// A class, so that updating counters and heaps never copies them.
final class ReplicaSetState {
  var object: ReplicaSet
  /// Unique for the life of the cluster (a re-created name gets a new one).
  let serial: Int
  /// Pods that are not terminating.
  var live = 0
  var ready = 0
  var available = 0
  var terminating = 0
  /// Serials of live, not-ready pods (lazily pruned: entries are checked when popped).
  var notReadyPods = Heap<Int>()
  /// Serials of live, ready pods (lazily pruned).
  var readyPods = Heap<Int>()

  init(object: ReplicaSet, serial: Int) {
    self.object = object
    self.serial = serial
  }

  var key: ObjectKey { object.key }

  /// The status the counters say the object has.
  var computedStatus: ReplicaSetStatus {
    var status = ReplicaSetStatus(
      replicas: live, readyReplicas: ready, availableReplicas: available,
      terminatingReplicas: terminating)
    status.observedGeneration = object.status?.observedGeneration
    return status
  }
}

/// What happened to a pod, as reported by `waitForChange`.
enum PodChange: UInt8, Sendable, Hashable {
  case created
  case deleted
  case terminating
  case gone
  case ready
  case available
  case crashed

  /// The phrase after "pod NAME" / "N pods of RS".
  func phrase(plural: Bool) -> String {
    switch self {
    case .created: return plural ? "were created" : "was created"
    case .deleted: return plural ? "were deleted" : "was deleted"
    case .terminating: return "started terminating"
    case .gone: return "terminated"
    case .ready: return "became ready"
    case .available: return "became available"
    case .crashed: return "crashed (CrashLoopBackOff)"
    }
  }
}

/// The changes of one instant, coalesced per ReplicaSet and kind of change, in the order each
/// group first happened.
struct ChangeLog {
  private struct Group: Hashable {
    var owner: Int?
    var pod: Int?
    var change: PodChange
  }

  private struct Entry {
    var change: PodChange
    var firstPod: ObjectKey
    var owner: ObjectKey?
    var count: Int
  }

  private var entries: [Entry] = []
  private var index: [Group: Int] = [:]

  var isEmpty: Bool { entries.isEmpty }

  /// Records `change` of the pod `key`; pods of the same owner are coalesced.
  mutating func record(
    _ change: PodChange, pod serial: Int, key: ObjectKey, owner: ReplicaSetState?
  ) {
    let group = Group(
      owner: owner?.serial, pod: owner == nil ? serial : nil, change: change)
    if let position = index[group] {
      entries[position].count += 1
    } else {
      index[group] = entries.count
      entries.append(Entry(change: change, firstPod: key, owner: owner?.key, count: 1))
    }
  }

  /// The change events at `time`, emptying the log.
  mutating func drain(time: Double) -> [ChangeEvent] {
    defer {
      entries = []
      index = [:]
    }
    return entries.map { entry in
      if entry.count == 1 || entry.owner == nil {
        return ChangeEvent(
          time: time, kind: Pod.kind, key: entry.firstPod,
          reason: "pod \(entry.firstPod.name) \(entry.change.phrase(plural: false))")
      }
      let owner = entry.owner ?? entry.firstPod
      return ChangeEvent(
        time: time, kind: ReplicaSet.kind, key: owner,
        reason: "\(entry.count) pods of \(owner.name) \(entry.change.phrase(plural: true))")
    }
  }
}
