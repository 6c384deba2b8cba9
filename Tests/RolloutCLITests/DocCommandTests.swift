import Foundation
import Testing

/// Every ```sh block of README.md and docs/*.md runs as written, with the built binary as
/// `rollout`: from a copy of the repository's examples and strategies, in a temporary store,
/// `/tmp/` paths moved into the sandbox. Each command must exit 0, or the code its comment
/// announces (`(exit 3)`). A block marked `<!-- doc-test: skip (why) -->` is left out.
@Suite struct DocCommandTests {
  /// One ```sh block: where it is and its commands (continuation lines joined).
  struct Block: CustomStringConvertible, Sendable {
    var file: String
    var line: Int
    var commands: [String]
    var skipped: String?

    var description: String { "\(file):\(line)" }
  }

  /// The ```sh blocks of `README.md` and `docs/*.md`.
  static let blocks: [Block] = {
    let root = RolloutProcess.packageRoot
    let docs =
      (try? FileManager.default.contentsOfDirectory(
        atPath: root.appendingPathComponent("docs").path)) ?? []
    let files = ["README.md"] + docs.filter { $0.hasSuffix(".md") }.sorted().map { "docs/\($0)" }
    return files.flatMap { file in
      let text = (try? String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)) ?? ""
      return parse(text, file: file)
    }
  }()

  static func parse(_ text: String, file: String) -> [Block] {
    let lines = text.components(separatedBy: "\n")
    var blocks: [Block] = []
    var index = 0
    while index < lines.count {
      guard lines[index] == "```sh" else {
        index += 1
        continue
      }
      let start = index + 1
      let marker = lines[..<index].last { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
      let skipped = marker.flatMap { line -> String? in
        guard let range = line.range(of: "<!-- doc-test: skip") else { return nil }
        return String(line[range.upperBound...]).replacingOccurrences(of: "-->", with: "")
          .trimmingCharacters(in: .whitespaces)
      }
      var commands: [String] = []
      var pending = ""
      index += 1
      while index < lines.count, lines[index] != "```" {
        let line = lines[index]
        index += 1
        if line.hasSuffix("\\") {
          pending += line.dropLast() + " "
          continue
        }
        let command = pending + line
        pending = ""
        if !command.trimmingCharacters(in: .whitespaces).isEmpty { commands.append(command) }
      }
      index += 1
      blocks.append(Block(file: file, line: start, commands: commands, skipped: skipped))
    }
    return blocks
  }

  /// The exit code a command's comment announces (`# ... (exit 3)`), else 0.
  static func expectedStatus(_ command: String) -> Int32 {
    guard let hash = command.range(of: "#"),
      let exit = command[hash.upperBound...].range(of: #"exit (\d+)"#, options: .regularExpression)
    else { return 0 }
    return Int32(command[exit].dropFirst("exit ".count)) ?? 0
  }

  @Test func thereAreBlocksToRun() {
    #expect(Self.blocks.contains { $0.skipped == nil && !$0.commands.isEmpty })
    #expect(Self.blocks.allSatisfy { $0.skipped != "" }, "a skip marker says why")
  }

  @Test(arguments: blocks)
  func blockRunsAsWritten(_ block: Block) throws {
    if let reason = block.skipped {
      print("doc block \(block): skipped \(reason)")
      return
    }
    let box = try Sandbox()
    let fileManager = FileManager.default
    for directory in ["examples", "strategies"] {
      try fileManager.copyItem(
        at: RolloutProcess.packageRoot.appendingPathComponent(directory),
        to: box.directory.appendingPathComponent(directory))
    }
    let bin = box.directory.appendingPathComponent("bin")
    try fileManager.createDirectory(at: bin, withIntermediateDirectories: true)
    try fileManager.createSymbolicLink(
      at: bin.appendingPathComponent("rollout"), withDestinationURL: try RolloutProcess.binary())
    let tmp = box.path("tmp")
    try fileManager.createDirectory(atPath: tmp, withIntermediateDirectories: true)
    let path = bin.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
    print("doc block \(block): \(block.commands.count) commands")
    for command in block.commands {
      let script = command.replacingOccurrences(of: "/tmp/", with: tmp + "/")
      let process = Process()
      process.executableURL = URL(fileURLWithPath: "/bin/bash")
      process.arguments = ["-c", script]
      process.currentDirectoryURL = box.directory
      var environment = ProcessInfo.processInfo.environment
      environment["PATH"] = path
      environment["ROLLOUT_STATE"] = box.state
      process.environment = environment
      let output = box.directory.appendingPathComponent("output")
      try Data().write(to: output)
      let handle = try FileHandle(forWritingTo: output)
      process.standardOutput = handle
      process.standardError = handle
      process.standardInput = FileHandle.nullDevice
      try process.run()
      process.waitUntilExit()
      try handle.close()
      let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
      #expect(
        process.terminationStatus == Self.expectedStatus(command),
        "\(block): \(command)\n\(text)")
    }
  }
}
