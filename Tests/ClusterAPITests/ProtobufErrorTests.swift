import Engine
import Foundation
import Testing

@testable import ClusterAPI

/// Protobuf bodies the server refuses, with the code and the message naming what is wrong; the
/// wire reader's varints; and the served cluster reading a protobuf body where it read JSON.
@Suite struct ProtobufErrorTests {
  typealias P = ProtobufBytes

  struct Row: Sendable, CustomTestStringConvertible {
    var name: String
    var body: [UInt8]
    var code: Int
    var message: String
    var testDescription: String { name }
  }

  static let meta = P.message(1, P.string(1, "web"))

  static let rows: [Row] = [
    Row(
      name: "JSON sent as protobuf", body: Array(#"{"kind":"Namespace"}"#.utf8), code: 400,
      message:
        "provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]"),
    Row(
      name: "a field no schema knows",
      body: P.body(
        "apps/v1", "Deployment", meta,
        P.message(
          2,
          P.message(3, P.message(2, P.message(2, P.string(1, "web"), P.string(99, "x")))))),
      code: 400,
      message: "proto: field 99 of k8s.io.api.core.v1.Container is not known to this server"),
    Row(
      name: "a field of the envelope no schema knows",
      body: P.body("v1", "Namespace", meta) + P.int(9, 1), code: 400,
      message:
        "proto: field 9 (wire type 0) of k8s.io.apimachinery.pkg.runtime.Unknown is not known to this server"
    ),
    Row(
      name: "a string sent as a varint",
      body: P.body("v1", "Namespace", P.message(1, P.int(1, 7))), code: 400,
      message: "proto: wrong wireType = 0 for field name"),
    Row(
      name: "a kind this server does not read",
      body: P.body("v1", "Secret", meta), code: 415,
      message:
        "the protobuf body holds v1 Secret, which this server does not read - send application/json"
    ),
    Row(
      name: "a kind known in another version",
      body: P.body("apps/v1beta1", "Deployment", meta), code: 415,
      message:
        "the protobuf body holds apps/v1beta1 Deployment, which this server does not read - send application/json"
    ),
    Row(
      name: "a string longer than its message",
      body: P.body("v1", "Namespace", [0x0A, 0x04, 0x0A, 0x09, 0x61, 0x62]), code: 400,
      message: "unexpected EOF"),
    Row(
      name: "a varint past 64 bits",
      body: P.body("v1", "Namespace", [0x08] + Array(repeating: 0xFF, count: 10) + [0x01]),
      code: 400, message: "proto: integer overflow"),
    Row(
      name: "a group (wire type 3)", body: P.body("v1", "Namespace", [0x0B]), code: 400,
      message: "proto: illegal wireType 3 for field 1"),
    Row(
      name: "field number 0", body: P.body("v1", "Namespace", [0x02, 0x00]), code: 400,
      message: "proto: illegal tag 0"),
    Row(
      name: "nanos out of range",
      body: P.body(
        "v1", "Namespace", P.message(1, P.message(8, P.int(1, 5), P.int(2, 1_000_000_000)))),
      code: 400, message: "proto: Time nanos 1000000000 is out of range"),
    Row(
      name: "a compressed object",
      body: P.body("v1", "Namespace", meta) + P.string(3, "gzip"), code: 400,
      message: "protobuf content encoding gzip is not supported"),
    Row(
      name: "a map entry with a third field",
      body: P.body(
        "v1", "Namespace",
        P.message(1, P.message(11, P.string(1, "a"), P.string(2, "b"), P.string(3, "c")))),
      code: 400, message: "proto: field 3 of a labels entry is not known"),
    Row(
      name: "an IntOrString with a fourth field",
      body: P.body(
        "v1", "Service",
        P.message(2, P.message(1, P.int(3, 80), P.message(4, P.int(1, 0), P.int(4, 1))))),
      code: 400,
      message:
        "proto: field 4 (wire type 0) of k8s.io.apimachinery.pkg.util.intstr.IntOrString is not known to this server"
    ),
  ]

  @Test(arguments: rows) func refused(_ row: Row) {
    do {
      let decoded = try KubeProtobuf.decode(row.body)
      Issue.record("read as \(decoded)")
    } catch {
      #expect(error.code == row.code)
      #expect(error.message == row.message)
    }
  }

  /// Varints as protobuf's encoding documentation writes them, and Go's ten-byte negatives.
  @Test(
    arguments: [
      ([0x00], 0), ([0x01], 1), ([0x96, 0x01], 150), ([0xAC, 0x02], 300),
      ([0xFF, 0xFF, 0xFF, 0xFF, 0x07], Int(Int32.max)),
      ([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01], -1),
      ([0x80, 0x80, 0x80, 0x80, 0xF8, 0xFF, 0xFF, 0xFF, 0xFF, 0x01], Int(Int32.min)),
    ] as [([UInt8], Int)])
  func varints(_ bytes: [UInt8], _ value: Int) throws {
    var reader = ProtobufReader(bytes[...])
    #expect(Int(Int64(bitPattern: try reader.varint())) == value)
    #expect(reader.isAtEnd)
  }

  /// Fixed-width fields are read (and, unknown to every schema, refused by number).
  @Test func fixedWidthFields() throws {
    var reader = ProtobufReader(
      ([0x09, 1, 0, 0, 0, 0, 0, 0, 0x80, 0x15, 0x78, 0x56, 0x34, 0x12] as [UInt8])[...])
    #expect(try reader.next()?.value == .fixed64(0x8000_0000_0000_0001))
    #expect(try reader.next()?.value == .fixed32(0x1234_5678))
    #expect(try reader.next() == nil)
    var short = ProtobufReader(([0x0D, 1, 2] as [UInt8])[...])
    #expect(throws: ProtobufFailure.truncated) { try short.next() }
  }

  /// The served cluster reads a protobuf body where it reads JSON; CBOR is still a 415.
  @Test func theServedClusterCreatesFromProtobufAndRefusesCBOR() async throws {
    let served = try ServedFixture()
    let body = P.body(
      "v1", "ConfigMap", P.message(1, P.string(1, "settings")), P.entry(2, "mode", "fast"))
    let created = await served.cluster.handle(
      APIRequest(
        method: "POST", path: "/api/v1/namespaces/default/configmaps",
        accept: "application/vnd.kubernetes.protobuf,application/json",
        contentType: "application/vnd.kubernetes.protobuf", body: body))
    guard case .body(let status, let type, _, _) = created else {
      Issue.record("no body")
      return
    }
    #expect(status == 201 && type == "application/json")
    let stored = try await served.send("GET", "/api/v1/namespaces/default/configmaps/settings")
    #expect(stored.json["data"] == .object(["mode": "fast"]))
    let broken = await served.cluster.handle(
      APIRequest(
        method: "POST", path: "/api/v1/namespaces/default/configmaps",
        contentType: "application/vnd.kubernetes.protobuf", body: Array(body.dropLast())))
    guard case .body(let brokenStatus, _, _, _) = broken else { return }
    #expect(brokenStatus == 400)
    let cbor = try await served.send(
      "POST", "/api/v1/namespaces/default/configmaps", "\u{A1}", contentType: "application/cbor")
    #expect(cbor.status == 415)
    #expect(cbor.json["reason"] == "UnsupportedMediaType")
  }
}
