import Crypto
import Foundation
import SwiftASN1
import X509

/// What `rollout serve` proves itself and checks clients with: a self-signed CA, a serving
/// certificate for 127.0.0.1 and localhost signed by it, and a bearer token. Made at first start
/// and kept in the state directory (`serve/`, files readable by the owner only), so a kubeconfig
/// written once keeps working across restarts.
public struct ServeCredentials: Sendable {
  public var caCertificatePEM: String
  public var certificatePEM: String
  public var privateKeyPEM: String
  public var token: String

  /// The credentials in `directory`, made and saved there when missing.
  public static func loadOrCreate(in directory: String) throws -> ServeCredentials {
    let files = Files(directory: directory)
    if let existing = try? files.read() { return existing }
    let made = try make()
    try files.write(made)
    return made
  }

  /// New credentials: a P-256 CA valid ten years and a serving certificate it signs.
  public static func make(now: Date = Date()) throws -> ServeCredentials {
    let caKey = P256.Signing.PrivateKey()
    let caName = try DistinguishedName {
      OrganizationName("rollout")
      CommonName("rollout-serve-ca")
    }
    let caKeyID = keyIdentifier(caKey.publicKey)
    let notBefore = now.addingTimeInterval(-3600)
    let notAfter = now.addingTimeInterval(10 * 365 * 86_400)
    let ca = try Certificate(
      version: .v3, serialNumber: Certificate.SerialNumber(),
      publicKey: Certificate.PublicKey(caKey.publicKey), notValidBefore: notBefore,
      notValidAfter: notAfter, issuer: caName, subject: caName,
      signatureAlgorithm: .ecdsaWithSHA256,
      extensions: try Certificate.Extensions {
        Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
        Critical(KeyUsage(digitalSignature: true, keyCertSign: true, cRLSign: true))
        SubjectKeyIdentifier(keyIdentifier: caKeyID)
      },
      issuerPrivateKey: Certificate.PrivateKey(caKey))
    let serverKey = P256.Signing.PrivateKey()
    let server = try Certificate(
      version: .v3, serialNumber: Certificate.SerialNumber(),
      publicKey: Certificate.PublicKey(serverKey.publicKey), notValidBefore: notBefore,
      notValidAfter: notAfter, issuer: caName,
      subject: try DistinguishedName {
        OrganizationName("rollout")
        CommonName("rollout-serve")
      },
      signatureAlgorithm: .ecdsaWithSHA256,
      extensions: try Certificate.Extensions {
        Critical(BasicConstraints.notCertificateAuthority)
        Critical(KeyUsage(digitalSignature: true, keyEncipherment: true))
        try ExtendedKeyUsage([.serverAuth])
        SubjectKeyIdentifier(keyIdentifier: keyIdentifier(serverKey.publicKey))
        AuthorityKeyIdentifier(keyIdentifier: caKeyID)
        SubjectAlternativeNames([
          .dnsName("localhost"), .ipAddress(ASN1OctetString(contentBytes: [127, 0, 0, 1])),
        ])
      },
      issuerPrivateKey: Certificate.PrivateKey(caKey))
    var random = SystemRandomNumberGenerator()
    let token = (0..<32).map { _ in
      String(format: "%02x", UInt8.random(in: 0...255, using: &random))
    }
    .joined()
    return ServeCredentials(
      caCertificatePEM: try ca.serializeAsPEM().pemString,
      certificatePEM: try server.serializeAsPEM().pemString,
      privateKeyPEM: serverKey.pemRepresentation, token: token)
  }

  private static func keyIdentifier(_ key: P256.Signing.PublicKey) -> ArraySlice<UInt8> {
    ArraySlice(Insecure.SHA1.hash(data: key.x963Representation))
  }

  /// The files under `<state>/serve/`.
  struct Files {
    var directory: String
    var folder: String { directory + "/serve" }

    func read() throws -> ServeCredentials {
      func text(_ name: String) throws -> String {
        try String(contentsOfFile: "\(folder)/\(name)", encoding: .utf8)
      }
      return ServeCredentials(
        caCertificatePEM: try text("ca.crt"), certificatePEM: try text("tls.crt"),
        privateKeyPEM: try text("tls.key"),
        token: try text("token").trimmingCharacters(in: .whitespacesAndNewlines))
    }

    func write(_ credentials: ServeCredentials) throws {
      try FileManager.default.createDirectory(
        atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
      let files = [
        ("ca.crt", credentials.caCertificatePEM), ("tls.crt", credentials.certificatePEM),
        ("tls.key", credentials.privateKeyPEM), ("token", credentials.token + "\n"),
      ]
      for (name, text) in files {
        let path = "\(folder)/\(name)"
        let temporary = path + ".tmp"
        guard
          FileManager.default.createFile(
            atPath: temporary, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]),
          rename(temporary, path) == 0
        else {
          throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
      }
    }
  }
}
