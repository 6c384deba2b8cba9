import Foundation
import Testing

/// `rollout status NAME` speaks kubectl's words; `rollout get NAME` shows the tree.
@Suite struct StatusTests {
  @Test func completedRolloutSuccessfullyRolledOut() throws {
    let box = try Sandbox()
    for manifest in ["web-v1.yaml", "web-v2.yaml"] {
      let run = try box.run([Sandbox.example(manifest), "--state", box.state])
      #expect(run.status == 0, "\(run)")
    }
    for flags in [[], ["--no-watch"]] {
      let status = try box.run(["status", "web", "--state", box.state] + flags)
      #expect(status.status == 0, "\(status)")
      #expect(status.stdout == "deployment \"web\" successfully rolled out\n", "\(status)")
    }
  }

  @Test func midRolloutPauseReportsUpdatedReplicas() throws {
    let box = try Sandbox()
    _ = try box.run([Sandbox.example("web-v1.yaml"), "--state", box.state])
    let script = try box.write(
      "two.lua",
      """
      function step(ctx)
        if ctx.newRS.replicas < 2 then
          ctx.newRS:scale(2)
        else
          ctx:pause("Hold")
        end
      end
      """)
    let apply = try box.run([
      "--strategy", script, Sandbox.example("web-v2.yaml"), "--state", box.state,
    ])
    #expect(apply.status == 3, "\(apply)")
    let waiting =
      "Waiting for deployment \"web\" rollout to finish: 2 out of 10 new replicas have been updated...\n"
    let current = try box.run(["status", "web", "--no-watch", "--state", box.state])
    #expect(current.status == 3, "\(current)")
    #expect(current.stdout == waiting, "\(current)")
    let watched = try box.run(["status", "web", "--state", box.state])
    #expect(watched.status == 3, "\(watched)")
    #expect(watched.stdout.hasPrefix(waiting), "\(watched)")
    #expect(watched.stdout.contains("deployment \"web\" is paused (Hold)"), "\(watched)")
  }

  @Test func missingDeploymentExitsTwo() throws {
    let box = try Sandbox()
    let empty = try box.run(["status", "web", "--state", box.state])
    #expect(empty.status == 2, "\(empty)")
    #expect(empty.stderr.contains("nothing has been applied there yet"), "\(empty)")

    _ = try box.run([Sandbox.example("web-v1.yaml"), "--state", box.state])
    for command in ["status", "get"] {
      let missing = try box.run([command, "api", "--state", box.state])
      #expect(missing.status == 2, "\(missing)")
      #expect(missing.stderr.contains("deployment \"api\" not found"), "\(missing)")
      #expect(missing.stderr.contains("known: web"), "\(missing)")
      #expect(missing.stdout.isEmpty)
    }
  }

  @Test func getShowsTheTree() throws {
    let box = try Sandbox()
    _ = try box.run([Sandbox.example("web-v1.yaml"), "--state", box.state])
    let v2 = try box.run([Sandbox.example("web-v2.yaml"), "--state", box.state, "-o", "jsonl"])
    let names = Dictionary(
      try v2.scaleLines().map { ($0.revision, $0.replicaSet) },
      uniquingKeysWith: { first, _ in first })
    let new = try #require(names[2])
    let old = try #require(names[1])
    let get = try box.run(["get", "web", "--state", box.state])
    #expect(get.status == 0, "\(get)")
    let lines = get.stdout.split(separator: "\n").map(String.init)
    #expect(lines.contains { $0.hasPrefix("Status:") && $0.contains("Healthy") }, "\(get)")
    #expect(lines.contains { $0.hasPrefix("Strategy:") && $0.hasSuffix("rolling") }, "\(get)")
    #expect(lines.contains { $0.hasPrefix("Revision:") && $0.hasSuffix(" 2") }, "\(get)")
    #expect(
      lines.contains { $0.contains(new) && $0.contains("ReplicaSet") && $0.contains("ready:10/10") }
    )
    #expect(
      lines.contains { $0.contains(old) && $0.contains("ScaledDown") && $0.contains("ready:0/0") })
    #expect(lines.filter { $0.contains(" Pod ") && $0.contains(new + "-") }.count == 10, "\(get)")
    // Revision 2 is listed before revision 1.
    let revision2 = try #require(lines.firstIndex { $0.contains("# revision:2") })
    let revision1 = try #require(lines.firstIndex { $0.contains("# revision:1") })
    #expect(revision2 < revision1)
  }
}
