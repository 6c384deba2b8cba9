import Dashboard
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The JSON the API reads and writes, and the responses it builds.
extension DashboardResponder {
  struct Info: Encodable {
    var title: String
    var readOnly: Bool
    var now: Double
    var strategies: [String]
    var lastEventId: UInt64
  }

  struct ActionBody: Decodable {
    var verb: String
    var revision: Int?
  }

  struct ActionAnswer: Encodable {
    var message: String
    var rollout: RolloutSummary?
  }

  struct WhatIfBody: Decodable {
    var strategy: String?
    var image: String?
  }

  struct ErrorBody: Encodable {
    var error: String
  }

  static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    return Response(
      status: status, headers: [.contentType: "application/json; charset=utf-8"],
      body: ResponseBody(byteBuffer: ByteBuffer(bytes: try encoder.encode(value))))
  }

  static func body(_ text: String, type: String) -> Response {
    Response(
      status: .ok, headers: [.contentType: type],
      body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
  }

  static func error(_ status: Int, _ message: String) -> Response {
    (try? json(ErrorBody(error: message), status: HTTPResponse.Status(code: status)))
      ?? Response(status: .internalServerError)
  }

  /// The request's JSON body as `T`; a body too big or not `T` is a 400 naming the problem.
  static func decode<T: Decodable>(_ type: T.Type, _ request: Request, limit: Int) async throws
    -> T
  {
    var request = request
    let buffer: ByteBuffer
    do {
      buffer = try await request.collectBody(upTo: limit)
    } catch {
      throw DashboardRefusal(413, "the request body is larger than \(limit) bytes")
    }
    do {
      return try JSONDecoder().decode(T.self, from: Data(buffer: buffer))
    } catch DecodingError.keyNotFound(let key, _) {
      throw DashboardRefusal(400, "the request body lacks \"\(key.stringValue)\"")
    } catch DecodingError.typeMismatch(_, let context) {
      let field = context.codingPath.map(\.stringValue).joined(separator: ".")
      throw DashboardRefusal(400, "the request body's \"\(field)\" has the wrong type")
    } catch {
      throw DashboardRefusal(400, "the request body is not the JSON expected")
    }
  }
}
