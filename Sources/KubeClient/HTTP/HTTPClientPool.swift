import AsyncHTTPClient
import NIOCore

/// One HTTP client per TLS identity: a client certificate is part of the TLS handshake, so a
/// rotated certificate (an exec plugin's) needs new connections; a bearer token does not.
actor HTTPClientPool {
  private let connection: ClusterConnection
  private var current: (identity: Credential, client: HTTPClient)?

  init(connection: ClusterConnection) { self.connection = connection }

  func client(for credential: Credential) throws -> HTTPClient {
    let identity: Credential =
      if case .clientCertificate = credential {
        credential
      } else if let both = connection.credentials as? ClientCertificateWithToken {
        // A certificate in the handshake and the token as the bearer, as kubectl sends both.
        both.clientCertificate
      } else {
        .none
      }
    if let current, current.identity == identity { return current.client }
    var configuration = HTTPClient.Configuration(
      tlsConfiguration: try TLSSettings.configuration(for: connection, credential: identity),
      redirectConfiguration: .disallow,
      timeout: .init(connect: .seconds(10)),
      decompression: .disabled)
    configuration.httpVersion = .http1Only
    let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    if let old = current?.client {
      Task { try? await old.shutdown() }
    }
    current = (identity, client)
    return client
  }

  func shutdown() async {
    if let client = current?.client { try? await client.shutdown() }
    current = nil
  }
}
