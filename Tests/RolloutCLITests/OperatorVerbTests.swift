import Engine
import Foundation
import Testing

/// kubectl's rollout verbs through the built binary: undo, history, pause, restart, set image.
@Suite struct OperatorVerbTests {
  /// A sandbox where web:1.0 then web:2.0 were rolled out (rolling): revisions 1 and 2.
  func rolledOutV2() throws -> Sandbox {
    let box = try Sandbox()
    for manifest in ["web-v1.yaml", "web-v2.yaml"] {
      let run = try box.run([Sandbox.example(manifest), "--state", box.state])
      #expect(run.status == 0, "\(run)")
    }
    return box
  }

  @Test func undoReusesTheOldReplicaSetAsANewRevision() throws {
    let box = try rolledOutV2()
    let v1Name = try #require(StoreDocument(state: box.state, deployment: "web").revision(1)).name

    let undo = try box.run(["undo", "web", "--state", box.state, "-o", "jsonl"])
    #expect(undo.status == 0, "\(undo)")
    // stdout stays JSON lines; kubectl's line goes to stderr.
    let lines = try undo.jsonLines()
    #expect(undo.stderr.contains("deployment.apps/web rolled back"), "\(undo)")
    #expect(!lines.contains { $0.type == "created" }, "no new ReplicaSet: \(undo)")
    let adopted = try #require(lines.first { $0.type == "adopted" }, "\(undo)")
    #expect(adopted["replicaSet"]?.stringValue == v1Name)
    #expect(adopted["revision"]?.intValue == 3)
    let summary = try undo.summary()
    #expect(summary["revision"]?.intValue == 3)
    #expect(summary["result"]?.stringValue == "complete")
    let store = try StoreDocument(state: box.state, deployment: "web")
    #expect(store.replicaSets.count == 2, "\(store)")
    #expect(store.revision(3)?.name == v1Name && store.revision(3)?.replicas == 10, "\(store)")

    let history = try box.run(["history", "web", "--state", box.state])
    #expect(history.status == 0, "\(history)")
    let rows = history.stdout.split(separator: "\n").map {
      $0.split(separator: " ", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
    }
    #expect(
      rows == [
        ["deployment.apps/web"], ["REVISION", "CHANGE-CAUSE"], ["2", "deploy web:2.0"],
        ["3", "deploy web:1.0"],
      ], "\(history)")
    let three = try box.run(["history", "web", "--revision", "3", "--state", box.state])
    #expect(three.stdout.contains("deployment.apps/web with revision #3"), "\(three)")
    #expect(three.stdout.contains("Image:\texample/web:1.0"), "\(three)")
  }

  @Test func undoRefusals() throws {
    let box = try rolledOutV2()
    let missing = try box.run(["undo", "web", "--to-revision", "99", "--state", box.state])
    #expect(missing.status == 2, "\(missing)")
    #expect(missing.stderr.contains("unable to find specified revision 99 in history"))

    let same = try box.run(["undo", "web", "--to-revision", "2", "--state", box.state])
    #expect(same.status == 0, "\(same)")
    #expect(
      same.stdout.contains(
        "deployment.apps/web skipped rollback (current template already matches revision 2)"),
      "\(same)")

    let pause = try box.run(["pause", "web", "--state", box.state])
    #expect(pause.status == 3, "\(pause)")
    let before = try box.storeFiles()
    let paused = try box.run(["undo", "web", "--state", box.state])
    #expect(paused.status == 2, "\(paused)")
    #expect(
      paused.stderr.contains(
        "you cannot rollback a paused deployment; resume it first with 'rollout resume' and try again"
      ), "\(paused)")
    #expect(try box.storeFiles() == before)
  }

  @Test func restartMakesANewRevisionWithRestartedAt() throws {
    let box = try Sandbox()
    let v1 = try box.run([Sandbox.example("web-v1.yaml"), "--state", box.state])
    #expect(v1.status == 0, "\(v1)")
    let restart = try box.run(["restart", "web", "--state", box.state, "-o", "jsonl"])
    #expect(restart.status == 0, "\(restart)")
    let created = try #require(try restart.jsonLines().first { $0.type == "created" })
    #expect(created["revision"]?.intValue == 2)
    #expect(try restart.summary()["revision"]?.intValue == 2)
    // Every pod is replaced, within maxUnavailable.
    #expect(try restart.scaleLines().filter { $0.revision == 1 }.last?.to == 0)
    #expect(try restart.summary()["minAvailable"]?.intValue == 8)

    let two = try box.run(["history", "web", "--revision", "2", "--state", box.state])
    #expect(two.status == 0, "\(two)")
    #expect(two.stdout.contains("kubectl.kubernetes.io/restartedAt: "), "\(two)")
    #expect(two.stdout.contains("Image:\texample/web:1.0"), "\(two)")
    let one = try box.run(["history", "web", "--revision", "1", "--state", box.state])
    #expect(!one.stdout.contains("restartedAt"), "\(one)")
  }

  @Test func setImageRollsOutAndNamesTheContainers() throws {
    let box = try rolledOutV2()
    let set = try box.run([
      "set", "image", "web", "web=example/web:3.0", "--state", box.state, "-o", "jsonl",
    ])
    #expect(set.status == 0, "\(set)")
    #expect(try set.summary()["revision"]?.intValue == 3)
    #expect(try set.summary()["result"]?.stringValue == "complete")
    let get = try box.run(["get", "web", "--state", box.state])
    #expect(get.stdout.contains("example/web:3.0 (stable)"), "\(get)")
    let three = try box.run(["history", "web", "--revision", "3", "--state", box.state])
    #expect(three.stdout.contains("Image:\texample/web:3.0"), "\(three)")

    let before = try box.storeFiles()
    let wrong = try box.run(["set", "image", "web", "nosuch=x", "--state", box.state])
    #expect(wrong.status == 2, "\(wrong)")
    #expect(
      wrong.stderr.contains("unable to find container named \"nosuch\" (containers: web)"),
      "\(wrong)")
    #expect(try box.storeFiles() == before)
  }
}
