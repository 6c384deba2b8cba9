import Dashboard
import Engine
import Foundation

/// The dashboard's live view of a source: the rollouts' summaries as last read, and the changes
/// since, numbered, for every open event stream.
///
/// One poll of `DashboardSource.version()` serves every open page: when it moves, the objects
/// are read once, the summaries compared with the last ones, and each change becomes an event
/// with the next id. The last `retained` events are kept so a stream that reconnects with its
/// last id (`Last-Event-ID`, or `?after=` for a page that just read the list) gets exactly what
/// it missed; one that fell further behind is told to `reset` (read the list again).
public actor EventHub {
  /// One change, as the stream sends it.
  public struct Event: Sendable, Hashable {
    public enum Kind: String, Sendable {
      /// A rollout appeared or changed: `data` is its summary.
      case rollout
      /// A rollout went away: `data` is `{"namespace", "name"}`.
      case removed
      /// The stream missed events: read the list again.
      case reset
      /// Nothing happened; keeps the connection alive (sent as a comment, without an id).
      case heartbeat
    }

    public var id: UInt64
    public var kind: Kind
    /// The JSON payload.
    public var data: String
  }

  let source: any DashboardSource
  /// How many events are kept for streams that reconnect.
  let retained: Int
  private var version: UInt64?
  private var summaries: [ObjectKey: RolloutSummary] = [:]
  private var ordered: [RolloutSummary] = []
  private var now: Double = 0
  private var events: [Event] = []
  private var lastID: UInt64 = 0
  private var subscribers: [UUID: AsyncStream<Event>.Continuation] = [:]
  private var summaryCache = SummaryCache()
  private var refreshing: Task<Void, any Error>?
  private var encodedList: (version: UInt64?, id: UInt64, data: Data)?

  public init(source: any DashboardSource, retained: Int = 4096) {
    self.source = source
    self.retained = retained
  }

  /// The id of the last event.
  public var lastEventID: UInt64 { lastID }

  /// How many streams are open.
  public var subscriberCount: Int { subscribers.count }

  /// Reads the source again if its version moved, and publishes what changed. Reads run one at a
  /// time (a read that finished late must not publish an older state over a newer one).
  public func refresh() async throws {
    while let running = refreshing { _ = await running.result }
    let read = Task {
      // Cleared by the read itself, on the actor, before anyone waiting on it resumes.
      defer { refreshing = nil }
      try await readAndPublish()
    }
    refreshing = read
    try await read.value
  }

  private func readAndPublish() async throws {
    let current = await source.version()
    guard current != version else { return }
    let objects = try await source.rollouts()
    version = current
    now = objects.now
    let fresh = summaryCache.summaries(of: objects)
    var seen = Set<ObjectKey>()
    var changed: [Event] = []
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    for summary in fresh {
      seen.insert(summary.key)
      if summaries[summary.key]?.comparable != summary.comparable {
        let data = String(decoding: try encoder.encode(summary), as: UTF8.self)
        changed.append(Event(id: 0, kind: .rollout, data: data))
      }
      summaries[summary.key] = summary
    }
    for key in summaries.keys where !seen.contains(key) {
      summaries[key] = nil
      let data = String(
        decoding: try encoder.encode(["namespace": key.namespace, "name": key.name]),
        as: UTF8.self)
      changed.append(Event(id: 0, kind: .removed, data: data))
    }
    ordered = fresh
    for var event in changed {
      lastID += 1
      event.id = lastID
      events.append(event)
      for continuation in subscribers.values { continuation.yield(event) }
    }
    if events.count > retained { events.removeFirst(events.count - retained) }
  }

  /// The rollouts as last read, with cluster time then and the id of the last event (a stream
  /// opened with `after` that id misses nothing).
  public func list() async throws -> (now: Double, rollouts: [RolloutSummary], lastEventID: UInt64)
  {
    try await refresh()
    return (now, ordered, lastID)
  }

  /// `list()` as the API's JSON document (`now`, `rollouts`, `lastEventId`), encoded once per
  /// change however many pages ask for it.
  public func listJSON() async throws -> Data {
    try await refresh()
    if let cached = encodedList, cached.id == lastID, cached.version == version {
      return cached.data
    }
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    let data = try encoder.encode(ListDocument(now: now, rollouts: ordered, lastEventId: lastID))
    encodedList = (version, lastID, data)
    return data
  }

  /// The list as the API sends it.
  struct ListDocument: Encodable {
    var now: Double
    var rollouts: [RolloutSummary]
    /// Open the event stream with `?after=` this to miss nothing since this list.
    var lastEventId: UInt64
  }

  /// A stream of the events after `after` (nil: from now on). When `after` is older than what
  /// is retained (or newer than anything sent, as after a restart), the stream starts with a
  /// `reset`.
  public func subscribe(after: UInt64?) -> (id: UUID, stream: AsyncStream<Event>) {
    let (stream, continuation) = AsyncStream<Event>.makeStream(bufferingPolicy: .unbounded)
    if let after {
      let oldest = events.first?.id ?? lastID + 1
      if after > lastID || (after + 1 < oldest && after < lastID) {
        continuation.yield(Event(id: lastID, kind: .reset, data: "{}"))
      } else {
        for event in events where event.id > after { continuation.yield(event) }
      }
    }
    let id = UUID()
    subscribers[id] = continuation
    return (id, stream)
  }

  /// Sends stream `id` a heartbeat.
  public func heartbeat(_ id: UUID) {
    subscribers[id]?.yield(Event(id: lastID, kind: .heartbeat, data: ""))
  }

  /// Ends the stream `id`.
  public func unsubscribe(_ id: UUID) {
    subscribers.removeValue(forKey: id)?.finish()
  }

  /// Ends every stream (at shutdown).
  public func finishAll() {
    for continuation in subscribers.values { continuation.finish() }
    subscribers.removeAll()
  }

  /// Polls the source every `interval` until cancelled.
  public func run(interval: Duration = .milliseconds(10)) async {
    while !Task.isCancelled {
      try? await refresh()
      try? await Task.sleep(for: interval)
    }
    finishAll()
  }
}
