import Engine
import Testing

/// Ports of TestScale (sync_test.go), TestGetReplicaSetFraction and
/// TestReplicasAnnotationsNeedUpdate / TestAnnotationUtils (deployment_util_test.go).
struct ProportionalScalingTests {
  static let newTime = 7_200.0
  static let oldTime = 3_600.0
  static let olderTime = 0.0

  struct ScaleCase: Sendable, CustomTestStringConvertible {
    let name: String
    let deployment: Deployment
    let oldDeployment: Deployment
    /// (name, replicas, created); the first may be the new ReplicaSet.
    let newRS: (String, Int, Double)?
    let oldRSs: [(String, Int, Double)]
    /// Expected sizes after scaling, by name.
    let expected: [String: Int]
    var desiredOverride: [String: Int] = [:]
    var newAvailable: Int? = nil
    var testDescription: String { name }
  }

  static func d(_ replicas: Int, surge: Int? = nil, unavailable: Int? = nil) -> Deployment {
    UtilFixtures.deployment(
      replicas: replicas, maxSurge: .int(surge ?? 0), maxUnavailable: .int(unavailable ?? 0))
  }

  static let scaleCases: [ScaleCase] = [
    .init(
      name: "normal scaling event: 10 -> 12", deployment: d(12), oldDeployment: d(10),
      newRS: ("foo-v1", 10, newTime), oldRSs: [], expected: ["foo-v1": 12]),
    .init(
      name: "normal scaling event: 10 -> 5", deployment: d(5), oldDeployment: d(10),
      newRS: ("foo-v1", 10, newTime), oldRSs: [], expected: ["foo-v1": 5]),
    .init(
      name: "proportional scaling: 5 -> 10", deployment: d(10), oldDeployment: d(5),
      newRS: ("foo-v2", 2, newTime), oldRSs: [("foo-v1", 3, oldTime)],
      expected: ["foo-v2": 4, "foo-v1": 6]),
    .init(
      name: "proportional scaling: 5 -> 3", deployment: d(3), oldDeployment: d(5),
      newRS: ("foo-v2", 2, newTime), oldRSs: [("foo-v1", 3, oldTime)],
      expected: ["foo-v2": 1, "foo-v1": 2]),
    .init(
      name: "proportional scaling: 9 -> 4", deployment: d(4), oldDeployment: d(9),
      newRS: ("foo-v2", 8, newTime), oldRSs: [("foo-v1", 1, oldTime)],
      expected: ["foo-v2": 4, "foo-v1": 0]),
    .init(
      name: "proportional scaling: 7 -> 10", deployment: d(10), oldDeployment: d(7),
      newRS: ("foo-v3", 2, newTime), oldRSs: [("foo-v2", 3, oldTime), ("foo-v1", 2, olderTime)],
      expected: ["foo-v3": 3, "foo-v2": 4, "foo-v1": 3]),
    .init(
      name: "proportional scaling: 13 -> 8", deployment: d(8), oldDeployment: d(13),
      newRS: ("foo-v3", 2, newTime), oldRSs: [("foo-v2", 8, oldTime), ("foo-v1", 3, olderTime)],
      expected: ["foo-v3": 1, "foo-v2": 5, "foo-v1": 2]),
    .init(
      name: "leftover distribution: 3 -> 4 (scales up the new replica set)", deployment: d(4),
      oldDeployment: d(3), newRS: ("foo-v3", 1, newTime),
      oldRSs: [("foo-v2", 1, oldTime), ("foo-v1", 1, olderTime)],
      expected: ["foo-v3": 2, "foo-v2": 1, "foo-v1": 1]),
    .init(
      name: "leftover distribution: 3 -> 2 (scales down the older replica set)", deployment: d(2),
      oldDeployment: d(3), newRS: ("foo-v3", 1, newTime),
      oldRSs: [("foo-v2", 1, oldTime), ("foo-v1", 1, olderTime)],
      expected: ["foo-v3": 1, "foo-v2": 1, "foo-v1": 0]),
    .init(
      name: "proportional scaling (no new rs): 4 -> 5 (scales up the latest first)",
      deployment: d(5), oldDeployment: d(4), newRS: nil,
      oldRSs: [("foo-v2", 2, oldTime), ("foo-v1", 2, olderTime)],
      expected: ["foo-v2": 3, "foo-v1": 2]),
    .init(
      name: "proportional scaling: 6 -> 0", deployment: d(0), oldDeployment: d(6),
      newRS: ("foo-v3", 3, newTime), oldRSs: [("foo-v2", 2, oldTime), ("foo-v1", 1, olderTime)],
      expected: ["foo-v3": 0, "foo-v2": 0, "foo-v1": 0]),
    .init(
      name: "proportional scaling: 0 -> 6", deployment: d(6), oldDeployment: d(6),
      newRS: ("foo-v3", 0, newTime), oldRSs: [("foo-v2", 0, oldTime), ("foo-v1", 0, olderTime)],
      expected: ["foo-v3": 6, "foo-v2": 0, "foo-v1": 0]),
    .init(
      name: "failed rs update", deployment: d(5), oldDeployment: d(5),
      newRS: ("foo-v3", 2, newTime), oldRSs: [("foo-v2", 1, oldTime), ("foo-v1", 1, olderTime)],
      expected: ["foo-v3": 2, "foo-v2": 2, "foo-v1": 1], desiredOverride: ["foo-v2": 3]),
    .init(
      name: "deployment with surge pods", deployment: d(20, surge: 2),
      oldDeployment: d(10, surge: 2), newRS: ("foo-v2", 6, newTime),
      oldRSs: [("foo-v1", 6, oldTime)], expected: ["foo-v2": 11, "foo-v1": 11]),
    .init(
      name: "change both surge and size", deployment: d(50, surge: 6),
      oldDeployment: d(10, surge: 3), newRS: ("foo-v2", 5, newTime),
      oldRSs: [("foo-v1", 8, oldTime)], expected: ["foo-v2": 22, "foo-v1": 34]),
    .init(
      name: "change both size and template", deployment: d(14), oldDeployment: d(10), newRS: nil,
      oldRSs: [("foo-v2", 7, newTime), ("foo-v1", 3, oldTime)],
      expected: ["foo-v2": 10, "foo-v1": 4]),
    .init(
      name: "saturated but broken new replica set does not affect old pods",
      deployment: d(2, surge: 1, unavailable: 1), oldDeployment: d(2, surge: 1, unavailable: 1),
      newRS: ("foo-v2", 2, newTime), oldRSs: [("foo-v1", 1, oldTime)],
      expected: ["foo-v2": 2, "foo-v1": 1], newAvailable: 0),
  ]

