/// A user with both a client certificate and a token, as kubectl treats one: the certificate
/// is presented in the TLS handshake and the token is sent as the bearer.
///
/// `current()` gives the token's `.bearer` credential (re-read when the token is a
/// `TokenFileCredential`); `certificate` and `key` are for the TLS configuration, so an HTTP
/// client that knows this type presents both, and one that does not still authenticates with
/// the token.
public struct ClientCertificateWithToken: CredentialSource {
  /// The token: a `StaticCredential(.bearer)` or a `TokenFileCredential`.
  public let token: any CredentialSource
  /// PEM client certificate.
  public let certificate: [UInt8]
  /// PEM private key of `certificate`.
  public let key: [UInt8]

  public init(token: any CredentialSource, certificate: [UInt8], key: [UInt8]) {
    self.token = token
    self.certificate = certificate
    self.key = key
  }

  /// The client certificate as a `Credential`, for the TLS configuration.
  public var clientCertificate: Credential {
    .clientCertificate(certificate: certificate, key: key)
  }

  public func current() async throws -> Credential { try await token.current() }
  public func invalidate() async { await token.invalidate() }
}
