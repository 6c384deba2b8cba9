import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The least of a Kubernetes API server that `kubectl apply --dry-run=client` needs: discovery
/// (legacy JSON, for the resources listed) and a 404 for every object it looks up, so each
/// object is "created (dry run)". Plain HTTP on 127.0.0.1, one connection at a time, closed
/// after each answer. Stops when released.
final class FakeDiscoveryServer: @unchecked Sendable {
  /// One resource served: `groupVersion` as `apps/v1` (`v1` for the core group).
  struct Resource: Sendable {
    var groupVersion: String
    var plural: String
    var kind: String
    var namespaced: Bool
  }

  let port: UInt16
  private let socket: Int32

  init(resources: [Resource]) throws {
    #if canImport(Glibc)
      let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    #else
      let socket = Darwin.socket(AF_INET, SOCK_STREAM, 0)
    #endif
    self.socket = socket
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) { pointer in
      pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
        bind(socket, address, length) == 0 && listen(socket, 16) == 0
          && getsockname(socket, address, &length) == 0
      }
    }
    guard bound else {
      close(socket)
      throw RolloutProcessError(description: "fake API server: cannot listen on 127.0.0.1")
    }
    port = UInt16(bigEndian: address.sin_port)
    Thread { Self.serve(socket, resources) }.start()
  }

  deinit {
    shutdown(socket, Int32(SHUT_RDWR))
    close(socket)
  }

  private static func serve(_ socket: Int32, _ resources: [Resource]) {
    while true {
      let connection = accept(socket, nil, nil)
      guard connection >= 0 else { return }
      var request: [UInt8] = []
      var buffer = [UInt8](repeating: 0, count: 4096)
      while !request.suffix(4).elementsEqual("\r\n\r\n".utf8) {
        let count = read(connection, &buffer, buffer.count)
        guard count > 0 else { break }
        request += buffer[..<count]
      }
      let line = String(decoding: request.prefix { $0 != 13 }, as: UTF8.self)
      let path = line.split(separator: " ").dropFirst().first.map(String.init) ?? "/"
      let (status, body) = answer(String(path.prefix { $0 != "?" }), resources)
      let head =
        "HTTP/1.1 \(status)\r\nContent-Type: application/json\r\n"
        + "Content-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n"
      let bytes = Array((head + body).utf8)
      #if canImport(Glibc)
        let flags = Int32(MSG_NOSIGNAL)
      #else
        let flags: Int32 = 0
      #endif
      _ = bytes.withUnsafeBytes { send(connection, $0.baseAddress, $0.count, flags) }
      close(connection)
    }
  }

  /// The status line's code and the JSON body for `path`.
  private static func answer(_ path: String, _ resources: [Resource]) -> (String, String) {
    let groupVersions = Array(Set(resources.map(\.groupVersion))).sorted()
    func json(_ value: Any) -> String {
      let data = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys])
      return String(decoding: data ?? Data(), as: UTF8.self)
    }
    if path == "/api" {
      return ("200 OK", json(["kind": "APIVersions", "versions": ["v1"]]))
    }
    if path == "/apis" {
      let groups = groupVersions.filter { $0.contains("/") }.map { groupVersion -> Any in
        let version: [String: String] = [
          "groupVersion": groupVersion, "version": String(groupVersion.split(separator: "/")[1]),
        ]
        return [
          "name": String(groupVersion.split(separator: "/")[0]), "versions": [version],
          "preferredVersion": version,
        ]
      }
      return ("200 OK", json(["kind": "APIGroupList", "apiVersion": "v1", "groups": groups]))
    }
    for groupVersion in groupVersions
    where path == (groupVersion.contains("/") ? "/apis/\(groupVersion)" : "/api/\(groupVersion)") {
      let list = resources.filter { $0.groupVersion == groupVersion }.map { resource -> Any in
        [
          "name": resource.plural, "singularName": "", "namespaced": resource.namespaced,
          "kind": resource.kind, "verbs": ["create", "get", "list", "patch", "update"],
        ]
      }
      return (
        "200 OK",
        json([
          "kind": "APIResourceList", "apiVersion": "v1", "groupVersion": groupVersion,
          "resources": list,
        ])
      )
    }
    return (
      "404 Not Found",
      json([
        "kind": "Status", "apiVersion": "v1", "status": "Failure", "reason": "NotFound",
        "code": 404, "message": "\(path) not found",
      ])
    )
  }
}
