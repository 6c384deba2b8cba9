import Engine
import Foundation
import Testing

/// A new version applied with another replica count: Kubernetes first scales the only active
/// ReplicaSet to the new count (sync.go `isScalingEvent`, `scale`), then rolls the new version
/// out from there with the new count's fenceposts.
@Suite struct ReplicaCountChangeTests {
  typealias Step = RollingUpdateTests.Step

  /// Applies `manifest` with `--output jsonl`; returns the result, its scales as steps (old
  /// means any revision but `newRevision`) and the summary.
  func apply(_ box: Sandbox, _ manifest: String, newRevision: Int) throws -> (
    RolloutResult, [Step], JSONValue
  ) {
    let result = try box.run(["--state", box.state, "--output", "jsonl", manifest])
    let summary = try result.summary()
    let duration = try #require(summary["duration"]?.doubleValue)
    let start = try #require(summary["time"]?.doubleValue) - duration
    let steps = try result.scaleLines().map {
      Step(
        role: $0.revision == newRevision ? .new : .old, from: $0.from, to: $0.to,
        at: $0.time - start)
    }
    return (result, steps, summary)
  }

  @Test func scaledTo20ThenANewVersionWith10ReplicasCompletes() throws {
    let box = try Sandbox()
    #expect(try box.run(["--state", box.state, Sandbox.example("web-v1.yaml")]).status == 0)
    let scaled = try box.run(["scale", "--state", box.state, "web", "--replicas", "20"])
    #expect(scaled.status == 0, "\(scaled)")

    // web-v2.yaml: the new image and replicas: 10, as the manifest says.
    let (result, steps, summary) = try apply(
      box, Sandbox.example("web-v2.yaml"), newRevision: 2)
    #expect(result.status == 0, "\(result)")
    #expect(summary["result"]?.stringValue == "complete")
    #expect(summary["revision"]?.intValue == 2)
    // The scaling event (20 -> 10), then exactly the rolling update of 10 replicas at 25%/25%.
    #expect(steps.first == Step(role: .old, from: 20, to: 10, at: 0))
    #expect(Array(steps.dropFirst()) == RollingUpdateTests.kubernetesSequence)
    // Never below 10 - maxUnavailable (25% of 10, rounded down: 2).
    #expect(summary["minAvailable"]?.intValue == 8)
  }

  @Test func threeToTwoWithANewImageFollowsKubernetes() throws {
    let box = try Sandbox()
    let v1 = try box.copy(
      example: "web-v1.yaml", to: "v1.yaml",
      replacing: [
        ("replicas: 10", "replicas: 3"), ("maxSurge: 25%", "maxSurge: 1"),
        ("maxUnavailable: 25%", "maxUnavailable: 1"),
      ])
    let v2 = try box.copy(
      example: "web-v1.yaml", to: "v2.yaml",
      replacing: [
        ("replicas: 10", "replicas: 2"), ("maxSurge: 25%", "maxSurge: 1"),
        ("maxUnavailable: 25%", "maxUnavailable: 1"),
        ("image: example/web:1.0", "image: example/web:2.0"),
      ])
    #expect(try box.run(["--state", box.state, v1]).status == 0)
    let (result, steps, summary) = try apply(box, v2, newRevision: 2)
    #expect(result.status == 0, "\(result)")
    // replicas 2, maxSurge 1, maxUnavailable 1: at most 3 pods, at least 1 available; pods are
    // Ready 2 s after creation.
    #expect(
      steps == [
        // isScalingEvent: the only active ReplicaSet was sized for 3; scale: straight to 2.
        Step(role: .old, from: 3, to: 2, at: 0),
        // NewRSNewReplicas: 2 pods, room for 3 - 2 = 1: new 0 -> 1.
        Step(role: .new, from: 0, to: 1, at: 0),
        // maxScaledDown = 3 - 1 - 1 (new unavailable) = 1; 2 available > 1: old 2 -> 1.
        Step(role: .old, from: 2, to: 1, at: 0),
        // 2 pods, room for 1 more: new 1 -> 2.
        Step(role: .new, from: 1, to: 2, at: 0),
        // +2s: both new pods available: the last old pod goes.
        Step(role: .old, from: 1, to: 0, at: 2),
      ])
    #expect(summary["minAvailable"]?.intValue == 1)
    #expect(summary["peakPods"]?.intValue == 3)
  }

  @Test func backToThePreviousImageWithFewerReplicasReusesItsReplicaSet() throws {
    let box = try Sandbox()
    let v1 = try box.run([
      "--state", box.state, "--output", "jsonl", Sandbox.example("web-v1.yaml"),
    ])
    #expect(v1.status == 0, "\(v1)")
    let firstReplicaSet = try #require(try v1.scaleLines().first?.replicaSet)
    #expect(try box.run(["--state", box.state, Sandbox.example("web-v2.yaml")]).status == 0)
    let back = try box.copy(
      example: "web-v1.yaml", to: "back.yaml", replacing: [("replicas: 10", "replicas: 4")])

    let result = try box.run(["--state", box.state, "--output", "jsonl", back])
    #expect(result.status == 0, "\(result)")
    let scales = try result.scaleLines()
    // The scaling event resizes revision 2 first; revision 1's ReplicaSet comes back as 3.
    #expect(scales.first.map { [$0.revision, $0.from, $0.to] } == [2, 10, 4])
    #expect(scales.filter { $0.revision == 3 }.allSatisfy { $0.replicaSet == firstReplicaSet })
    #expect(scales.last.map { [$0.revision, $0.to] } == [2, 0])
    let summary = try result.summary()
    #expect(summary["revision"]?.intValue == 3)
    // 4 replicas, maxUnavailable 25% of 4 = 1: never below 3.
    #expect(summary["minAvailable"]?.intValue == 3)
  }
}
