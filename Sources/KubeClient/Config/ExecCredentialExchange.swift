import Engine
import Foundation

/// The ExecCredential documents exchanged with an exec plugin: the one it is given in
/// `KUBERNETES_EXEC_INFO` and the one it prints.
enum ExecCredentialExchange {
  /// `{"apiVersion":…,"kind":"ExecCredential","spec":{"interactive":false,"cluster":{…}}}`;
  /// `cluster` only when the plugin asked for it (`provideClusterInfo`).
  static func input(apiVersion: String, cluster: ExecClusterInfo?) -> String {
    let document = Input(
      apiVersion: apiVersion,
      spec: .init(
        interactive: false,
        cluster: cluster.map {
          Input.Cluster(
            server: $0.server,
            certificateAuthorityData: $0.certificateAuthorityData.map {
              Data($0).base64EncodedString()
            },
            insecureSkipTLSVerify: $0.insecureSkipTLSVerify ? true : nil,
            tlsServerName: $0.tlsServerName)
        }))
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    // Encoding strings, booleans and optionals cannot fail.
    let data = (try? encoder.encode(document)) ?? Data()
    return String(decoding: data, as: UTF8.self)
  }

  /// What a plugin's output gives: the credential and when it expires (nil: never).
  struct Output: Sendable, Equatable {
    var credential: Credential
    var expiry: Date?
  }

  /// Reads a plugin's stdout as client-go does: the same `apiVersion` as configured, kind
  /// ExecCredential, a `status` with a token or a certificate and key (both, or neither), an
  /// RFC 3339 `expirationTimestamp` when present. A token and a certificate together give the
  /// token, as bearer (the `Credential` holds one).
  ///
  /// - Throws: a message saying what is wrong with the output.
  static func output(_ stdout: Data, apiVersion: String) throws(ExecOutputProblem) -> Output {
    let decoded: Printed
    do {
      decoded = try JSONDecoder().decode(Printed.self, from: stdout)
    } catch {
      let text = String(decoding: stdout.prefix(200), as: UTF8.self)
      throw ExecOutputProblem(
        text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
          ? "printed nothing; expected an ExecCredential as JSON"
          : "printed something that is not an ExecCredential as JSON: \(text)")
    }
    guard decoded.kind == "ExecCredential" else {
      throw ExecOutputProblem("printed kind \"\(decoded.kind ?? "")\", expected ExecCredential")
    }
    guard decoded.apiVersion == apiVersion else {
      throw ExecOutputProblem(
        "is configured for apiVersion \(apiVersion) but printed \(decoded.apiVersion ?? "none")")
    }
    guard let status = decoded.status else {
      throw ExecOutputProblem("printed an ExecCredential without status")
    }
    let token = status.token ?? ""
    let certificate = status.clientCertificateData ?? ""
    let key = status.clientKeyData ?? ""
    guard !(token.isEmpty && certificate.isEmpty && key.isEmpty) else {
      throw ExecOutputProblem("printed neither status.token nor a client certificate and key")
    }
    guard certificate.isEmpty == key.isEmpty else {
      throw ExecOutputProblem(
        "printed only one of status.clientCertificateData and status.clientKeyData")
    }
    var expiry: Date?
    if let text = status.expirationTimestamp, !text.isEmpty {
      guard let date = parseRFC3339(text) else {
        throw ExecOutputProblem(
          "printed status.expirationTimestamp \"\(text)\", not an RFC 3339 time")
      }
      expiry = date
    }
    let credential: Credential =
      token.isEmpty
      ? .clientCertificate(certificate: Array(certificate.utf8), key: Array(key.utf8))
      : .bearer(token)
    return Output(credential: credential, expiry: expiry)
  }

  /// `2026-01-02T03:04:05Z`, with or without fractional seconds, any offset.
  static func parseRFC3339(_ text: String) -> Date? {
    RFC3339.parse(text).map(Date.init(timeIntervalSince1970:))
  }

  private struct Input: Encodable {
    var apiVersion: String
    var kind = "ExecCredential"
    var spec: Spec

    struct Spec: Encodable {
      var interactive: Bool
      var cluster: Cluster?
    }

    struct Cluster: Encodable {
      var server: String
      var certificateAuthorityData: String?
      var insecureSkipTLSVerify: Bool?
      var tlsServerName: String?

      enum CodingKeys: String, CodingKey {
        case server
        case certificateAuthorityData = "certificate-authority-data"
        case insecureSkipTLSVerify = "insecure-skip-tls-verify"
        case tlsServerName = "tls-server-name"
      }
    }
  }

  private struct Printed: Decodable {
    var apiVersion: String?
    var kind: String?
    var status: Status?

    struct Status: Decodable {
      var token: String?
      var clientCertificateData: String?
      var clientKeyData: String?
      var expirationTimestamp: String?
    }
  }
}

/// What is wrong with an exec plugin's output (`printed only one of …`).
struct ExecOutputProblem: Error {
  var message: String
  init(_ message: String) { self.message = message }
}
