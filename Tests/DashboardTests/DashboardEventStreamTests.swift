import AsyncHTTPClient
import Foundation
import NIOCore
import Testing

/// `GET /dashboard/api/events` over HTTP: changes arrive as numbered server-sent events, and a
/// stream that reconnects with `Last-Event-ID` (as EventSource does) misses nothing.
@Suite struct DashboardEventStreamTests {
  /// The events of one open stream, parsed as they arrive.
  struct Stream {
    var chunks: HTTPClientResponse.Body.AsyncIterator
    var pending = ""

    /// The next event (id, name, data), skipping comments.
    mutating func next() async throws -> (id: Int, event: String, data: String)? {
      while true {
        if let end = pending.range(of: "\n\n") {
          let block = String(pending[..<end.lowerBound])
          pending.removeSubrange(..<end.upperBound)
          var fields: [String: String] = [:]
          for line in block.split(separator: "\n") where !line.hasPrefix(":") {
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2 else { continue }
            fields[String(parts[0])] = String(parts[1].dropFirst())
          }
          guard let id = fields["id"].flatMap(Int.init), let event = fields["event"] else {
            continue
          }
          return (id, event, fields["data"] ?? "")
        }
        guard let chunk = try await chunks.next() else { return nil }
        pending += String(buffer: chunk)
      }
    }
  }

  static func open(_ dashboard: RunningDashboard, query: String = "", lastEventID: Int? = nil)
    async throws -> (Stream, HTTPClientResponse)
  {
    var request = HTTPClientRequest(url: dashboard.base + "/api/events" + query)
    if let lastEventID { request.headers.add(name: "Last-Event-ID", value: "\(lastEventID)") }
    let response = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
    #expect(response.status.code == 200)
    #expect(response.headers["Content-Type"].first?.hasPrefix("text/event-stream") == true)
    return (Stream(chunks: response.body.makeAsyncIterator()), response)
  }

  /// Waits until the hub has published past `id` (it polls the source every 10 ms).
  static func waitForEvents(after id: Int, _ dashboard: RunningDashboard) async throws {
    for _ in 0..<500 {
      if Int(await dashboard.responder.hub.lastEventID) > id { return }
      try await Task.sleep(for: .milliseconds(10))
    }
    Issue.record("no event after \(id)")
  }

  @Test func changesStreamAndAReconnectResumesWithoutLosingAny() async throws {
    let source = FakeSource([DashboardFixtures.canary("a"), DashboardFixtures.canary("b")])
    let dashboard = try await RunningDashboard.start(source)
    defer { Task { await dashboard.stop() } }
    let listed = try await dashboard.get("/api/rollouts").json["lastEventId"] as? Int ?? -1
    #expect(listed == 2)

    var (stream, _) = try await Self.open(dashboard, query: "?after=\(listed)")
    await source.scale("a", to: 7)
    let first = try await stream.next()
    #expect(first?.id == 3)
    #expect(first?.event == "rollout")
    #expect(first?.data.contains("\"replicas\":7") == true)

    // The page goes away; two changes happen meanwhile.
    await source.scale("b", to: 8)
    try await Self.waitForEvents(after: 3, dashboard)
    await source.remove("a")
    try await Self.waitForEvents(after: 4, dashboard)

    // EventSource reconnects with the last id it saw, and gets exactly what it missed.
    var (again, _) = try await Self.open(dashboard, lastEventID: first?.id ?? 0)
    let missed = [try await again.next(), try await again.next()]
    #expect(missed.map { $0?.id } == [4, 5])
    #expect(missed.map { $0?.event } == ["rollout", "removed"])
    #expect(missed[0]?.data.contains("\"replicas\":8") == true)
    #expect(missed[1]?.data == #"{"name":"a","namespace":"default"}"#)
    await source.scale("b", to: 9)
    #expect(try await again.next()?.id == 6)
  }

  @Test func aStreamFromBeforeARestartIsToldToReadTheListAgain() async throws {
    let source = FakeSource([DashboardFixtures.canary("a")])
    let dashboard = try await RunningDashboard.start(source)
    defer { Task { await dashboard.stop() } }
    var (stream, _) = try await Self.open(dashboard, lastEventID: 500)
    let reset = try await stream.next()
    #expect(reset?.event == "reset")
  }
}
