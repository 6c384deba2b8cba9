import Engine
import Foundation
import Testing

/// `kill -9` at any moment, then the same command again: the rollout completes as if nothing
/// happened, and the store holds one ReplicaSet per revision and no leftover temp files.
@Suite struct CrashSafetyTests {
  static let replicas = 300
  /// Milliseconds after start: during startup and the first apply, then mid-rollout (the store
  /// is checkpointed every 100 ms while a rollout runs).
  static let killDelays = [5, 20, 40, 60, 150, 300]

  /// A manifest of `examples/<example>` scaled to `replicas`, in the sandbox.
  func big(_ box: Sandbox, _ example: String) throws -> String {
    try box.copy(
      example: example, to: "big-" + example,
      replacing: [("  replicas: 10\n", "  replicas: \(Self.replicas)\n")])
  }

  /// Runs `arguments`, SIGKILLs it after `delay` ms, then runs it again to the end.
  func killThenRerun(_ box: Sandbox, _ arguments: [String], after delay: Int) throws
    -> RolloutResult
  {
    let running = try RolloutProcess.Running(arguments, cwd: box.directory, environment: [:])
    usleep(useconds_t(delay * 1_000))
    running.killHard()
    let killed = try running.wait()
    // Killed, or it had already finished: either way the rerun must complete.
    #expect(killed.signaled || killed.status == 0, "\(killed)")
    return try box.run(arguments)
  }

  func store(_ box: Sandbox) throws -> StoreDocument {
    try StoreDocument(state: box.state, deployment: "web")
  }

  func expectNoTemporaries(_ box: Sandbox) throws {
    let names = try FileManager.default.contentsOfDirectory(atPath: box.state)
    #expect(!names.contains { $0.contains(".tmp-") }, "\(names)")
  }

  @Test(arguments: killDelays)
  func killDuringRollingUpdateThenRerun(afterMilliseconds delay: Int) throws {
    let box = try Sandbox()
    let flags = ["--state", box.state, "--ready-jitter", "5s", "--seed", "7", "-o", "jsonl"]
    let v1 = try box.run([try big(box, "web-v1.yaml")] + flags)
    #expect(v1.status == 0, "\(v1)")

    let rerun = try killThenRerun(box, [try big(box, "web-v2.yaml")] + flags, after: delay)
    #expect(rerun.status == 0, "\(rerun)")
    #expect(try rerun.summary()["revision"]?.intValue == 2)

    let document = try store(box)
    let sets = document.replicaSets
    #expect(document.version == 1)
    #expect(sets.count == 2, "one ReplicaSet per revision: \(sets)")
    #expect(Set(sets.map(\.name)).count == sets.count, "names unique")
    #expect(sets.allSatisfy { $0.name == "web-\($0.templateHash)" && !$0.templateHash.isEmpty })
    #expect(Set(sets.map(\.revision)) == ["1", "2"])
    let new = try #require(document.revision(2))
    let old = try #require(document.revision(1))
    #expect(new.replicas == Self.replicas && new.available == Self.replicas, "\(new)")
    #expect(old.replicas == 0 && old.available == 0, "\(old)")
    #expect(document.podsByOwner == [new.name: Self.replicas])
    try expectNoTemporaries(box)
    let get = try box.run(["get", "web", "--state", box.state])
    #expect(get.stdout.contains("Healthy") && get.stdout.contains("Revision:      2"), "\(get)")
  }

  @Test(arguments: [5, 30, 60])
  func killDuringFirstApplyThenRerun(afterMilliseconds delay: Int) throws {
    let box = try Sandbox()
    let flags = ["--state", box.state, "--ready-jitter", "5s", "--seed", "7"]
    let rerun = try killThenRerun(box, [try big(box, "web-v1.yaml")] + flags, after: delay)
    #expect(rerun.status == 0, "\(rerun)")
    let sets = try store(box).replicaSets
    #expect(sets.count == 1, "\(sets)")
    let first = try #require(sets.first)
    #expect(first.revision == "1" && first.replicas == Self.replicas, "\(first)")
    #expect(first.available == Self.replicas, "\(first)")
    try expectNoTemporaries(box)
    // And the store is good for the next revision.
    let v2 = try box.run([try big(box, "web-v2.yaml")] + flags)
    #expect(v2.status == 0, "\(v2)")
    #expect(Set(try store(box).replicaSets.map(\.revision)) == ["1", "2"])
  }

  /// Kills the run right after the store shows it mid-rollout (both revisions with replicas),
  /// so at least one kill always lands between two checkpoints of a running rollout: on every
  /// new checkpoint the process is stopped (SIGSTOP) while the store is read, then killed or
  /// continued.
  @Test func killRightAfterAMidRolloutCheckpoint() throws {
    let box = try Sandbox()
    let flags = ["--state", box.state, "--ready-jitter", "5s", "--seed", "7"]
    let v1 = try box.run([try big(box, "web-v1.yaml")] + flags)
    #expect(v1.status == 0, "\(v1)")
    let v2 = [try big(box, "web-v2.yaml")] + flags
    let running = try RolloutProcess.Running(v2, cwd: box.directory, environment: [:])
    let pid = running.process.processIdentifier
    let path = box.state + "/cluster.json"
    let before = try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date
    var seen = before
    var midRollout = false
    while running.process.isRunning, !midRollout {
      let attributes = try? FileManager.default.attributesOfItem(atPath: path)
      if let modified = attributes?[.modificationDate] as? Date, modified != seen {
        seen = modified
        kill(pid, SIGSTOP)
        let sets = (try? store(box))?.replicaSets ?? []
        midRollout = sets.count == 2 && sets.allSatisfy { $0.replicas > 0 }
        if !midRollout { kill(pid, SIGCONT) }
      }
      usleep(1_000)
    }
    running.killHard()
    let killed = try running.wait()
    #expect(midRollout && killed.signaled, "never saw a mid-rollout checkpoint: \(killed)")
    let sets = try store(box).replicaSets
    #expect(sets.count == 2 && sets.allSatisfy { $0.replicas > 0 }, "killed mid-rollout: \(sets)")

    let rerun = try box.run(v2)
    #expect(rerun.status == 0, "\(rerun)")
    let after = try store(box)
    #expect(after.replicaSets.count == 2, "\(after.replicaSets)")
    let new = try #require(after.revision(2))
    #expect(new.replicas == Self.replicas && new.available == Self.replicas, "\(new)")
    #expect(after.revision(1)?.replicas == 0)
    #expect(after.podsByOwner == [new.name: Self.replicas])
    try expectNoTemporaries(box)
  }
}
