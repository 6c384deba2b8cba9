import Engine
import Foundation
import Testing

/// The stock canary strategy through the built binary: pauses, promote, promote --full, abort,
/// retry and scaling mid-canary, on a plain Deployment and on an Argo Rollout.
@Suite struct CanaryTests {
  /// The two ways to ask for a canary.
  enum Form: String, CaseIterable, CustomStringConvertible {
    /// A plain apps/v1 Deployment with the rollout.dev/strategy annotations.
    case deployment
    /// An argoproj.io Rollout with spec.strategy.canary.
    case rollout
    var description: String { rawValue }
  }

  /// A 10-replica canary named `web` with `steps` (YAML flow list), at `image`.
  static func manifest(_ form: Form, steps: String, image: String) -> String {
    let body = """
      spec:
        replicas: 10
        selector:
          matchLabels: {app: web}
        template:
          metadata:
            labels: {app: web}
          spec:
            containers:
              - name: web
                image: \(image)

      """
    switch form {
    case .deployment:
      return """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          annotations:
            rollout.dev/strategy: canary
            rollout.dev/strategy-params: '{steps: \(steps)}'

        """ + body
    case .rollout:
      return """
        apiVersion: argoproj.io/v1alpha1
        kind: Rollout
        metadata:
          name: web

        """ + body + """
            strategy:
              canary:
                steps: \(steps)

          """
    }
  }

  static let timedThenManual =
    "[{setWeight: 20}, {pause: {duration: 60}}, {setWeight: 60}, {pause: {}}]"
  static let manualThenMore = "[{setWeight: 20}, {pause: {}}, {setWeight: 60}, {pause: {}}]"

  /// A sandbox where `example/web:1.0` is fully rolled out, and the v2 manifest's path.
  func rolledOutV1(_ form: Form, steps: String) throws -> (Sandbox, String) {
    let box = try Sandbox()
    let v1 = try box.write("v1.yaml", Self.manifest(form, steps: steps, image: "example/web:1.0"))
    let first = try box.run([v1, "--state", box.state])
    #expect(first.status == 0, "\(first)")
    let v2 = try box.write("v2.yaml", Self.manifest(form, steps: steps, image: "example/web:2.0"))
    return (box, v2)
  }

  /// The value of `name:` in `rollout get` text (e.g. "Step" -> "4/4").
  static func field(_ name: String, in text: String) -> String? {
    for line in text.split(separator: "\n") {
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      if trimmed.hasPrefix(name + ":") {
        return trimmed.dropFirst(name.count + 1).trimmingCharacters(in: .whitespaces)
      }
    }
    return nil
  }

