import Engine
import Foundation
import Testing

struct PodTemplateHashTests {
  /// A template decoded from JSON text, so key order in the source can be varied.
  static func decode(_ json: String) throws -> PodTemplateSpec {
    try JSONDecoder().decode(PodTemplateSpec.self, from: Data(json.utf8))
  }

  static let base = UtilFixtures.template(image: "nginx:1.25")

  @Test func equalTemplatesGiveEqualHashes() {
    let copy = UtilFixtures.template(image: "nginx:1.25")
    #expect(
      podTemplateHash(Self.base, collisionCount: nil) == podTemplateHash(copy, collisionCount: nil))
  }

  @Test func changedImageChangesTheHash() {
    let changed = UtilFixtures.template(image: "nginx:1.26")
    #expect(
      podTemplateHash(Self.base, collisionCount: nil)
        != podTemplateHash(changed, collisionCount: nil))
  }

  @Test func keyOrderDoesNotMatter() throws {
    let a = try Self.decode(
      #"{"metadata":{"labels":{"a":"1","b":"2"}},"spec":{"containers":[{"name":"x","image":"i"}],"dnsPolicy":"ClusterFirst"}}"#
    )
    let b = try Self.decode(
      #"{"spec":{"dnsPolicy":"ClusterFirst","containers":[{"image":"i","name":"x"}]},"metadata":{"labels":{"b":"2","a":"1"}}}"#
    )
    #expect(podTemplateHash(a, collisionCount: nil) == podTemplateHash(b, collisionCount: nil))
  }

  @Test func collisionCountChangesTheHash() {
    let none = podTemplateHash(Self.base, collisionCount: nil)
    let zero = podTemplateHash(Self.base, collisionCount: 0)
    let one = podTemplateHash(Self.base, collisionCount: 1)
    #expect(Set([none, zero, one]).count == 3)
  }

  @Test func hashLabelIsIgnored() {
    var labelled = Self.base
    labelled.metadata?.labels?[Labels.podTemplateHash] = "abcde"
    #expect(
      podTemplateHash(labelled, collisionCount: nil)
        == podTemplateHash(Self.base, collisionCount: nil))
  }

  @Test func usesOnlyTheSafeAlphabet() {
    let hash = podTemplateHash(Self.base, collisionCount: 7)
    #expect(!hash.isEmpty)
    #expect(hash.allSatisfy { "bcdfghjklmnpqrstvwxz2456789".contains($0) })
  }

  /// Pins the value so a change of encoding (which would rename every ReplicaSet) is noticed.
  @Test func isStableAcrossRuns() {
    #expect(podTemplateHash(Self.base, collisionCount: nil) == "69549b4c44")
  }

  @Test func safeEncodeStringMapsDigitsAsKubernetes() {
    #expect(safeEncodeString("0123456789") == "456789bcdf")
  }
}
