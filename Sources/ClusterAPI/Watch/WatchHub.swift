import DequeModule
import Engine

/// The recent changes and the open watches: every change is appended once, in resourceVersion
/// order, and sent to each watch whose resource, namespace and selectors it matches.
///
/// A watch that cannot keep up (its buffer of unsent events is full) is ended, as the API server
/// ends a slow watcher: the client relists and watches again, and the others are not held back.
final class WatchHub {
  /// One open watch.
  final class Watcher {
    let id: Int
    let type: ResourceType
    let namespace: String?
    let matches: (JSONValue) -> Bool
    /// The bytes one event is sent as (a JSON line, or a one-row Table line).
    let render: (WatchEvent) -> [UInt8]
    let continuation: AsyncStream<[UInt8]>.Continuation
    let bookmarks: Bool
    /// Wants every change of its resource (and namespace) as plain JSON lines: such watches
    /// share one chunk per batch.
    let plain: Bool

    init(
      id: Int, type: ResourceType, namespace: String?, bookmarks: Bool, plain: Bool,
      matches: @escaping (JSONValue) -> Bool, render: @escaping (WatchEvent) -> [UInt8],
      continuation: AsyncStream<[UInt8]>.Continuation
    ) {
      self.id = id
      self.plain = plain
      self.type = type
      self.namespace = namespace
      self.bookmarks = bookmarks
      self.matches = matches
      self.render = render
      self.continuation = continuation
    }

    func wants(_ event: WatchEvent) -> Bool {
      event.type.qualifiedName == type.qualifiedName
        && (namespace == nil || namespace == event.key.namespace) && matches(event.object)
    }
  }

  /// How many unsent events a watch may have before it is ended.
  static let watcherBuffer = 20_000

  /// The changes kept for watches that start from a resourceVersion.
  private(set) var log: Deque<WatchEvent> = []
  let capacity: Int
  /// Watches from a resourceVersion below this are told it expired (410).
  private(set) var oldestResourceVersion: Int
  private(set) var watchers: [Int: Watcher] = [:]
  private var lastID = 0
  /// When each change was published, by resourceVersion: on only for the benchmark's latency
  /// figure (`ServedCluster.probeLatency()`).
  var publishTimes: [Int: ContinuousClock.Instant]?

  init(capacity: Int = 100_000, startingAt resourceVersion: Int) {
    self.capacity = capacity
    self.oldestResourceVersion = resourceVersion
  }

  var watcherCount: Int { watchers.count }

  /// Records a change and sends it to the watches that want it.
  func publish(_ event: WatchEvent) {
    publish([event])
  }

  /// Records changes (in resourceVersion order) and sends each watch the ones it wants in one
  /// chunk: one wake-up per watch per batch, not per event, so a burst of pod changes reaches
  /// 200 watches without 200 times as many task switches.
  func publish(_ events: [WatchEvent]) {
    guard !events.isEmpty else { return }
    let now = ContinuousClock.now
    for event in events {
      publishTimes?[event.resourceVersion] = now
      log.append(event)
      if log.count > capacity, let dropped = log.popFirst() {
        oldestResourceVersion = dropped.resourceVersion
      }
    }
    var shared: [String: [UInt8]] = [:]
    for watcher in watchers.values {
      let chunk: [UInt8]
      if watcher.plain {
        let group = "\(watcher.type.qualifiedName)/\(watcher.namespace ?? "*")"
        if let made = shared[group] {
          chunk = made
        } else {
          var made: [UInt8] = []
          for event in events where watcher.wants(event) { made += event.line }
          shared[group] = made
          chunk = made
        }
      } else {
        var made: [UInt8] = []
        for event in events where watcher.wants(event) { made += watcher.render(event) }
        chunk = made
      }
      if !chunk.isEmpty { send(chunk, to: watcher) }
    }
  }

  /// The logged changes after `resourceVersion`, or nil when the log no longer reaches back that
  /// far.
  func changes(after resourceVersion: Int) -> [WatchEvent]? {
    guard resourceVersion >= oldestResourceVersion else { return nil }
    var result: [WatchEvent] = []
    for event in log.reversed() {
      if event.resourceVersion <= resourceVersion { break }
      result.append(event)
    }
    return result.reversed()
  }

  /// Opens a watch; `initial` is sent first (in order), then every matching change.
  func open(
    type: ResourceType, namespace: String?, bookmarks: Bool, plain: Bool = false,
    initial: [[UInt8]], matches: @escaping (JSONValue) -> Bool,
    render: @escaping (WatchEvent) -> [UInt8]
  ) -> (id: Int, stream: AsyncStream<[UInt8]>) {
    lastID += 1
    let (stream, continuation) = AsyncStream<[UInt8]>.makeStream(
      bufferingPolicy: .bufferingOldest(Self.watcherBuffer))
    let watcher = Watcher(
      id: lastID, type: type, namespace: namespace, bookmarks: bookmarks, plain: plain,
      matches: matches,
      render: render, continuation: continuation)
    watchers[lastID] = watcher
    let id = lastID
    for chunk in initial { send(chunk, to: watcher) }
    return (id, stream)
  }

  /// Ends the watch `id` (its timeout passed, or its client went away).
  func close(_ id: Int) {
    watchers.removeValue(forKey: id)?.continuation.finish()
  }

  /// Ends every watch (the server is stopping).
  func closeAll() {
    for id in Array(watchers.keys) { close(id) }
  }

  /// Sends a BOOKMARK at `resourceVersion` to every watch that asked for bookmarks.
  func bookmark(resourceVersion: Int, object: (ResourceType) -> JSONValue) {
    for watcher in watchers.values where watcher.bookmarks {
      send(WatchEvent.line(.bookmark, object(watcher.type)), to: watcher)
    }
  }

  private func send(_ chunk: [UInt8], to watcher: Watcher) {
    if case .dropped = watcher.continuation.yield(chunk) {
      close(watcher.id)
    }
  }
}
