import AsyncHTTPClient
import Engine
import Foundation
import NIOCore
import NIOHTTP1

/// A thin, typed client of one Kubernetes API server: JSON in, JSON out, with the server's
/// errors turned into `KubeError`s a user can act on.
///
/// Every method throws only `KubeError`. A 401 makes the credential source forget its
/// credential (a rotated token file, an expired exec token) and the request is tried once more.
public final class KubeClient: Sendable {
  public let connection: ClusterConnection
  /// Told of every request answered or failed: its RBAC verb, resource and HTTP code (0 when no
  /// answer came). The place for metrics.
  public let observer: @Sendable (_ verb: String, _ resource: APIResource, _ code: Int) -> Void
  let pool: HTTPClientPool
  let userAgent: String

  public init(
    connection: ClusterConnection, userAgent: String = "rollout",
    observer: @escaping @Sendable (String, APIResource, Int) -> Void = { _, _, _ in }
  ) {
    self.connection = connection
    self.observer = observer
    self.userAgent = userAgent
    pool = HTTPClientPool(connection: connection)
  }

  /// Closes the connections. Call once, when done.
  public func shutdown() async { await pool.shutdown() }

  /// One request and its whole answer.
  struct Call: Sendable {
    var method: HTTPMethod
    var verb: String
    var resource: APIResource
    var namespace: String?
    var name: String?
    var subresource: String?
    var query: [(String, String)] = []
    var body: [UInt8]?
    var contentType = "application/json"
    var timeout: TimeAmount = .seconds(30)
  }

  /// Sends `call` and returns the decoded body of a 2xx answer.
  func perform(_ call: Call) async throws -> JSONValue {
    let (response, body) = try await send(call, collect: true)
    _ = response
    do {
      let value = try JSONValue(exactText: String(decoding: body, as: UTF8.self))
      return value
    } catch {
      throw KubeError.malformed("\(call.verb) \(call.resource): \(error)")
    }
  }

  /// Sends `call`; for `collect` reads the whole body (up to 64 MiB), else leaves it to the
  /// caller (a watch). A non-2xx answer is read and thrown as a `KubeError.status`.
  func send(_ call: Call, collect: Bool) async throws -> (HTTPClientResponse, [UInt8]) {
    var retried = false
    while true {
      let credential: Credential
      do {
        credential = try await connection.credentials.current()
      } catch let error as KubeError {
        throw error
      } catch {
        throw KubeError.credentials("the credentials of \(connection.origin): \(error)")
      }
      let client = try await pool.client(for: credential)
      var request = HTTPClientRequest(url: url(for: call))
      request.method = call.method
      request.headers.add(name: "Accept", value: "application/json")
      request.headers.add(name: "User-Agent", value: userAgent)
      if case .bearer(let token) = credential {
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
      }
      if let body = call.body {
        request.headers.add(name: "Content-Type", value: call.contentType)
        request.body = .bytes(ByteBuffer(bytes: body))
      }
      let response: HTTPClientResponse
      do {
        response = try await client.execute(request, timeout: call.timeout)
      } catch {
        observer(call.verb, call.resource, 0)
        throw classify(error)
      }
      let code = Int(response.status.code)
      if (200..<300).contains(code), !collect {
        observer(call.verb, call.resource, code)
        return (response, [])
      }
      let bytes: [UInt8]
      do {
        let buffer = try await response.body.collect(upTo: 64 << 20)
        bytes = Array(buffer.readableBytesView)
      } catch {
        observer(call.verb, call.resource, 0)
        throw classify(error)
      }
      observer(call.verb, call.resource, code)
      if (200..<300).contains(code) { return (response, bytes) }
      if code == 401, !retried {
        retried = true
        await connection.credentials.invalidate()
        continue
      }
      var status = APIStatus(
        code: code, body: bytes, verb: call.verb, resource: call.resource.description,
        namespace: call.resource.namespaced ? call.namespace : nil, name: call.name)
      if code == 401 || code == 403 { status.user = connection.userName }
      throw KubeError.status(status)
    }
  }

  func url(for call: Call) -> String {
    var base = connection.server
    while base.hasSuffix("/") { base.removeLast() }
    var text =
      base
      + call.resource.path(
        namespace: call.namespace, name: call.name, subresource: call.subresource)
    if !call.query.isEmpty {
      var components = URLComponents()
      components.queryItems = call.query.map { URLQueryItem(name: $0.0, value: $0.1) }
      text += "?" + (components.percentEncodedQuery ?? "")
    }
    return text
  }

  /// A transport failure as the user should read it: TLS, or no connection at all.
  func classify(_ error: any Error) -> KubeError {
    if let error = error as? KubeError { return error }
    let text = String(describing: error)
    let typeName = String(reflecting: type(of: error))
    if typeName.contains("SSL") || text.contains("SSL") || text.contains("certificate")
      || text.contains("handshake")
    {
      return .tls(
        server: connection.server, detail: Self.tlsDetail(text),
        certificateAuthority: connection.certificateAuthorityOrigin)
    }
    return .unreachable(server: connection.server, origin: connection.origin, detail: text)
  }

  private static func tlsDetail(_ text: String) -> String {
    if text.contains("CERTIFICATE_VERIFY_FAILED") || text.contains("certificate verify failed") {
      return "the server's certificate did not verify (\(text))"
    }
    return text
  }
}
