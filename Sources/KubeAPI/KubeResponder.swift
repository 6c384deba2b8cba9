import ClusterAPI
import DashboardServer
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The HTTP face of a served cluster: checks the bearer token, reads the body (up to a limit),
/// hands the request to `ServedCluster` and writes its answer, streaming watches chunk by chunk.
struct KubeResponder: HTTPResponder {
  typealias Context = BasicRequestContext

  let cluster: ServedCluster
  let token: String
  /// The largest request body taken (the API server's limit is 3 MiB).
  let maxBody: Int
  /// The dashboard, answering under `/dashboard/` with its own token rules.
  var dashboard: DashboardResponder?

  /// Paths answered without a token, as the API server's public-info-viewer role allows.
  static let publicPaths: Set<String> = ["/version", "/healthz", "/readyz", "/livez"]

  func respond(to request: Request, context: Context) async throws -> Response {
    let path = request.uri.path
    if let dashboard, let response = await dashboard.respond(to: request) { return response }
    guard Self.publicPaths.contains(path) || authorized(request) else {
      return Self.status(
        APIError(code: 401, reason: "Unauthorized", message: "Unauthorized"))
    }
    var request = request
    let body: ByteBuffer
    do {
      body = try await request.collectBody(upTo: maxBody)
    } catch {
      return Self.status(
        APIError(
          code: 413, reason: "RequestEntityTooLarge",
          message: "the request body is larger than the limit of \(maxBody) bytes"))
    }
    var query: [String: String] = [:]
    for (name, value) in request.uri.queryParameters {
      query[String(name)] = String(value)
    }
    let apiRequest = APIRequest(
      method: request.method.rawValue, path: path, query: query,
      accept: request.headers[.accept],
      contentType: request.headers[.contentType]?
        .split(separator: ";").first.map { String($0).trimmingCharacters(in: .whitespaces) },
      body: Array(buffer: body), userAgent: request.headers[.userAgent])
    switch await cluster.handle(apiRequest) {
    case .body(let status, let contentType, let bytes, let extra):
      var headers: HTTPFields = [.contentType: contentType, .cacheControl: "no-cache, private"]
      for (name, value) in extra {
        guard let field = HTTPField.Name(name) else { continue }
        headers[field] = value
      }
      return Response(
        status: HTTPResponse.Status(code: status), headers: headers,
        body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    case .watch(let contentType, let stream, let onEnd):
      return Response(
        status: .ok, headers: [.contentType: contentType, .cacheControl: "no-cache, private"],
        body: ResponseBody { writer in
          defer { onEnd() }
          for await chunk in stream {
            try await writer.write(ByteBuffer(bytes: chunk))
          }
          try await writer.finish(nil)
        })
    }
  }

  private func authorized(_ request: Request) -> Bool {
    guard let header = request.headers[.authorization], header.hasPrefix("Bearer ") else {
      return false
    }
    let given = Array(header.dropFirst("Bearer ".count).utf8)
    let expected = Array(token.utf8)
    // Compared in constant time.
    guard given.count == expected.count else { return false }
    return zip(given, expected).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
  }

  static func status(_ error: APIError) -> Response {
    let text = (try? error.status.exactText()) ?? "{}"
    return Response(
      status: HTTPResponse.Status(code: error.code), headers: [.contentType: "application/json"],
      body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
  }
}
