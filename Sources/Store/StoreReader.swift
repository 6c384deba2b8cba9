import Foundation

/// Reads a store's documents and logs without taking its lock, for watchers (the dashboard)
/// that must not hold up the commands writing it. Documents are replaced atomically and logs
/// only appended to, so a read sees a whole document and whole lines.
public struct StoreReader: Sendable {
  /// The state directory.
  public let directory: String

  public init(directory: String) {
    self.directory = directory
  }

  /// The document `name` (e.g. `cluster.json`), or nil when it does not exist.
  public func load<T: Decodable>(_ name: String, as type: T.Type) throws(StoreError) -> T? {
    guard !name.contains("/") else { throw .invalidArgument("invalid state file name \"\(name)\"") }
    return try Self.load(atPath: path(of: name), as: type)
  }

  /// The complete lines of the log `name` (empty when it does not exist).
  public func lines(of name: String) -> [String] {
    Self.lines(atPath: path(of: name))
  }

  /// The path of the file `name` in the store.
  public func path(of name: String) -> String {
    directory.hasSuffix("/") ? directory + name : directory + "/" + name
  }

  /// The document at `path`, checked for the store's format version.
  static func load<T: Decodable>(atPath path: String, as type: T.Type) throws(StoreError) -> T? {
    guard let data = FileManager.default.contents(atPath: path) else {
      if FileManager.default.fileExists(atPath: path) {
        throw .io(path: path, operation: "read", errno: EIO)
      }
      return nil
    }
    let decoder = JSONDecoder()
    let header: Header
    do {
      header = try decoder.decode(Header.self, from: data)
    } catch {
      throw .corrupt(path: path, reason: "not a rollout state document (\(error))")
    }
    guard header.version == StateStore.formatVersion else {
      throw .unsupportedVersion(
        path: path, version: header.version, supported: StateStore.formatVersion)
    }
    do {
      return try decoder.decode(Envelope<T>.self, from: data).data
    } catch {
      throw .corrupt(path: path, reason: "\(error)")
    }
  }

  /// The complete lines of the file at `path`: a torn last line (an interrupted append) is
  /// left out.
  static func lines(atPath path: String) -> [String] {
    guard let data = FileManager.default.contents(atPath: path) else { return [] }
    var text = String(decoding: data, as: UTF8.self)
    if !text.hasSuffix("\n") {
      let end = text.lastIndex(of: "\n").map { text.index(after: $0) } ?? text.startIndex
      text = String(text[..<end])
    }
    return text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
  }

  private struct Header: Decodable { var version: Int }
}
