import AsyncHTTPClient
import Engine
import NIOCore

/// One event of a watch.
public struct WatchEvent: Sendable {
  public enum Kind: String, Sendable {
    case added = "ADDED"
    case modified = "MODIFIED"
    case deleted = "DELETED"
    case bookmark = "BOOKMARK"
  }

  public var kind: Kind
  public var object: JSONValue

  public var resourceVersion: String? { object["metadata"]?["resourceVersion"]?.stringValue }
}

extension KubeClient {
  /// Watches `resource` from `resourceVersion`, with bookmarks, for at most `timeoutSeconds`
  /// (the server ends the watch then; the stream finishes). An `ERROR` event ends the stream
  /// with its `Status` as a `KubeError` (410 Expired: list again).
  public func watch(
    _ resource: APIResource, namespace: String?, resourceVersion: String,
    labelSelector: String? = nil, timeoutSeconds: Int = 300
  ) async throws -> AsyncThrowingStream<WatchEvent, any Error> {
    var query: [(String, String)] = [
      ("watch", "true"), ("resourceVersion", resourceVersion),
      ("allowWatchBookmarks", "true"), ("timeoutSeconds", String(timeoutSeconds)),
    ]
    if let labelSelector { query.append(("labelSelector", labelSelector)) }
    let call = Call(
      method: .GET, verb: "watch", resource: resource, namespace: namespace, query: query,
      timeout: .seconds(Int64(timeoutSeconds) + 30))
    let (response, _) = try await send(call, collect: false)
    let (stream, continuation) = AsyncThrowingStream<WatchEvent, any Error>.makeStream()
    let task = Task { [self] in
      var lines = LineSplitter()
      do {
        for try await chunk in response.body {
          for line in lines.feed(chunk) {
            guard !line.isEmpty else { continue }
            let event = try decodeEvent(line, call: call)
            continuation.yield(event)
          }
        }
        continuation.finish()
      } catch {
        continuation.finish(throwing: classify(error))
      }
    }
    continuation.onTermination = { _ in task.cancel() }
    return stream
  }

  private func decodeEvent(_ line: [UInt8], call: Call) throws -> WatchEvent {
    let value: JSONValue
    do {
      value = try JSONValue(exactText: String(decoding: line, as: UTF8.self))
    } catch {
      throw KubeError.malformed("a watch event of \(call.resource): \(error)")
    }
    let type = value["type"]?.stringValue ?? ""
    let object = value["object"] ?? .null
    if type == "ERROR" {
      throw KubeError.status(
        APIStatus(
          code: object["code"]?.intValue ?? 500,
          reason: object["reason"]?.stringValue ?? "Error",
          message: object["message"]?.stringValue ?? "the watch failed", verb: "watch",
          resource: call.resource.description, namespace: call.namespace))
    }
    guard let kind = WatchEvent.Kind(rawValue: type) else {
      throw KubeError.malformed("a watch event of \(call.resource) has type \"\(type)\"")
    }
    var typed = object
    if kind != .bookmark {
      typed["kind"] = .string(call.resource.kind)
      typed["apiVersion"] = .string(call.resource.apiVersion)
    }
    return WatchEvent(kind: kind, object: typed)
  }
}

/// Splits a byte stream into newline-terminated lines.
struct LineSplitter {
  private var pending: [UInt8] = []

  mutating func feed(_ buffer: ByteBuffer) -> [[UInt8]] {
    var lines: [[UInt8]] = []
    for byte in buffer.readableBytesView {
      if byte == UInt8(ascii: "\n") {
        lines.append(pending)
        pending.removeAll(keepingCapacity: true)
      } else {
        pending.append(byte)
      }
    }
    return lines
  }
}
