import Dispatch
import Foundation

/// Runs an exec plugin to completion without holding a thread of Swift's cooperative pool: the
/// process is started, its output read and its exit awaited on Dispatch's global queues, and
/// the caller suspended on a continuation until then, or until `timeout`, when the plugin is
/// terminated.
enum ExecPluginProcess {
  struct Finished: Sendable {
    var status: Int32
    /// Whether `status` is a signal number (the plugin was killed) rather than an exit code.
    var signalled: Bool
    var stdout: Data
    var stderr: Data
  }

  enum Failure: Error {
    case cannotStart(String)
    case timedOut
  }

  /// The executable `command` names: a path as is, else the first executable match in
  /// `PATH` (from `environment`).
  static func locate(_ command: String, environment: [String: String]) -> String? {
    let files = FileManager.default
    if command.contains("/") { return files.isExecutableFile(atPath: command) ? command : nil }
    let directories = (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin")
      .split(separator: ":").map(String.init)
    for directory in directories where !directory.isEmpty {
      let candidate = directory + "/" + command
      var isDirectory: ObjCBool = false
      if files.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue,
        files.isExecutableFile(atPath: candidate)
      {
        return candidate
      }
    }
    return nil
  }

  /// Runs `executable` with `arguments` in exactly `environment`, stdin empty.
  static func run(
    _ executable: String, arguments: [String], environment: [String: String],
    timeout: Duration
  ) async throws(Failure) -> Finished {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.environment = environment
    process.standardInput = FileHandle.nullDevice
    let stdout = Pipe()
    let stderr = Pipe()
    process.standardOutput = stdout
    process.standardError = stderr

    let result: Result<Finished, Failure> = await withCheckedContinuation { continuation in
      let once = ResumeOnce(continuation)
      DispatchQueue.global().async {
        do {
          try process.run()
        } catch {
          once.resume(.failure(.cannotStart(error.localizedDescription)))
          return
        }
        let errors = DispatchGroup()
        let errorOutput = LockedData()
        DispatchQueue.global().async(group: errors) {
          errorOutput.set(stderr.fileHandleForReading.readDataToEndOfFile())
        }
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        errors.wait()
        process.waitUntilExit()
        once.resume(
          .success(
            Finished(
              status: process.terminationStatus,
              signalled: process.terminationReason == .uncaughtSignal, stdout: output,
              stderr: errorOutput.get())))
      }
      let seconds =
        Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
      DispatchQueue.global().asyncAfter(deadline: .now() + seconds) {
        guard once.resume(.failure(.timedOut)), process.isRunning else { return }
        process.terminate()
        // A plugin that ignores SIGTERM would keep a Dispatch thread reading its output.
        DispatchQueue.global().asyncAfter(deadline: .now() + 5) {
          if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
      }
    }
    return try result.get()
  }
}

/// Resumes a continuation the first time only; later results are dropped.
private final class ResumeOnce: @unchecked Sendable {
  private let lock = NSLock()
  private var continuation:
    CheckedContinuation<Result<ExecPluginProcess.Finished, ExecPluginProcess.Failure>, Never>?

  init(
    _ continuation: CheckedContinuation<
      Result<ExecPluginProcess.Finished, ExecPluginProcess.Failure>, Never
    >
  ) {
    self.continuation = continuation
  }

  /// Whether this call resumed it.
  @discardableResult
  func resume(_ result: Result<ExecPluginProcess.Finished, ExecPluginProcess.Failure>) -> Bool {
    lock.lock()
    let pending = continuation
    continuation = nil
    lock.unlock()
    pending?.resume(returning: result)
    return pending != nil
  }
}

/// Bytes handed from one Dispatch block to another.
private final class LockedData: @unchecked Sendable {
  private let lock = NSLock()
  private var data = Data()

  func set(_ value: Data) {
    lock.lock()
    data = value
    lock.unlock()
  }

  func get() -> Data {
    lock.lock()
    defer { lock.unlock() }
    return data
  }
}
