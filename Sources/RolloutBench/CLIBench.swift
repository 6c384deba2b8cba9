import Foundation

extension BenchSuite {
  /// CLI cold start: the release `rollout` binary next to `rollout-bench`, spawned N times.
  static let cli = BenchSuite(name: "cli") {
    let directory = executableDirectory()
    let binary = directory.appendingPathComponent("rollout").path
    guard FileManager.default.isExecutableFile(atPath: binary) else {
      print("no rollout binary at \(binary): swift build -c release --product rollout")
      exit(2)
    }
    guard let snapshot = findUpwards("examples/snapshot.yaml", from: directory) else {
      print("examples/snapshot.yaml not found above \(directory.path) or in the working directory")
      exit(2)
    }
    let runs = 30
    try spawnFigure("spawn /bin/true (process baseline)", "/bin/true", [], runs: runs)
    try spawnFigure("rollout --version", binary, ["--version"], runs: runs, target: "< 50 ms")
    try spawnFigure(
      "rollout eval --strategy rolling (examples/snapshot.yaml)", binary,
      ["eval", "--strategy", "rolling", "--snapshot", snapshot], runs: runs, target: "< 50 ms")
  }

  private static func spawnFigure(
    _ label: String, _ path: String, _ arguments: [String], runs: Int, target: String? = nil
  ) throws {
    _ = try spawn(path, arguments)  // page cache warm: "cold" is a new process, not a cold disk
    var times: [Double] = []
    for _ in 0..<runs { times.append(try spawn(path, arguments)) }
    let mean = times.reduce(0, +) / Double(times.count)
    Bench.figure(
      label,
      "mean \(Bench.format(mean * 1000, digits: 1)) ms, min "
        + "\(Bench.format((times.min() ?? 0) * 1000, digits: 1)) ms (\(runs) runs)",
      target: target)
  }

  /// Wall seconds from posix_spawn to exit (output to /dev/null); a non-zero exit is an error.
  /// Not Foundation's `Process`: on Linux it adds ~50 ms of its own per spawn.
  private static func spawn(_ path: String, _ arguments: [String]) throws -> Double {
    var actions: posix_spawn_file_actions_t = .init()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let argv = ([path] + arguments).map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    var pid: pid_t = 0
    var status: Int32 = 0
    let (spawned, seconds) = Bench.seconds { () -> Int32 in
      let result = posix_spawn(&pid, path, &actions, nil, argv, environ)
      if result == 0 { waitpid(pid, &status, 0) }
      return result
    }
    guard spawned == 0, status == 0 else {
      throw BenchError(
        "\(path) \(arguments.joined(separator: " ")) failed (spawn \(spawned), status \(status))")
    }
    return seconds
  }

  static func executableDirectory() -> URL {
    let path =
      (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
      ?? CommandLine.arguments[0]
    return URL(fileURLWithPath: path).deletingLastPathComponent()
  }

  private static func findUpwards(_ relative: String, from start: URL) -> String? {
    let cwd = FileManager.default.currentDirectoryPath + "/" + relative
    if FileManager.default.fileExists(atPath: cwd) { return cwd }
    var directory = start
    while directory.path != "/" {
      let candidate = directory.appendingPathComponent(relative).path
      if FileManager.default.fileExists(atPath: candidate) { return candidate }
      directory = directory.deletingLastPathComponent()
    }
    return nil
  }
}

struct BenchError: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}
