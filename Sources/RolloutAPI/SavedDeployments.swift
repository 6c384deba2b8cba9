import Engine
import Foundation

/// The Deployments of a saved cluster (`cluster.json`), read again after each change at the cost
/// of the ones that changed: the document's bytes are walked once to find each Deployment's
/// own bytes and the clock, and only Deployments whose bytes were not seen last time are
/// decoded. With a thousand rollouts and one changing, that is one decode instead of a thousand
/// (the dashboard's list and event stream read the store at every change).
///
/// Not thread-safe: its owner serialises the calls.
final class SavedDeployments {
  /// The Deployments decoded last time, by the FNV-1a hash of their bytes.
  private var decoded: [UInt64: Deployment] = [:]
  /// How many Deployments were decoded in all (the rest were reused).
  private(set) var decodes = 0

  /// The clock and the Deployments in `document`, in the order saved.
  func read(_ document: Data) throws -> (now: Double, deployments: [Deployment]) {
    let found = try document.withUnsafeBytes { raw in
      try Self.scan(raw.bindMemory(to: UInt8.self))
    }
    var fresh: [UInt64: Deployment] = [:]
    var deployments: [Deployment] = []
    deployments.reserveCapacity(found.elements.count)
    let decoder = JSONDecoder()
    for range in found.elements {
      let bytes = document[
        document.startIndex + range.lowerBound..<document.startIndex + range.upperBound]
      let hash = FNV1a.hash(bytes)
      let deployment: Deployment
      if let known = decoded[hash] ?? fresh[hash] {
        deployment = known
      } else {
        deployment = try decoder.decode(Deployment.self, from: bytes)
        decodes += 1
      }
      fresh[hash] = deployment
      deployments.append(deployment)
    }
    decoded = fresh
    return (found.now ?? 0, deployments)
  }

  /// Where the Deployments are (byte ranges of the `data.deployments` array's elements) and the
  /// value of `data.now`, found by walking the JSON once: strings (with escapes) are skipped
  /// whole, brackets counted.
  static func scan(_ bytes: UnsafeBufferPointer<UInt8>) throws -> (
    now: Double?, elements: [Range<Int>]
  ) {
    var elements: [Range<Int>] = []
    var now: Double?
    var depth = 0
    var index = 0
    var lastKey: Range<Int>?
    var inDeployments = false
    var elementStart: Int?
    let quote = UInt8(ascii: "\"")
    let backslash = UInt8(ascii: "\\")
    func key(_ range: Range<Int>, is name: StaticString) -> Bool {
      guard range.count == name.utf8CodeUnitCount else { return false }
      return name.withUTF8Buffer { expected in
        zip(bytes[range], expected).allSatisfy { $0 == $1 }
      }
    }
    while index < bytes.count {
      let byte = bytes[index]
      switch byte {
      case quote:
        let start = index + 1
        index += 1
        while index < bytes.count, bytes[index] != quote {
          index += bytes[index] == backslash ? 2 : 1
        }
        lastKey = start..<min(index, bytes.count)
      case UInt8(ascii: "{"), UInt8(ascii: "["):
        if inDeployments, depth == 3, elementStart == nil { elementStart = index }
        if depth == 2, byte == UInt8(ascii: "["), let name = lastKey, key(name, is: "deployments") {
          inDeployments = true
        }
        depth += 1
      case UInt8(ascii: "}"), UInt8(ascii: "]"):
        depth -= 1
        if inDeployments, depth == 3, let start = elementStart {
          elements.append(start..<index + 1)
          elementStart = nil
        }
        if inDeployments, depth == 2 { inDeployments = false }
      case UInt8(ascii: ":"):
        if depth == 2, let name = lastKey, key(name, is: "now") {
          var end = index + 1
          while end < bytes.count, !",}".utf8.contains(bytes[end]) { end += 1 }
          let text = String(decoding: bytes[(index + 1)..<end], as: UTF8.self)
          now = Double(text.trimmingCharacters(in: .whitespaces))
        }
      default: break
      }
      index += 1
    }
    guard depth == 0 else {
      throw SessionError("the saved cluster is not whole JSON (brackets do not balance)")
    }
    return (now, elements)
  }
}