  /// Builds a ReplicaSet annotated as the old Deployment's last scale left it, as TestScale does.
  static func annotated(_ spec: (String, Int, Double), _ c: ScaleCase) -> ReplicaSet {
    var rs = UtilFixtures.replicaSet(spec.0, replicas: spec.1, created: spec.2)
    let desired = c.desiredOverride[spec.0] ?? c.oldDeployment.replicas
    setReplicasAnnotations(
      on: &rs, desired: desired, maxReplicas: desired + maxSurge(c.oldDeployment))
    return rs
  }

  @Test(arguments: scaleCases)
  func scale(_ c: ScaleCase) {
    var newRS = c.newRS.map { Self.annotated($0, c) }
    if let available = c.newAvailable { newRS?.status?.availableReplicas = available }
    let oldRSs = c.oldRSs.map { Self.annotated($0, c) }
    var sizes: [String: Int] = [:]
    for rs in oldRSs + [newRS].compactMap({ $0 }) { sizes[rs.metadata.name] = rs.replicas }
    let writes = proportionalScale(
      deployment: c.deployment, newReplicaSet: newRS, oldReplicaSets: oldRSs)
    for write in writes { sizes[write.name] = write.to }
    #expect(sizes == c.expected, "writes: \(writes)")
  }

  @Test func writesCarryStaleAnnotations() {
    let c = Self.scaleCases[2]
    let writes = proportionalScale(
      deployment: c.deployment, newReplicaSet: Self.annotated(c.newRS!, c),
      oldReplicaSets: c.oldRSs.map { Self.annotated($0, c) })
    #expect(writes.count == 2)
    #expect(writes.allSatisfy { $0.updatesAnnotations })
  }

  struct FractionCase: Sendable, CustomTestStringConvertible {
    let name: String
    let replicas: Int
    var statusReplicas = 0
    var maxSurge = 0
    let rsReplicas: Int
    var annotations: [String: String]? = nil
    let expected: Int
    var testDescription: String { name }
  }

