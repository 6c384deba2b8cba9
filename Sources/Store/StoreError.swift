/// Why the local state store could not be used.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
  /// Another process holds the store's lock.
  case locked(path: String)
  /// A document is not valid JSON of the expected shape.
  case corrupt(path: String, reason: String)
  /// A document was written by a version of rollout with another format.
  case unsupportedVersion(path: String, version: Int, supported: Int)
  /// A file name or log line the store refuses (why).
  case invalidArgument(String)
  /// A value could not be encoded as JSON.
  case unencodable(path: String, reason: String)
  /// A system call failed.
  case io(path: String, operation: String, errno: Int32)
  /// The store was opened to read what is in it, and there is nothing: `directory` or its
  /// `document` does not exist.
  case empty(directory: String, document: String)

  public var description: String {
    switch self {
    case .locked(let path):
      return "another rollout process holds \(path); wait for it to finish or pass another "
        + "--state directory"
    case .corrupt(let path, let reason):
      return "\(path) is corrupt: \(reason)"
    case .unsupportedVersion(let path, let version, let supported):
      return "\(path) has format version \(version), but this rollout reads version "
        + "\(supported); use a matching rollout or remove the file"
    case .invalidArgument(let reason):
      return reason
    case .unencodable(let path, let reason):
      return "cannot write \(path): \(reason)"
    case .io(let path, let operation, let errno):
      return "\(operation) \(path) failed: \(StoreError.message(for: errno))"
    case .empty(let directory, _):
      return "no rollout state in \(directory): nothing has been applied there yet"
    }
  }

  static func message(for errno: Int32) -> String {
    guard let text = strerror(errno) else { return "error \(errno)" }
    return String(cString: text)
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif
