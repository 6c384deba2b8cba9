import Foundation
import Testing

@testable import Store

@Suite struct StoreTests {
  struct Document: Codable, Equatable {
    var name: String
    var count: Int
  }

  /// A fresh, empty directory under the system's temporary directory.
  private func scratchDirectory() -> String {
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("rollout-store-\(UUID().uuidString)").path
    return path + "/state"
  }

  private func write(_ text: String, to path: String) {
    _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
  }

  private func files(in directory: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
  }

  @Test func roundTripsDocuments() throws {
    let store = try StateStore.open(directory: scratchDirectory())
    #expect(try store.load("cluster.json", as: Document.self) == nil)
    try store.save(Document(name: "a", count: 1), as: "cluster.json")
    try store.save(Document(name: "b", count: 2), as: "cluster.json")
    #expect(try store.load("cluster.json", as: Document.self) == Document(name: "b", count: 2))
    #expect(files(in: store.directory) == ["cluster.json", "lock"])
    let text = try String(contentsOfFile: store.path(of: "cluster.json"), encoding: .utf8)
    #expect(text.contains(#""version":1"#) && text.contains(#""data":{"#))
  }

  @Test func removesStaleTemporaryFilesOnOpen() throws {
    let directory = scratchDirectory()
    try StateStore.open(directory: directory).close()
    write("{", to: directory + "/cluster.json.tmp-12345")
    let store = try StateStore.open(directory: directory)
    #expect(files(in: directory) == ["lock"])
    #expect(try store.load("cluster.json", as: Document.self) == nil)
  }

  @Test func corruptDocumentIsAClearError() throws {
    let store = try StateStore.open(directory: scratchDirectory())
    let path = store.path(of: "cluster.json")
    write(#"{"version": 1, "da"#, to: path)
    #expect(throws: StoreError.self) { try store.load("cluster.json", as: Document.self) }
    do {
      _ = try store.load("cluster.json", as: Document.self)
    } catch {
      #expect("\(error)".hasPrefix("\(path) is corrupt"))
    }
    write(#"{"version": 1, "data": {"name": 3}}"#, to: path)
    #expect {
      try store.load("cluster.json", as: Document.self)
    } throws: { error in
      guard case .corrupt(let where_, _) = error as? StoreError else { return false }
      return where_ == path
    }
  }

  @Test func unknownVersionIsRefused() throws {
    let store = try StateStore.open(directory: scratchDirectory())
    let path = store.path(of: "cluster.json")
    write(#"{"version": 2, "data": {}}"#, to: path)
    #expect(throws: StoreError.unsupportedVersion(path: path, version: 2, supported: 1)) {
      try store.load("cluster.json", as: Document.self)
    }
  }

  @Test(arguments: ["", "../x.json", "a/b.json", ".hidden", "lock", "x.json.tmp-1"])
  func refusesNamesOutsideTheStore(name: String) throws {
    let store = try StateStore.open(directory: scratchDirectory())
    #expect(throws: StoreError.self) { try store.save(Document(name: "x", count: 0), as: name) }
  }

  @Test func appendsLogLines() throws {
    let store = try StateStore.open(directory: scratchDirectory())
    #expect(try store.lines(of: "decisions.jsonl").isEmpty)
    try store.append(line: #"{"step":1}"#, to: "decisions.jsonl")
    try store.append(line: #"{"step":2}"#, to: "decisions.jsonl")
    let path = store.path(of: "decisions.jsonl")
    let handle = try #require(FileHandle(forWritingAtPath: path))
    handle.seekToEndOfFile()
    handle.write(Data(#"{"step":3"#.utf8))  // a torn append
    handle.closeFile()
    #expect(try store.lines(of: "decisions.jsonl") == [#"{"step":1}"#, #"{"step":2}"#])
    #expect(throws: StoreError.self) { try store.append(line: "a\nb", to: "decisions.jsonl") }
  }

  @Test func lockExcludesASecondOpen() throws {
    let directory = scratchDirectory()
    let store = try StateStore.open(directory: directory)
    // flock belongs to the open file description: a second open conflicts even in-process.
    #expect(throws: StoreError.locked(path: directory + "/lock")) {
      try StateStore.open(directory: directory, lockTimeout: 0.1)
    }
    do {
      _ = try StateStore.open(directory: directory, lockTimeout: 0)
    } catch {
      #expect("\(error)".contains("another rollout process holds \(directory)/lock"))
    }
    store.close()
    try StateStore.open(directory: directory, lockTimeout: 0).close()
  }

  @Test func lockExcludesAnotherProcess() throws {
    let directory = scratchDirectory()
    let flock = "/usr/bin/flock"
    guard FileManager.default.isExecutableFile(atPath: flock) else { return }
    func tryLockFromChild() throws -> Int32 {
      let child = Process()
      child.executableURL = URL(fileURLWithPath: flock)
      child.arguments = ["--nonblock", directory + "/lock", "true"]
      try child.run()
      child.waitUntilExit()
      return child.terminationStatus
    }
    let store = try StateStore.open(directory: directory)
    #expect(try tryLockFromChild() != 0)
    store.close()
    #expect(try tryLockFromChild() == 0)
  }

  @Test(arguments: [
    ([:], "/home/me/app", "/home/me/app/.rollout"),
    (["ROLLOUT_STATE": "/var/state"], "/home/me/app", "/var/state"),
    (["ROLLOUT_STATE": "tmp/st"], "/home/me/app", "/home/me/app/tmp/st"),
    (["ROLLOUT_STATE": ""], "/x/", "/x/.rollout"),
  ])
  func defaultDirectory(environment: [String: String], cwd: String, expected: String) {
    #expect(StateStore.defaultDirectory(environment: environment, cwd: cwd) == expected)
  }
}
