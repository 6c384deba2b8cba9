import Foundation

/// FNV-1a, 64 bits: a small, fast, well-known non-cryptographic hash, enough to tell whether two
/// snapshots or two strategy sources are the same (the decision log needs no collision
/// resistance against an adversary, and the package takes no crypto dependency).
public enum FNV1a {
  static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
  static let prime: UInt64 = 0x0000_0100_0000_01b3

  /// The hash of `bytes`.
  public static func hash<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> UInt64 {
    var hash = offsetBasis
    for byte in bytes {
      hash ^= UInt64(byte)
      hash &*= prime
    }
    return hash
  }

  /// The hash of `text`'s UTF-8 as 16 lowercase hex digits: `fnv1a64:af63bd4c8601b7df`.
  public static func digest(_ text: String) -> String {
    digest(bytes: text.utf8)
  }

  /// The hash of `data` as `fnv1a64:` and 16 lowercase hex digits (a tight loop over the
  /// bytes: this runs for every recorded decision).
  public static func digest(data: Data) -> String {
    var hash = offsetBasis
    data.withUnsafeBytes { buffer in
      for byte in buffer {
        hash ^= UInt64(byte)
        hash &*= prime
      }
    }
    return format(hash)
  }

  private static func format(_ hash: UInt64) -> String {
    let hex = String(hash, radix: 16)
    return "fnv1a64:" + String(repeating: "0", count: 16 - hex.count) + hex
  }

  /// The hash of `bytes` as `fnv1a64:` and 16 lowercase hex digits.
  public static func digest<Bytes: Sequence<UInt8>>(bytes: Bytes) -> String {
    format(hash(bytes))
  }
}
