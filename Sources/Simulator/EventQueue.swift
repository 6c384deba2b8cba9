import Engine
import HeapModule

/// One thing the simulated kubelet will do to a pod at a given virtual time.
struct ScheduledEvent: Sendable, Codable, Hashable, Comparable {
  /// What happens.
  enum Action: UInt8, Sendable, Codable, Hashable {
    /// The pod becomes Running and Ready.
    case ready
    /// The pod has been ready for its ReplicaSet's `minReadySeconds`.
    case available
    /// The pod's container crashes; the pod stays not ready.
    case crash
    /// A terminating pod is gone.
    case gone
  }

  /// Virtual time at which it happens.
  var time: Double
  /// Tie-breaker: events at equal times happen in the order they were scheduled.
  var sequence: Int
  var action: Action
  /// The pod's simulator-private serial number.
  var pod: Int

  static func < (lhs: ScheduledEvent, rhs: ScheduledEvent) -> Bool {
    (lhs.time, lhs.sequence) < (rhs.time, rhs.sequence)
  }
}

/// The pending kubelet events, earliest first, ties in scheduling order.
///
/// Events are never removed when they become moot (a pod deleted before it became ready):
/// the cluster checks each against the pod's own schedule when it comes up, and `compact`
/// drops the moot ones when they pile up.
struct EventQueue: Sendable {
  private var heap = Heap<ScheduledEvent>()
  /// The sequence number the next scheduled event gets.
  private(set) var nextSequence: Int

  init(nextSequence: Int = 0) {
    self.nextSequence = nextSequence
  }

  /// Restores a queue from saved events and counter.
  init(events: [ScheduledEvent], nextSequence: Int) {
    self.heap = Heap(events)
    self.nextSequence = nextSequence
  }

  var count: Int { heap.count }
  var isEmpty: Bool { heap.isEmpty }
  /// The earliest event.
  var first: ScheduledEvent? { heap.min }

  /// Schedules `action` on `pod` at `time`.
  mutating func schedule(_ action: ScheduledEvent.Action, pod: Int, at time: Double) {
    heap.insert(ScheduledEvent(time: time, sequence: nextSequence, action: action, pod: pod))
    nextSequence += 1
  }

  mutating func popFirst() -> ScheduledEvent? { heap.popMin() }

  /// All events, in no particular order.
  var unordered: [ScheduledEvent] { heap.unordered }

  /// Keeps only the events for which `isLive` holds.
  mutating func compact(keeping isLive: (ScheduledEvent) -> Bool) {
    heap = Heap(heap.unordered.filter(isLive))
  }
}
