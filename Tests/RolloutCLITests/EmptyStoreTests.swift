import Foundation
import Testing

/// A command that reads or steers a stored rollout, run where nothing was applied: bad input
/// (exit 2) naming the store, and nothing created, neither the directory nor its lock.
@Suite struct EmptyStoreTests {
  @Test(arguments: [
    ["get", "web"], ["status", "web"], ["history", "web"], ["replay", "web"], ["promote", "web"],
    ["abort", "web"], ["retry", "web"], ["pause", "web"], ["resume", "web"], ["undo", "web"],
    ["restart", "web"], ["scale", "web", "--replicas", "3"], ["set", "image", "web", "web=x:2"],
  ])
  func aVerbOnAMissingStoreCreatesNothing(_ verb: [String]) throws {
    let box = try Sandbox()
    let result = try box.run(verb + ["--state", box.state])
    #expect(result.status == 2, "\(result)")
    #expect(
      result.stderr.contains(
        "no rollout state in \(box.state): nothing has been applied there yet"),
      "\(result)")
    #expect(!FileManager.default.fileExists(atPath: box.state))
  }

  @Test func anEmptyDirectoryGetsNoLockFile() throws {
    let box = try Sandbox()
    try FileManager.default.createDirectory(atPath: box.state, withIntermediateDirectories: true)
    let result = try box.run(["get", "web", "--state", box.state])
    #expect(result.status == 2, "\(result)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: box.state).isEmpty)
  }
}
