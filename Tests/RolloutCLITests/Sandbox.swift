import Foundation

/// One test's private world: a temporary working directory with its own store (`state/`) and
/// files, so tests never share state and can run in parallel. Removed when the test is done.
final class Sandbox {
  let directory: URL

  init() throws {
    directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("rollout-e2e-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
  }

  deinit {
    try? FileManager.default.removeItem(at: directory)
  }

  /// The store directory passed as `--state`.
  var state: String { directory.appendingPathComponent("state").path }

  /// The path of the file `name` in the sandbox.
  func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

  /// The path of `examples/<name>` in the package.
  static func example(_ name: String) -> String {
    RolloutProcess.packageRoot.appendingPathComponent("examples/\(name)").path
  }

  /// Writes `text` to the sandbox file `name`; returns its path.
  @discardableResult
  func write(_ name: String, _ text: String) throws -> String {
    let url = directory.appendingPathComponent(name)
    try Data(text.utf8).write(to: url)
    return url.path
  }

  /// Copies `examples/<example>` to the sandbox as `name`, replacing each `(old, new)` text
  /// (each must occur); returns the copy's path.
  func copy(example: String, to name: String, replacing edits: [(String, String)] = []) throws
    -> String
  {
    var text = try String(contentsOfFile: Self.example(example), encoding: .utf8)
    for (old, new) in edits {
      guard text.contains(old) else {
        throw RolloutProcessError(description: "\(example) does not contain \(old)")
      }
      text = text.replacingOccurrences(of: old, with: new)
    }
    return try write(name, text)
  }

  /// Runs `rollout arguments` with the sandbox as working directory.
  func run(_ arguments: [String], environment: [String: String] = [:]) throws -> RolloutResult {
    try RolloutProcess.run(arguments, cwd: directory, environment: environment)
  }

  /// Every file of the store but its lock, with contents: equal before and after a run means
  /// the run changed nothing.
  func storeFiles() throws -> [String: Data] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: state)) ?? []
    var files: [String: Data] = [:]
    for name in names where name != "lock" {
      files[name] = try Data(contentsOf: URL(fileURLWithPath: state).appendingPathComponent(name))
    }
    return files
  }
}
