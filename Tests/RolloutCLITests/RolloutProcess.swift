import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What one run of the `rollout` binary did.
struct RolloutResult: Sendable, CustomStringConvertible {
  var arguments: [String]
  var stdout: String
  var stderr: String
  /// The exit code, or the signal number when `signaled`.
  var status: Int32
  /// The process ended by a signal (e.g. the test's SIGKILL), not by exiting.
  var signaled: Bool

  var description: String {
    "rollout \(arguments.joined(separator: " ")) -> \(signaled ? "signal" : "exit") \(status)\n"
      + "--- stdout\n\(stdout)--- stderr\n\(stderr)"
  }
}

/// Why the binary could not be run.
struct RolloutProcessError: Error, CustomStringConvertible {
  var description: String
}

/// Runs the built `rollout` binary as a user would: arguments, environment, working directory,
/// with stdout and stderr captured (through files, so a chatty run never blocks on a pipe).
enum RolloutProcess {
  /// The package root, found from this file's path.
  static let packageRoot: URL = {
    var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    while url.path != "/" {
      if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
        return url
      }
      url.deleteLastPathComponent()
    }
    return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
  }()

  /// The binary: `$ROLLOUT_BINARY`, else `rollout` next to the test bundle, else
  /// `<package>/.build/debug/rollout`.
  static func binary() throws -> URL {
    var candidates: [URL] = []
    if let configured = ProcessInfo.processInfo.environment["ROLLOUT_BINARY"], !configured.isEmpty {
      candidates.append(URL(fileURLWithPath: configured))
    }
    var bundleDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for _ in 0..<4 {
      candidates.append(bundleDirectory.appendingPathComponent("rollout"))
      bundleDirectory.deleteLastPathComponent()
    }
    candidates.append(packageRoot.appendingPathComponent(".build/debug/rollout"))
    for candidate in candidates where FileManager.default.isExecutableFile(atPath: candidate.path) {
      return candidate
    }
    throw RolloutProcessError(
      description: "the rollout binary is not built: run `swift build --product rollout` first "
        + "(looked in: \(candidates.map(\.path).joined(separator: ", ")))")
  }

  /// A started `rollout` process and the files its output goes to.
  final class Running {
    let process: Process
    let arguments: [String]
    private let stdoutURL: URL
    private let stderrURL: URL

    init(_ arguments: [String], cwd: URL, environment: [String: String]) throws {
      self.arguments = arguments
      let scratch = FileManager.default.temporaryDirectory
        .appendingPathComponent("rollout-output-\(UUID().uuidString)")
      try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
      stdoutURL = scratch.appendingPathComponent("stdout")
      stderrURL = scratch.appendingPathComponent("stderr")
      try Data().write(to: stdoutURL)
      try Data().write(to: stderrURL)
      process = Process()
      process.executableURL = try RolloutProcess.binary()
      process.arguments = arguments
      process.currentDirectoryURL = cwd
      var env = ProcessInfo.processInfo.environment
      env[RolloutProcess.stateVariable] = nil
      env.merge(environment) { $1 }
      process.environment = env
      process.standardInput = FileHandle.nullDevice
      process.standardOutput = try FileHandle(forWritingTo: stdoutURL)
      process.standardError = try FileHandle(forWritingTo: stderrURL)
      try process.run()
    }

    /// Where standard error goes.
    var stderrPath: String { stderrURL.path }

    /// What the process has written to standard output so far.
    var currentStdout: String {
      (try? String(contentsOf: stdoutURL, encoding: .utf8)) ?? ""
    }

    /// Sends SIGKILL: no handler, no cleanup, as a crash or `kill -9` would.
    func killHard() {
      kill(process.processIdentifier, SIGKILL)
    }

    /// Waits for the process (SIGKILL after `timeout` seconds) and collects its output.
    func wait(timeout: Double = 120) throws -> RolloutResult {
      let start = ContinuousClock.now
      while process.isRunning {
        if ContinuousClock.now - start > .seconds(timeout) {
          killHard()
          process.waitUntilExit()
          throw RolloutProcessError(
            description: "rollout \(arguments.joined(separator: " ")) still ran after \(timeout)s")
        }
        usleep(2_000)
      }
      process.waitUntilExit()
      defer { try? FileManager.default.removeItem(at: stdoutURL.deletingLastPathComponent()) }
      return RolloutResult(
        arguments: arguments,
        stdout: (try? String(contentsOf: stdoutURL, encoding: .utf8)) ?? "",
        stderr: (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? "",
        status: process.terminationStatus,
        signaled: process.terminationReason == .uncaughtSignal)
    }
  }

  static let stateVariable = "ROLLOUT_STATE"

  /// Runs `rollout arguments` in `cwd` to its end. `ROLLOUT_STATE` is unset unless given.
  static func run(
    _ arguments: [String], cwd: URL, environment: [String: String] = [:], timeout: Double = 120
  ) throws -> RolloutResult {
    try Running(arguments, cwd: cwd, environment: environment).wait(timeout: timeout)
  }
}