  @Test(arguments: Form.allCases)
  func pausesIsPromotedAndCompletes(form: Form) throws {
    let (box, v2) = try rolledOutV1(form, steps: Self.timedThenManual)
    let run = try box.run([v2, "--state", box.state, "-o", "jsonl"])
    #expect(run.status == 3, "\(run)")
    let summary = try run.summary()
    #expect(summary["reason"]?.stringValue == "CanaryPauseStep")
    #expect(summary["result"]?.stringValue == "paused")
    #expect(try #require(summary["duration"]?.doubleValue) >= 60)
    // Replicas 10, maxSurge 25% -> 3, maxUnavailable 25% -> 2: never fewer than 8 available.
    #expect(try #require(summary["minAvailable"]?.intValue) >= 8)
    // The timed pause (step 2) lasts exactly 60 s; the promote-only one (step 4) has no end.
    let paused = try run.jsonLines().filter { $0.type == "paused" }
    #expect(paused.count == 2, "\(run)")
    let timed = try #require(paused.first)
    #expect(timed["until"]?.doubleValue == (timed["time"]?.doubleValue ?? 0) + 60)
    #expect(paused.last?["until"] == .null)

    // setWeight 60 of 10 = canary 6, stable 4.
    let store = try StoreDocument(state: box.state, deployment: "web")
    #expect(store.revision(2)?.replicas == 6 && store.revision(2)?.available == 6, "\(store)")
    #expect(store.revision(1)?.replicas == 4 && store.revision(1)?.available == 4, "\(store)")

    let get = try box.run(["get", "web", "--state", box.state])
    #expect(get.status == 0, "\(get)")
    #expect(get.stdout.contains("Paused (CanaryPauseStep)"), "\(get)")
    #expect(Self.field("Step", in: get.stdout) == "4/4", "\(get)")
    #expect(Self.field("SetWeight", in: get.stdout) == "60", "\(get)")
    #expect(Self.field("ActualWeight", in: get.stdout) == "60", "\(get)")
    #expect(get.stdout.contains("example/web:2.0 (canary)"), "\(get)")
    #expect(get.stdout.contains("example/web:1.0 (stable)"), "\(get)")

    let promote = try box.run(["promote", "web", "--state", box.state, "-o", "jsonl"])
    #expect(promote.status == 0, "\(promote)")
    #expect(try promote.summary()["result"]?.stringValue == "complete")
    #expect(try promote.scaleLines().filter { $0.revision == 1 }.last?.to == 0, "\(promote)")
    #expect(try promote.scaleLines().filter { $0.revision == 2 }.last?.to == 10, "\(promote)")
    let done = try StoreDocument(state: box.state, deployment: "web")
    #expect(done.revision(1)?.replicas == 0 && done.revision(2)?.replicas == 10, "\(done)")
    #expect(done.podsByOwner[try #require(done.revision(2)).name] == 10, "\(done)")

    // The rollout is complete: promote refuses, saying so, changing nothing.
    let before = try box.storeFiles()
    let again = try box.run(["promote", "web", "--state", box.state])
    #expect(again.status == 2, "\(again)")
    #expect(
      again.stderr.contains("\"web\" is fully rolled out (revision 2); nothing to promote"),
      "\(again)")
    #expect(!again.stderr.contains("--full"), "\(again)")
    #expect(try box.storeFiles() == before)
  }

  @Test(arguments: Form.allCases)
  func promoteFullSkipsTheRemainingSteps(form: Form) throws {
    let (box, v2) = try rolledOutV1(form, steps: Self.manualThenMore)
    let run = try box.run([v2, "--state", box.state])
    #expect(run.status == 3, "\(run)")
    let paused = try StoreDocument(state: box.state, deployment: "web")
    #expect(paused.revision(2)?.replicas == 2 && paused.revision(1)?.replicas == 8, "\(paused)")

    let full = try box.run(["promote", "web", "--full", "--state", box.state, "-o", "jsonl"])
    #expect(full.status == 0, "\(full)")
    let lines = try full.jsonLines()
    // Neither setWeight 60 nor the second pause happens: straight to 10.
    #expect(!lines.contains { $0.type == "paused" }, "\(full)")
    #expect(
      !lines.contains { $0["message"]?.stringValue?.contains("setWeight 60") ?? false }, "\(full)")
    #expect(lines.contains { $0["message"]?.stringValue?.hasPrefix("promoted fully") ?? false })
    // The canary grows to 10 within maxSurge, never stopping at setWeight 60's 6.
    let canary = try full.scaleLines().filter { $0.revision == 2 }
    #expect(canary.allSatisfy { $0.to > $0.from && $0.to != 6 } && canary.last?.to == 10)
    let done = try StoreDocument(state: box.state, deployment: "web")
    #expect(done.revision(1)?.replicas == 0 && done.revision(2)?.replicas == 10, "\(done)")
    #expect(try full.summary()["result"]?.stringValue == "complete")
  }

  @Test func abortReturnsEveryPodToStableAndRetryStartsOver() throws {
    let (box, v2) = try rolledOutV1(.deployment, steps: Self.timedThenManual)
    let run = try box.run([v2, "--state", box.state])
    #expect(run.status == 3, "\(run)")
    let paused = try StoreDocument(state: box.state, deployment: "web")
    let canaryName = try #require(paused.revision(2)).name
    let stableName = try #require(paused.revision(1)).name

    let abort = try box.run(["abort", "web", "--state", box.state, "-o", "jsonl"])
    #expect(abort.status == 1, "\(abort)")
    let summary = try abort.summary()
    #expect(summary["reason"]?.stringValue == "RolloutAborted")
    #expect(summary["result"]?.stringValue == "aborted")
    #expect(try #require(summary["minAvailable"]?.intValue) >= 8)
    // The canary only shrinks, to 0; the stable only grows, back to 10.
    let scales = try abort.scaleLines()
    let canary = scales.filter { $0.replicaSet == canaryName }
    let stable = scales.filter { $0.replicaSet == stableName }
    #expect(canary.allSatisfy { $0.to < $0.from } && canary.last?.to == 0, "\(abort)")
    #expect(stable.allSatisfy { $0.to > $0.from } && stable.last?.to == 10, "\(abort)")
    #expect(canary.first?.from == 6 && stable.first?.from == 4, "\(abort)")

    let get = try box.run(["get", "web", "--state", box.state])
    #expect(get.stdout.contains("Degraded (RolloutAborted)"), "\(get)")
    #expect(!get.stdout.contains("example/web:2.0"), "no canary pod is left: \(get)")
    let aborted = try StoreDocument(state: box.state, deployment: "web")
    #expect(aborted.podsByOwner == [stableName: 10], "\(aborted)")
    #expect(aborted.revision(2)?.replicas == 0 && aborted.revision(1)?.replicas == 10)
    let status = try box.run(["status", "web", "--no-watch", "--state", box.state])
    #expect(status.status == 1, "\(status)")

    // Retry: from step 1 again, through the timed pause, to the promote-only pause.
    let retry = try box.run(["retry", "web", "--state", box.state, "-o", "jsonl"])
    #expect(retry.status == 3, "\(retry)")
    let messages = try retry.jsonLines().compactMap { $0["message"]?.stringValue }
    #expect(messages.first?.hasPrefix("step 1/4: setWeight 20") ?? false, "\(retry)")
    let retryPauses = try retry.jsonLines().filter { $0.type == "paused" }
    #expect(retryPauses.first?["until"]?.doubleValue != nil, "\(retry)")
    #expect(try retry.summary()["reason"]?.stringValue == "CanaryPauseStep")
    let again = try StoreDocument(state: box.state, deployment: "web")
    #expect(again.revision(2)?.replicas == 6 && again.revision(1)?.replicas == 4, "\(again)")
  }

  @Test func undoMidCanaryGoesStraightBackToStable() throws {
    let (box, v2) = try rolledOutV1(.deployment, steps: Self.manualThenMore)
    let run = try box.run([v2, "--state", box.state])
    #expect(run.status == 3, "\(run)")
    let paused = try StoreDocument(state: box.state, deployment: "web")
    let stableName = try #require(paused.revision(1)).name
    let canaryName = try #require(paused.revision(2)).name

    // The template goes back to the stable's: it is the new ReplicaSet again (revision 3), so
    // there is nothing to be a canary against. No step runs, nothing pauses, the half-rolled-out
    // v2 only shrinks and the stable only grows.
    let undo = try box.run(["undo", "web", "--state", box.state, "-o", "jsonl"])
    #expect(undo.status == 0, "\(undo)")
    let lines = try undo.jsonLines()
    #expect(lines.contains { $0.type == "adopted" && $0["replicaSet"]?.stringValue == stableName })
    #expect(!lines.contains { $0.type == "paused" }, "\(undo)")
    let scales = try undo.scaleLines()
    let canary = scales.filter { $0.replicaSet == canaryName }
    let stable = scales.filter { $0.replicaSet == stableName }
    #expect(canary.allSatisfy { $0.to < $0.from } && canary.last?.to == 0, "\(undo)")
    #expect(stable.allSatisfy { $0.to > $0.from } && stable.last?.to == 10, "\(undo)")
    let summary = try undo.summary()
    #expect(summary["result"]?.stringValue == "complete")
    #expect(summary["revision"]?.intValue == 3)
    #expect(try #require(summary["minAvailable"]?.intValue) >= 8)
    let done = try StoreDocument(state: box.state, deployment: "web")
    #expect(done.podsByOwner == [stableName: 10], "\(done)")
  }

  @Test func abortWhenFullyRolledOutIsRefused() throws {
    let (box, v2) = try rolledOutV1(.deployment, steps: "[{setWeight: 50}]")
    let run = try box.run([v2, "--state", box.state])
    #expect(run.status == 0, "\(run)")
    let abort = try box.run(["abort", "web", "--state", box.state])
    #expect(abort.status == 2, "\(abort)")
    #expect(abort.stderr.contains("is fully rolled out; nothing to abort"), "\(abort)")
  }

  @Test func scalingMidCanaryIsProportional() throws {
    let (box, v2) = try rolledOutV1(.deployment, steps: "[{setWeight: 20}, {pause: {}}]")
    let run = try box.run([v2, "--state", box.state])
    #expect(run.status == 3, "\(run)")
    let paused = try StoreDocument(state: box.state, deployment: "web")
    #expect(paused.revision(2)?.replicas == 2 && paused.revision(1)?.replicas == 8, "\(paused)")

    let scale = try box.run([
      "scale", "web", "--replicas", "20", "--state", box.state, "-o", "jsonl",
    ])
    #expect(scale.status == 3, "still paused: \(scale)")
    // Kubernetes' proportional scaling (getReplicaSetFraction): the ReplicaSets were sized for
    // max-replicas = 10 + maxSurge 3 = 13; now 20 + maxSurge 5 = 25 are allowed, 10 exist, so
    // 15 are added. stable: round(8 * 25 / 13) = round(15.38) = 15 -> +7; canary:
    // round(2 * 25 / 13) = round(3.85) = 4 -> +2. The 15 - 9 = 6 left over go to the largest
    // (the stable): stable 8 -> 21, canary 2 -> 4.
    let proportional = try scale.jsonLines().filter {
      $0.type == "scale" && $0["cause"]?.stringValue == "proportional"
    }
    .map(ScaleLine.init)
    #expect(
      proportional.map { [$0.revision, $0.from, $0.to] }.sorted { $0[0] < $1[0] }
        == [[1, 8, 21], [2, 2, 4]], "\(scale)")
    let scaled = try StoreDocument(state: box.state, deployment: "web")
    #expect(scaled.revision(1)?.replicas == 21 && scaled.revision(2)?.replicas == 4, "\(scaled)")

    let promote = try box.run(["promote", "web", "--state", box.state, "-o", "jsonl"])
    #expect(promote.status == 0, "\(promote)")
    let done = try StoreDocument(state: box.state, deployment: "web")
    #expect(done.revision(2)?.replicas == 20 && done.revision(2)?.available == 20, "\(done)")
    #expect(done.revision(1)?.replicas == 0, "\(done)")
    #expect(done.podsByOwner == [try #require(done.revision(2)).name: 20], "\(done)")
    #expect(try promote.summary()["result"]?.stringValue == "complete")
  }
}
