import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// `GET /dashboard/api/events`: server-sent events. Each event carries its id, so a browser that
/// reconnects (EventSource does by itself, sending `Last-Event-ID`) gets what it missed; a page
/// that just read the list opens the stream with `?after=` the list's `lastEventId`.
extension DashboardResponder {
  static let lastEventID = HTTPField.Name("Last-Event-ID")!

  func events(_ request: Request) async -> Response {
    let after =
      request.headers[Self.lastEventID].flatMap { UInt64($0) }
      ?? request.uri.queryParameters["after"].flatMap { UInt64(String($0)) }
    try? await hub.refresh()
    let (id, stream) = await hub.subscribe(after: after)
    let hub = self.hub
    return Response(
      status: .ok,
      headers: [
        .contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-store",
        HTTPField.Name("X-Accel-Buffering")!: "no",
      ],
      body: ResponseBody { writer in
        // Tells EventSource how soon to reconnect, and flushes the headers at once.
        try await writer.write(ByteBuffer(string: "retry: 500\n: connected\n\n"))
        await withTaskGroup(of: Void.self) { group in
          group.addTask {
            // A comment every 15 s keeps proxies and idle timers from closing the stream.
            while !Task.isCancelled {
              try? await Task.sleep(for: .seconds(15))
              await hub.heartbeat(id)
            }
          }
          for await event in stream {
            let text = Self.format(event)
            do {
              try await writer.write(ByteBuffer(string: text))
            } catch {
              break
            }
          }
          group.cancelAll()
        }
        await hub.unsubscribe(id)
        try? await writer.finish(nil)
      })
  }

  /// One event in the `text/event-stream` format: id, event name, data (one line of JSON).
  static func format(_ event: EventHub.Event) -> String {
    if event.kind == .heartbeat { return ": keep-alive\n\n" }
    return "id: \(event.id)\nevent: \(event.kind.rawValue)\ndata: \(event.data)\n\n"
  }
}
