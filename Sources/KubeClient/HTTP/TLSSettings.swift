import NIOSSL

/// The TLS a connection asks for: its certificate authority, `insecure-skip-tls-verify`,
/// `tls-server-name`, and a client certificate when the credential is one.
enum TLSSettings {
  static func configuration(for connection: ClusterConnection, credential: Credential) throws
    -> TLSConfiguration
  {
    var tls = TLSConfiguration.makeClientConfiguration()
    if let authority = connection.certificateAuthority {
      do {
        tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(authority))
      } catch {
        throw KubeError.tls(
          server: connection.server,
          detail: "the certificate authority is not a PEM certificate (\(error))",
          certificateAuthority: connection.certificateAuthorityOrigin)
      }
    }
    if connection.insecureSkipTLSVerify {
      tls.certificateVerification = .none
    } else if connection.tlsServerName != nil {
      // The chain is still checked against the authority; the name the certificate carries is
      // `tls-server-name`, not the host dialled, and this client cannot check another name.
      tls.certificateVerification = .noHostnameVerification
    }
    if case .clientCertificate(let certificate, let key) = credential {
      do {
        tls.certificateChain = try NIOSSLCertificate.fromPEMBytes(certificate).map {
          .certificate($0)
        }
        tls.privateKey = .privateKey(try NIOSSLPrivateKey(bytes: key, format: .pem))
      } catch {
        throw KubeError.credentials(
          "the client certificate or key of \(connection.origin) is not valid PEM: \(error)")
      }
    }
    return tls
  }
}