  static let fractionCases: [FractionCase] = [
    .init(name: "empty deployment always scales to 0", replicas: 0, rsReplicas: 10, expected: -10),
    .init(
      name:
        "unsynced deployment does not scale when max-replicas annotation is missing (removed by a 3rd party)",
      replicas: 10, rsReplicas: 5, expected: 0),
    .init(
      name:
        "unsynced deployment does not scale when max-replicas annotation is incorrectly set to 0 (by a 3rd party)",
      replicas: 10, rsReplicas: 5, annotations: [Annotations.maxReplicas: "0"], expected: 0),
    .init(
      name:
        "scale up by 1/5 should increase RS replicas by 1/5 when max-replicas annotation is missing (removed by a 3rd party)",
      replicas: 120, statusReplicas: 100, rsReplicas: 50, expected: 10),
    .init(
      name:
        "scale up by 1/5 should increase RS replicas by 1/5 when max-replicas annotation is incorrectly set to 0 (by a 3rd party)",
      replicas: 120, statusReplicas: 100, rsReplicas: 50,
      annotations: [Annotations.maxReplicas: "0"], expected: 10),
    .init(
      name: "scale up by 1/5 should increase RS replicas by 1/5", replicas: 120, rsReplicas: 50,
      annotations: [Annotations.maxReplicas: "100"], expected: 10),
    .init(
      name: "scale up with maxSurge by 1/5 should increase RS replicas approximately by 1/5",
      replicas: 120, maxSurge: 10, rsReplicas: 50,
      annotations: [Annotations.maxReplicas: "110"], expected: 9),
    .init(
      name: "scale down by 1/6 should decrease RS replicas by 1/6", replicas: 10, rsReplicas: 6,
      annotations: [Annotations.maxReplicas: "12"], expected: -1),
    .init(
      name: "scale down with maxSurge by 1/6 should decrease RS replicas approximately by 1/6",
      replicas: 100, maxSurge: 10, rsReplicas: 50,
      annotations: [Annotations.maxReplicas: "130"], expected: -8),
  ]

  @Test(arguments: fractionCases)
  func replicaSetFraction(_ c: FractionCase) {
    var status = DeploymentStatus()
    status.replicas = c.statusReplicas
    let deployment = UtilFixtures.deployment(
      replicas: c.replicas, maxSurge: .int(c.maxSurge), maxUnavailable: .int(1), status: status)
    let rs = UtilFixtures.replicaSet("rs", replicas: c.rsReplicas, annotations: c.annotations)
    #expect(Engine.replicaSetFraction(rs, deployment: deployment) == c.expected)
  }

  struct NeedUpdateCase: Sendable, CustomTestStringConvertible {
    let name: String
    let annotations: [String: String]?
    let expected: Bool
    var testDescription: String { name }
  }

  static let needUpdateCases: [NeedUpdateCase] = [
    .init(name: "test Annotations nil", annotations: nil, expected: true),
    .init(
      name: "test desiredReplicas update",
      annotations: [Annotations.desiredReplicas: "8", Annotations.maxReplicas: "20"], expected: true
    ),
    .init(
      name: "test maxReplicas update",
      annotations: [Annotations.desiredReplicas: "10", Annotations.maxReplicas: "16"],
      expected: true),
    .init(
      name: "test needn't update",
      annotations: [Annotations.desiredReplicas: "10", Annotations.maxReplicas: "20"],
      expected: false),
  ]

  @Test(arguments: needUpdateCases)
  func replicasAnnotationsNeedUpdate(_ c: NeedUpdateCase) {
    let rs = UtilFixtures.replicaSet("hello", replicas: 0, annotations: c.annotations)
    #expect(Engine.replicasAnnotationsNeedUpdate(rs, desired: 10, maxReplicas: 20) == c.expected)
  }

  /// TestAnnotationUtils: SetReplicasAnnotations and IsSaturated.
  @Test func setReplicasAnnotationsAndSaturation() {
    var rs = UtilFixtures.replicaSet("rs", replicas: 1, available: 1)
    #expect(setReplicasAnnotations(on: &rs, desired: 10, maxReplicas: 11))
    #expect(rs.metadata.annotation(Annotations.desiredReplicas) == "10")
    #expect(rs.metadata.annotation(Annotations.maxReplicas) == "11")
    #expect(!setReplicasAnnotations(on: &rs, desired: 10, maxReplicas: 11))

    rs.metadata.setAnnotation(Annotations.desiredReplicas, "1")
    #expect(isSaturated(deployment: UtilFixtures.deployment(replicas: 1), rs))
    rs.metadata.setAnnotation(Annotations.desiredReplicas, "not a number")
    #expect(!isSaturated(deployment: UtilFixtures.deployment(replicas: 1), rs))
  }
}
