import Dashboard
import DashboardServer
import Engine
import Foundation
import Testing

/// The event hub: every change becomes one numbered event, and a stream that reconnects with
/// its last id gets exactly what it missed.
@Suite struct EventHubTests {
  /// The next `count` events of `stream`.
  static func take(_ count: Int, from stream: AsyncStream<EventHub.Event>) async
    -> [EventHub.Event]
  {
    var events: [EventHub.Event] = []
    for await event in stream where event.kind != .heartbeat {
      events.append(event)
      if events.count == count { break }
    }
    return events
  }

  @Test func changesAreNumberedEventsWithTheSummary() async throws {
    let source = FakeSource([
      DashboardFixtures.canary("a"), DashboardFixtures.canary("b"),
    ])
    let hub = EventHub(source: source)
    let list = try await hub.list()
    #expect(list.rollouts.map(\.name) == ["a", "b"])
    #expect(list.lastEventID == 2)
    let (_, stream) = await hub.subscribe(after: list.lastEventID)
    await source.scale("b", to: 9)
    try await hub.refresh()
    // Nothing changed: no event.
    try await hub.refresh()
    await source.remove("a")
    try await hub.refresh()
    let events = await Self.take(2, from: stream)
    #expect(events.map(\.id) == [3, 4])
    #expect(events.map(\.kind) == [.rollout, .removed])
    #expect(events[0].data.contains("\"name\":\"b\"") && events[0].data.contains("\"replicas\":9"))
    #expect(events[1].data == #"{"name":"a","namespace":"default"}"#)
  }

  @Test func aStreamThatReconnectsGetsWhatItMissedInOrder() async throws {
    let source = FakeSource([DashboardFixtures.canary("a")])
    let hub = EventHub(source: source)
    let first = await hub.subscribe(after: try await hub.list().lastEventID)
    await source.scale("a", to: 2)
    try await hub.refresh()
    let seen = await Self.take(1, from: first.stream)
    await hub.unsubscribe(first.id)
    // While disconnected: three changes.
    for replicas in 3...5 {
      await source.scale("a", to: replicas)
      try await hub.refresh()
    }
    let again = await hub.subscribe(after: seen.last?.id)
    await source.scale("a", to: 6)
    try await hub.refresh()
    let resumed = await Self.take(4, from: again.stream)
    #expect(resumed.map(\.id) == [3, 4, 5, 6])
    #expect(
      resumed.map { $0.data.contains("\"replicas\":") ? $0.data : "" }.enumerated().allSatisfy {
        $0.element.contains("\"replicas\":\($0.offset + 3)")
      })
  }

  @Test func aStreamTooFarBehindIsToldToReset() async throws {
    let source = FakeSource([DashboardFixtures.canary("a")])
    let hub = EventHub(source: source, retained: 2)
    _ = try await hub.list()
    for replicas in 2...6 {
      await source.scale("a", to: replicas)
      try await hub.refresh()
    }
    let behind = await hub.subscribe(after: 1)
    #expect(await Self.take(1, from: behind.stream).map(\.kind) == [.reset])
    // An id the hub never gave (a server restarted since): reset too.
    let future = await hub.subscribe(after: 1_000)
    #expect(await Self.take(1, from: future.stream).map(\.kind) == [.reset])
    // Up to date: nothing but what comes next.
    let current = await hub.subscribe(after: await hub.lastEventID)
    await source.add(DashboardFixtures.canary("z"))
    try await hub.refresh()
    let next = await Self.take(1, from: current.stream)
    #expect(next.map(\.kind) == [.rollout] && next[0].data.contains("\"name\":\"z\""))
  }
}

/// Reads that overlap: the one that finishes last must not publish an older state.
@Suite struct EventHubOrderingTests {
  /// A source whose first read of the rollouts waits until the test lets it go, having seen
  /// the state of that moment.
  actor GatedSource: DashboardSource {
    nonisolated let title = "gated"
    private var replicas = 1
    private var counter: UInt64 = 1
    private var held: CheckedContinuation<Void, Never>?
    private var holdNext = true
    private(set) var reads = 0

    func objects() async throws -> DashboardObjects { try await rollouts() }

    func rollouts() async throws -> DashboardObjects {
      reads += 1
      var deployment = DashboardFixtures.canary("a")
      deployment.spec.replicas = replicas
      deployment.metadata.resourceVersion = Int(counter)
      let seen = DashboardObjects(now: 1, deployments: [deployment])
      if holdNext {
        holdNext = false
        await withCheckedContinuation { held = $0 }
      }
      return seen
    }

    func version() async -> UInt64 { counter }
    func decisions(of key: ObjectKey) async throws -> [DecisionRecord] { [] }
    func perform(_ action: OperatorAction, on key: ObjectKey) async throws -> String { "" }

    func scale(to replicas: Int) {
      self.replicas = replicas
      counter += 1
    }

    func release() {
      held?.resume()
      held = nil
    }

    var isHolding: Bool { held != nil }
  }

  @Test func aLateReadNeverPublishesAnOlderState() async throws {
    let source = GatedSource()
    let hub = EventHub(source: source)
    let (_, stream) = await hub.subscribe(after: 0)
    // Read 1 sees replicas 1 and is held.
    let first = Task { try await hub.refresh() }
    while !(await source.isHolding) { await Task.yield() }
    // The source moves on; read 2 is asked for meanwhile.
    await source.scale(to: 2)
    let second = Task { try await hub.refresh() }
    for _ in 0..<100 { await Task.yield() }
    #expect(await source.reads == 1, "the second read waits for the first")
    await source.release()
    try await first.value
    try await second.value
    let list = try await hub.list()
    #expect(list.rollouts.map(\.replicas) == [2])
    let events = await EventHubTests.take(2, from: stream)
    #expect(events.map { $0.data.contains("\"replicas\":1") } == [true, false])
    #expect(events.last?.data.contains("\"replicas\":2") == true)
  }
}
