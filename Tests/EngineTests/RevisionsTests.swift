import Engine
import Testing

/// Ports of TestEqualIgnoreHash and TestAnnotationUtils (deployment_util_test.go), plus the
/// revision helpers.
struct RevisionsTests {
  struct EqualCase: Sendable, CustomTestStringConvertible {
    let name: String
    let former: PodTemplateSpec
    let latter: PodTemplateSpec
    let expected: Bool
    var testDescription: String { name }
  }

  /// upstream `generatePodTemplateSpec(name, nodeName, annotations, labels)`; the template name
  /// (not modelled by `TemplateMeta`) goes into the spec so it still differs.
  static func spec(
    _ name: String, _ node: String, _ annotations: [String: String], _ labels: [String: String]
  ) -> PodTemplateSpec {
    PodTemplateSpec(
      metadata: .init(labels: labels, annotations: annotations),
      spec: .object(["hostname": .string(name), "nodeName": .string(node)]))
  }

  static let hash = Labels.podTemplateHash

  static let equalCases: [EqualCase] = [
    .init(
      name: "Same spec, same labels",
      former: spec("foo", "foo-node", [:], [hash: "value-1", "something": "else"]),
      latter: spec("foo", "foo-node", [:], [hash: "value-1", "something": "else"]), expected: true),
    .init(
      name: "Same spec, only pod-template-hash label value is different",
      former: spec("foo", "foo-node", [:], [hash: "value-1", "something": "else"]),
      latter: spec("foo", "foo-node", [:], [hash: "value-2", "something": "else"]), expected: true),
    .init(
      name: "Same spec, the former doesn't have pod-template-hash label",
      former: spec("foo", "foo-node", [:], ["something": "else"]),
      latter: spec("foo", "foo-node", [:], [hash: "value-2", "something": "else"]), expected: true),
    .init(
      name: "Same spec, the label is different, and the pod-template-hash label value is the same",
      former: spec("foo", "foo-node", [:], [hash: "value-1"]),
      latter: spec("foo", "foo-node", [:], [hash: "value-1", "something": "else"]), expected: false),
    .init(
      name: "Different spec, same labels",
      former: spec("foo", "foo-node", ["former": "value"], [hash: "value-1", "something": "else"]),
      latter: spec("foo", "foo-node", ["latter": "value"], [hash: "value-1", "something": "else"]),
      expected: false),
    .init(
      name: "Different spec, different pod-template-hash label value",
      former: spec("foo-1", "foo-node", [:], [hash: "value-1", "something": "else"]),
      latter: spec("foo-2", "foo-node", [:], [hash: "value-2", "something": "else"]),
      expected: false),
    .init(
      name: "Different spec, the former doesn't have pod-template-hash label",
      former: spec("foo-1", "foo-node-1", [:], ["something": "else"]),
      latter: spec("foo-2", "foo-node-2", [:], [hash: "value-2", "something": "else"]),
      expected: false),
    .init(
      name: "Different spec, different labels",
      former: spec("foo", "foo-node-1", [:], ["something": "else"]),
      latter: spec("foo", "foo-node-2", [:], ["nothing": "else"]), expected: false),
  ]

  @Test(arguments: equalCases)
  func equalIgnoringHash(_ c: EqualCase) {
    #expect(Engine.equalIgnoringHash(c.former, c.latter) == c.expected)
    #expect(Engine.equalIgnoringHash(c.latter, c.former) == c.expected, "reverse order")
  }

  static func withRevision(_ name: String, _ revision: String?) -> ReplicaSet {
    UtilFixtures.replicaSet(
      name, replicas: 1, annotations: revision.map { [Annotations.revision: $0] })
  }

  struct RevisionCase: Sendable, CustomTestStringConvertible {
    let name: String
    let revisions: [String?]
    let max: Int
    let last: Int
    var testDescription: String { name }
  }

  static let revisionCases: [RevisionCase] = [
    .init(name: "none", revisions: [], max: 0, last: 0),
    .init(name: "one", revisions: ["4"], max: 4, last: 0),
    .init(name: "unordered", revisions: ["1", "3", "2"], max: 3, last: 2),
    .init(name: "tie counts twice", revisions: ["2", "2"], max: 2, last: 2),
    .init(name: "missing and garbage count as 0", revisions: [nil, "x", "5"], max: 5, last: 0),
  ]

  @Test(arguments: revisionCases)
  func maxAndLastRevision(_ c: RevisionCase) {
    let rss = c.revisions.enumerated().map { Self.withRevision("rs-\($0.offset)", $0.element) }
    #expect(maxRevision(rss) == c.max)
    #expect(lastRevision(rss) == c.last)
  }

  /// TestAnnotationUtils/SetNewReplicaSetAnnotations, without upstream's history length cap.
  @Test func setRevisionKeepsHistory() {
    var rs = Self.withRevision("rs", nil)
    for next in 11...20 {
      #expect(setRevision(on: &rs, newRevision: next))
      #expect(rs.metadata.annotation(Annotations.revision) == String(next))
      let history = next == 11 ? nil : (11..<next).map(String.init).joined(separator: ",")
      #expect(rs.metadata.annotation(Annotations.revisionHistory) == history)
    }
  }

  @Test func setRevisionNeverLowers() {
    var rs = Self.withRevision("rs", "5")
    #expect(!setRevision(on: &rs, newRevision: 3))
    #expect(!setRevision(on: &rs, newRevision: 5))
    #expect(rs.revision == 5)
    #expect(rs.metadata.annotation(Annotations.revisionHistory) == nil)
  }

  @Test func undoMovesOldRevisionIntoHistory() {
    var rs = Self.withRevision("rs", "1")
    setRevision(on: &rs, newRevision: 4)
    setRevision(on: &rs, newRevision: 6)
    #expect(rs.revision == 6)
    #expect(rs.metadata.annotation(Annotations.revisionHistory) == "1,4")
  }

  @Test func copiesDeploymentAnnotationsButNotTheSkippedOnes() {
    var deployment = UtilFixtures.deployment(replicas: 1)
    deployment.metadata.annotations = [
      Annotations.changeCause: "image bump", Annotations.revision: "9",
      "kubectl.kubernetes.io/last-applied-configuration": "{}",
    ]
    var rs = Self.withRevision("rs", "2")
    #expect(copyDeploymentAnnotations(from: deployment, to: &rs))
    #expect(
      rs.metadata.annotations == [Annotations.changeCause: "image bump", Annotations.revision: "2"])
    #expect(!copyDeploymentAnnotations(from: deployment, to: &rs))
  }

  @Test func replicaSetNameIsDeploymentNameDashHash() {
    let deployment = UtilFixtures.deployment("web", replicas: 1)
    #expect(newReplicaSetName(deployment: deployment, hash: "5d59d67564") == "web-5d59d67564")
  }
}
