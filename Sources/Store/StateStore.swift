import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The local state directory (`.rollout/` by default): JSON documents such as `cluster.json`
/// and append-only JSONL logs, guarded by an exclusive lock on `<dir>/lock` for as long as the
/// store is open.
///
/// Documents are saved atomically (temp file, fsync, rename, fsync of the directory), so a
/// crash at any moment leaves the old or the new document, never a torn one. Each is wrapped
/// as `{"version": 1, "data": ...}`; other versions are refused.
public final class StateStore {
  /// The document format version written and accepted.
  public static let formatVersion = 1
  /// The directory name used when neither `--state` nor `ROLLOUT_STATE` is given.
  public static let defaultDirectoryName = ".rollout"
  /// The environment variable naming the state directory.
  public static let environmentVariable = "ROLLOUT_STATE"

  /// The state directory.
  public let directory: String
  private let lock: StoreLock

  /// `ROLLOUT_STATE` if set (relative paths taken from `cwd`), else `<cwd>/.rollout`.
  public static func defaultDirectory(environment: [String: String], cwd: String) -> String {
    if let configured = environment[environmentVariable], !configured.isEmpty {
      return configured.hasPrefix("/") ? configured : join(cwd, configured)
    }
    return join(cwd, defaultDirectoryName)
  }

  /// Opens (creating if needed) the store at `directory`, taking its lock; waits up to
  /// `lockTimeout` seconds for another process to release it, then fails with
  /// `StoreError.locked`. Leftover temp files of interrupted saves are removed.
  public static func open(directory: String, lockTimeout: Double = 5) throws(StoreError)
    -> StateStore
  {
    try StateStore(directory: directory, lockTimeout: lockTimeout)
  }

  /// Opens the store at `directory` only if it already holds `document` (e.g. `cluster.json`),
  /// for commands that read or steer what is there: otherwise throws `StoreError.empty` and
  /// creates nothing, neither the directory nor its lock.
  public static func openExisting(
    directory: String, requiring document: String, lockTimeout: Double = 5
  ) throws(StoreError) -> StateStore {
    guard FileManager.default.fileExists(atPath: join(directory, document)) else {
      throw .empty(directory: directory, document: document)
    }
    return try StateStore(directory: directory, lockTimeout: lockTimeout)
  }

  private init(directory: String, lockTimeout: Double) throws(StoreError) {
    self.directory = directory
    try Self.makeDirectories(directory)
    lock = try StoreLock(path: Self.join(directory, "lock"), timeout: lockTimeout)
    removeStaleTemporaries()
  }

  /// Releases the lock; the store must not be used afterwards.
  public func close() { lock.release() }

  /// The path of the file `name` in the store.
  public func path(of name: String) -> String { Self.join(directory, name) }

  /// The document `name` (e.g. `cluster.json`), or nil when it does not exist.
  public func load<T: Decodable>(_ name: String, as type: T.Type) throws(StoreError) -> T? {
    try StoreReader.load(atPath: try checkedPath(name), as: type)
  }

  /// Saves `value` as the document `name`, atomically replacing any previous one.
  public func save<T: Encodable>(_ value: T, as name: String) throws(StoreError) {
    let path = try checkedPath(name)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let data: Data
    do {
      data = try encoder.encode(Envelope(version: Self.formatVersion, data: value))
    } catch {
      throw .unencodable(path: path, reason: "\(error)")
    }
    let temporary = "\(path).tmp-\(getpid())"
    let descriptor = posixOpen(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC)
    guard descriptor >= 0 else { throw .io(path: temporary, operation: "open", errno: errno) }
    do throws(StoreError) {
      try Self.writeAll(data, to: descriptor, path: temporary)
      guard fsync(descriptor) == 0 else {
        throw .io(path: temporary, operation: "fsync", errno: errno)
      }
    } catch {
      posixClose(descriptor)
      unlink(temporary)
      throw error
    }
    posixClose(descriptor)
    guard rename(temporary, path) == 0 else {
      let failure = errno
      unlink(temporary)
      throw .io(path: path, operation: "rename", errno: failure)
    }
    try syncDirectory()
  }

  /// Appends one line (no newline inside) to the log `name`, with fsync.
  ///
  /// A crash during an append can leave a partial last line; `lines(of:)` skips it.
  public func append(line: String, to name: String) throws(StoreError) {
    let path = try checkedPath(name)
    guard !line.contains(where: \.isNewline) else {
      throw .invalidArgument("a log line must not contain a newline")
    }
    let existed = FileManager.default.fileExists(atPath: path)
    let descriptor = posixOpen(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC)
    guard descriptor >= 0 else { throw .io(path: path, operation: "open", errno: errno) }
    defer { posixClose(descriptor) }
    try Self.writeAll(Data((line + "\n").utf8), to: descriptor, path: path)
    guard fsync(descriptor) == 0 else { throw .io(path: path, operation: "fsync", errno: errno) }
    if !existed { try syncDirectory() }
  }

  /// The complete lines of the log `name` (empty when it does not exist).
  public func lines(of name: String) throws(StoreError) -> [String] {
    StoreReader.lines(atPath: try checkedPath(name))
  }

  // MARK: Internals

  private func checkedPath(_ name: String) throws(StoreError) -> String {
    guard !name.isEmpty, !name.contains("/"), !name.hasPrefix("."), name != "lock",
      !name.contains(".tmp-")
    else {
      throw .invalidArgument("invalid state file name \"\(name)\"")
    }
    return path(of: name)
  }

  private func removeStaleTemporaries() {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
    for name in names where name.contains(".tmp-") { unlink(path(of: name)) }
  }

  private func syncDirectory() throws(StoreError) {
    let descriptor = posixOpen(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard descriptor >= 0 else { throw .io(path: directory, operation: "open", errno: errno) }
    defer { posixClose(descriptor) }
    guard fsync(descriptor) == 0 else {
      throw .io(path: directory, operation: "fsync", errno: errno)
    }
  }

  private static func writeAll(_ data: Data, to descriptor: Int32, path: String)
    throws(StoreError)
  {
    var failure: Int32 = 0
    data.withUnsafeBytes { buffer in
      var offset = 0
      while offset < buffer.count {
        let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
        if written < 0 {
          if errno == EINTR { continue }
          failure = errno
          return
        }
        offset += written
      }
    }
    if failure != 0 { throw .io(path: path, operation: "write", errno: failure) }
  }

  /// `mkdir -p`.
  private static func makeDirectories(_ path: String) throws(StoreError) {
    var prefix = path.hasPrefix("/") ? "/" : ""
    for component in path.split(separator: "/") {
      prefix += component + "/"
      if mkdir(prefix, 0o755) != 0, errno != EEXIST {
        throw .io(path: prefix, operation: "create directory", errno: errno)
      }
    }
  }

  private static func join(_ directory: String, _ name: String) -> String {
    directory.hasSuffix("/") ? directory + name : directory + "/" + name
  }
}

/// The wrapper of every document: `{"version": 1, "data": ...}`.
struct Envelope<Value> {
  var version: Int
  var data: Value
}

extension Envelope: Encodable where Value: Encodable {}
extension Envelope: Decodable where Value: Decodable {}

/// `open(2)` with a mode, named apart from `StateStore.open`.
private func posixOpen(_ path: String, _ flags: Int32) -> Int32 {
  open(path, flags, 0o644)
}

private func posixClose(_ descriptor: Int32) {
  _ = close(descriptor)
}
