import Crypto

/// SHA-256 as discovery and OpenAPI need it (`storageVersionHash`, the documents' `?hash=`),
/// from swift-crypto.
enum Digest {
  static func sha256<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> [UInt8] {
    Array(SHA256.hash(data: Array(bytes)))
  }

  /// Lower-case hexadecimal of the SHA-256 of `bytes`.
  static func sha256Hex<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> String {
    sha256(bytes).map { byte in
      let text = String(byte, radix: 16)
      return byte < 16 ? "0" + text : text
    }.joined()
  }
}
