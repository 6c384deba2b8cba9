import Engine
import Foundation
import Testing

/// `rollout --strategy rolling web.yaml` twice: Kubernetes' RollingUpdate, scale for scale.
@Suite struct RollingUpdateTests {
  enum Role: String { case new, old }

  /// One expected scale: which ReplicaSet, from, to, and seconds after the rollout started.
  struct Step: Equatable, CustomStringConvertible {
    var role: Role
    var from: Int
    var to: Int
    var at: Double
    var description: String { "+\(at)s \(role.rawValue) \(from)->\(to)" }
  }

  /// replicas 10, maxSurge 25% -> 3 (rounded up), maxUnavailable 25% -> 2 (rounded down), so at
  /// most 13 pods and at least 8 available; pods are Ready 2 s after creation.
  static let kubernetesSequence: [Step] = [
    // reconcileNewReplicaSet: 10 pods, room for 13 - 10 = 3 more: new 0 -> 3.
    Step(role: .new, from: 0, to: 3, at: 0),
    // reconcileOldReplicaSets: 13 pods, 10 available (old), min 8: scale old down by
    // 10 - 8 = 2 (maxScaledDown = allPods - minAvailable - newRSUnavailable = 13 - 8 - 3 = 2).
    Step(role: .old, from: 10, to: 8, at: 0),
    // reconcileNewReplicaSet: 11 pods, room for 2 more: new 3 -> 5.
    Step(role: .new, from: 3, to: 5, at: 0),
    // +2s: the 5 new pods are Ready. 13 pods, 13 available (8 old + 5 new), min 8,
    // newRSUnavailable 0: old down by 13 - 8 - 0 = 5: old 8 -> 3.
    Step(role: .old, from: 8, to: 3, at: 2),
    // reconcileNewReplicaSet: 8 pods, room for 5 (capped at replicas 10): new 5 -> 10.
    Step(role: .new, from: 5, to: 10, at: 2),
    // +4s: all 10 new pods Ready: 13 pods, 13 available: the last 3 old go: old 3 -> 0.
    Step(role: .old, from: 3, to: 0, at: 4),
  ]

  @Test func firstApplyCreatesRevisionOneAtFullSize() throws {
    let box = try Sandbox()
    let result = try box.run(["--state", box.state, "-o", "jsonl", Sandbox.example("web-v1.yaml")])
    #expect(result.status == 0, "\(result)")
    let scales = try result.scaleLines()
    #expect(scales.map { [$0.revision, $0.from, $0.to] } == [[1, 0, 10]])
    let summary = try result.summary()
    #expect(summary["revision"]?.intValue == 1)
    #expect(summary["result"]?.stringValue == "complete")
  }

  @Test func v1ToV2FollowsKubernetesRollingUpdate() throws {
    let box = try Sandbox()
    let v1 = try box.run([
      "--strategy", "rolling", Sandbox.example("web-v1.yaml"), "--state", box.state,
    ])
    #expect(v1.status == 0, "\(v1)")

    let v2 = try box.run([
      "--strategy", "rolling", Sandbox.example("web-v2.yaml"), "--state", box.state, "--output",
      "jsonl",
    ])
    #expect(v2.status == 0, "\(v2)")
    let scales = try v2.scaleLines()
    let summary = try v2.summary()
    let duration = try #require(summary["duration"]?.doubleValue)
    let start = try #require(summary["time"]?.doubleValue) - duration
    let newNames = Set(scales.filter { $0.revision == 2 }.map(\.replicaSet))
    let oldNames = Set(scales.filter { $0.revision == 1 }.map(\.replicaSet))
    #expect(newNames.count == 1 && oldNames.count == 1 && newNames != oldNames)
    #expect(newNames.union(oldNames).allSatisfy { $0.hasPrefix("web-") })
    let observed = scales.map {
      Step(role: $0.revision == 2 ? .new : .old, from: $0.from, to: $0.to, at: $0.time - start)
    }
    #expect(observed == Self.kubernetesSequence)
    #expect(summary["revision"]?.intValue == 2)
    #expect(summary["peakPods"]?.intValue == 13)
    #expect(summary["minAvailable"]?.intValue == 8)
    #expect(duration == 4)
    #expect(summary["exitCode"]?.intValue == 0)
  }

  @Test func reapplyingAnUnchangedManifestScalesNothing() throws {
    let box = try Sandbox()
    for manifest in ["web-v1.yaml", "web-v2.yaml"] {
      let run = try box.run([Sandbox.example(manifest), "--state", box.state])
      #expect(run.status == 0, "\(run)")
    }
    let again = try box.run([
      "apply", "-f", Sandbox.example("web-v2.yaml"), "--state", box.state, "-o", "jsonl",
    ])
    #expect(again.status == 0, "\(again)")
    #expect(try again.scaleLines().isEmpty, "\(again)")
    #expect(try again.summary()["revision"]?.intValue == 2)
  }

  @Test func plainOutputEndsWithASummary() throws {
    let box = try Sandbox()
    _ = try box.run([Sandbox.example("web-v1.yaml"), "--state", box.state])
    let v2 = try box.run([Sandbox.example("web-v2.yaml"), "--state", box.state])
    #expect(v2.status == 0, "\(v2)")
    #expect(v2.stdout.contains("deployment \"web\" successfully rolled out"))
    #expect(v2.stdout.contains("revision 2, 4s virtual"))
    #expect(v2.stdout.contains("peak 13 pods, minimum 8 available"))
  }
}
