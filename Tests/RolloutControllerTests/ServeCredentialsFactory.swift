import KubeAPI

/// Certificates for TLS tests.
enum ServeCredentialsFactory {
  /// The CA of another server: the served cluster's certificate does not chain to it.
  static func otherAuthority() throws -> [UInt8] {
    Array(try ServeCredentials.make().caCertificatePEM.utf8)
  }
}
