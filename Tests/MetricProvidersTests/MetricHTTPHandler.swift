import Foundation
import NIOCore
import NIOHTTP1

/// The test server's one handler, behind NIO's HTTP/1 pipeline and request aggregator: it
/// answers each whole request from `CannedRoutes`, on the channel's event loop only, so the
/// server never needs Swift concurrency's pool (which other suites may keep busy).
final class MetricHTTPHandler: ChannelInboundHandler {
  typealias InboundIn = NIOHTTPServerRequestFull
  typealias OutboundOut = HTTPServerResponsePart

  private let recorder: Recorder
  /// A delayed answer not yet sent; cancelled if the connection goes first.
  private var pending: Scheduled<Void>?

  init(recorder: Recorder) {
    self.recorder = recorder
  }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    let request = unwrapInboundIn(data)
    let body = request.body.map { String(buffer: $0) } ?? ""
    let answer = CannedRoutes.answer(
      to: Self.recorded(request.head), body: body, recorder: recorder)
    guard let delay = answer.delay else {
      send(answer, to: request.head, context: context)
      return
    }
    let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
    pending = context.eventLoop.scheduleTask(in: delay) {
      let (handler, context) = bound.value
      handler.pending = nil
      handler.send(answer, to: request.head, context: context)
    }
  }

  /// A malformed request or a broken connection: the connection goes, the server stays.
  func errorCaught(context: ChannelHandlerContext, error: any Error) {
    context.close(promise: nil)
  }

  func handlerRemoved(context: ChannelHandlerContext) {
    pending?.cancel()
    pending = nil
  }

  private func send(
    _ answer: CannedAnswer, to head: HTTPRequestHead, context: ChannelHandlerContext
  ) {
    let buffer = ByteBuffer(string: answer.body)
    var headers = HTTPHeaders()
    headers.add(name: "content-type", value: answer.contentType)
    headers.add(name: "content-length", value: String(buffer.readableBytes))
    let keepAlive = head.isKeepAlive
    if !keepAlive { headers.add(name: "connection", value: "close") }
    let responseHead = HTTPResponseHead(
      version: head.version, status: answer.status, headers: headers)
    context.write(wrapOutboundOut(.head(responseHead)), promise: nil)
    context.write(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
    let written = context.writeAndFlush(wrapOutboundOut(.end(nil)))
    if !keepAlive {
      written.whenComplete { [channel = context.channel] _ in channel.close(promise: nil) }
    }
  }

  /// The request as the tests see it: the path and its decoded query parameters apart,
  /// header names lowercased.
  static func recorded(_ head: HTTPRequestHead) -> Recorded {
    let parts = head.uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
    var parameters: [String: String] = [:]
    if parts.count == 2 {
      for pair in parts[1].split(separator: "&") {
        let field = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        let key = String(field[0]).removingPercentEncoding ?? String(field[0])
        let value = field.count == 2 ? String(field[1]) : ""
        parameters[key] = value.removingPercentEncoding ?? value
      }
    }
    var headers: [String: String] = [:]
    for (name, value) in head.headers { headers[name.lowercased()] = value }
    return Recorded(
      method: head.method.rawValue, path: String(parts.first ?? ""), parameters: parameters,
      headers: headers)
  }
}
