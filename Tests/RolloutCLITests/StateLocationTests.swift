import Foundation
import Testing

/// The store is `--state`, else `$ROLLOUT_STATE`, else `./.rollout`.
@Suite struct StateLocationTests {
  func exists(_ path: String) -> Bool {
    FileManager.default.fileExists(atPath: path + "/cluster.json")
  }

  @Test func defaultsToDotRolloutInTheWorkingDirectory() throws {
    let box = try Sandbox()
    let run = try box.run([Sandbox.example("web-v1.yaml")])
    #expect(run.status == 0, "\(run)")
    #expect(exists(box.path(".rollout")))
    let get = try box.run(["get", "web"])
    #expect(get.status == 0, "\(get)")
  }

  @Test func environmentVariableThenFlag() throws {
    let box = try Sandbox()
    let env = ["ROLLOUT_STATE": box.path("from-env")]
    let run = try box.run([Sandbox.example("web-v1.yaml")], environment: env)
    #expect(run.status == 0, "\(run)")
    #expect(exists(box.path("from-env")))
    #expect(!exists(box.path(".rollout")))
    // The flag wins over the environment: that store is empty.
    let get = try box.run(["get", "web", "--state", box.path("flag")], environment: env)
    #expect(get.status == 2, "\(get)")
    let status = try box.run(["status", "web"], environment: env)
    #expect(status.status == 0, "\(status)")
  }
}
