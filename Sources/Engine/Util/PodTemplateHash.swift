import Foundation

/// Kubernetes' `controller.ComputeHash`: the value of a ReplicaSet's `pod-template-hash` label.
///
/// FNV-1a (32 bit) over a canonical encoding of `template` (JSON with sorted keys, the
/// `pod-template-hash` label left out, empty label/annotation maps treated as absent), then, when
/// `collisionCount` is set, the 8 bytes Kubernetes appends (the count as a little-endian uint32,
/// then four zero bytes), and finally `SafeEncodeString` of the decimal hash.
///
/// Kubernetes hashes Go's spew dump of the struct, so the values differ from a real cluster's;
/// what carries over is the contract: equal templates give equal hashes on every run and
/// machine, any change to the template or the collision count gives another.
public func podTemplateHash(_ template: PodTemplateSpec, collisionCount: Int?) -> String {
  var hasher = FNV1a32()
  hasher.combine(canonicalBytes(of: template.removingHashLabel()))
  if let collisionCount {
    let count = UInt32(truncatingIfNeeded: collisionCount)
    hasher.combine([
      UInt8(truncatingIfNeeded: count), UInt8(truncatingIfNeeded: count >> 8),
      UInt8(truncatingIfNeeded: count >> 16), UInt8(truncatingIfNeeded: count >> 24), 0, 0, 0, 0,
    ])
  }
  return safeEncodeString(String(hasher.value))
}

/// apimachinery's `rand.SafeEncodeString`: maps every character to the alphabet
/// `bcdfghjklmnpqrstvwxz2456789` (no vowels, so no words; no `0`, `1`, `3`), by its code point
/// modulo 27. Digits map as `0→4 1→5 2→6 3→7 4→8 5→9 6→b 7→c 8→d 9→f`.
public func safeEncodeString(_ text: String) -> String {
  let alphabet = Array("bcdfghjklmnpqrstvwxz2456789")
  return String(text.unicodeScalars.map { alphabet[Int($0.value) % alphabet.count] })
}

/// 32-bit FNV-1a, as Go's `hash/fnv.New32a`.
struct FNV1a32 {
  private(set) var value: UInt32 = 2_166_136_261

  mutating func combine(_ bytes: some Sequence<UInt8>) {
    for byte in bytes {
      value ^= UInt32(byte)
      value = value &* 16_777_619
    }
  }
}

/// The canonical bytes of a template: JSON with sorted keys and unescaped slashes.
func canonicalBytes(of template: PodTemplateSpec) -> Data {
  let encoder = JSONEncoder()
  encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
  // Encoding a tree of strings, numbers and maps cannot fail.
  return (try? encoder.encode(template)) ?? Data()
}

extension PodTemplateSpec {
  /// The template without the `pod-template-hash` label, and with empty label/annotation maps
  /// (and empty metadata) normalised to absent, as Kubernetes' semantic equality treats them.
  func removingHashLabel() -> PodTemplateSpec {
    var copy = self
    var labels = copy.metadata?.labels ?? [:]
    labels[Labels.podTemplateHash] = nil
    let annotations = copy.metadata?.annotations ?? [:]
    if labels.isEmpty && annotations.isEmpty {
      copy.metadata = nil
    } else {
      copy.metadata = TemplateMeta(
        labels: labels.isEmpty ? nil : labels, annotations: annotations.isEmpty ? nil : annotations)
    }
    return copy
  }
}
