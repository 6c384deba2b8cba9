/// What a request presents to prove who sends it.
public enum Credential: Sendable, Hashable {
  /// Nothing (a server that needs no authentication).
  case none
  /// `Authorization: Bearer <token>`.
  case bearer(String)
  /// A TLS client certificate and its private key, both PEM.
  case clientCertificate(certificate: [UInt8], key: [UInt8])
}

/// Gives the credential to send now. Sources that expire (a token file that rotates, an exec
/// plugin's token with an `expirationTimestamp`) re-read or re-run when they must.
public protocol CredentialSource: Sendable {
  /// The credential for the next request.
  func current() async throws -> Credential
  /// The server refused the credential `current()` gave (401): forget any cached one, so the
  /// next `current()` reads or runs afresh.
  func invalidate() async
}

/// A credential that never changes: a kubeconfig `token`, `client-certificate-data`, or none.
public struct StaticCredential: CredentialSource {
  public let credential: Credential

  public init(_ credential: Credential) { self.credential = credential }

  public func current() async throws -> Credential { credential }
  public func invalidate() async {}
}
