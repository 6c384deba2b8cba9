import Foundation

/// Where and how to reach one API server: what a kubeconfig context, or the in-cluster files,
/// resolve to.
public struct ClusterConnection: Sendable {
  /// `https://host:port` (or `http://` for a plain test server).
  public var server: String
  /// PEM bytes of the certificate authorities that sign the server's certificate; nil trusts the
  /// system's roots.
  public var certificateAuthority: [UInt8]?
  /// Where `certificateAuthority` came from (a file path or `certificate-authority-data`), for
  /// messages about a certificate that does not verify.
  public var certificateAuthorityOrigin: String?
  /// `insecure-skip-tls-verify`: the server's certificate is not checked.
  public var insecureSkipTLSVerify: Bool
  /// `tls-server-name`: the name the server's certificate must carry, when not the host's.
  public var tlsServerName: String?
  /// The user's credential: a token, a token file, a client certificate or an exec plugin.
  public var credentials: any CredentialSource
  /// The namespace requests go to when none is named (the context's, else `default`).
  public var namespace: String
  /// The user's name in the kubeconfig, for messages (`system:serviceaccount:…` in-cluster).
  public var userName: String?
  /// Where this connection came from, for messages: `context "kind-dev" in /home/me/.kube/config`
  /// or `in-cluster service account`.
  public var origin: String

  public init(
    server: String, certificateAuthority: [UInt8]? = nil,
    certificateAuthorityOrigin: String? = nil, insecureSkipTLSVerify: Bool = false,
    tlsServerName: String? = nil, credentials: any CredentialSource = StaticCredential(.none),
    namespace: String = "default", userName: String? = nil, origin: String
  ) {
    self.server = server
    self.certificateAuthority = certificateAuthority
    self.certificateAuthorityOrigin = certificateAuthorityOrigin
    self.insecureSkipTLSVerify = insecureSkipTLSVerify
    self.tlsServerName = tlsServerName
    self.credentials = credentials
    self.namespace = namespace
    self.userName = userName
    self.origin = origin
  }
}
