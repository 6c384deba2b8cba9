import Engine
import Foundation
import Manifests
import Simulator

/// A test file that cannot be used, naming the file and the field.
public struct TestFileError: Error, Sendable, Hashable, CustomStringConvertible {
  public var file: String
  /// Where in the file: `cases[2].scenario.actions[0].at`.
  public var field: String
  public var message: String

  public init(file: String, field: String, message: String) {
    self.file = file
    self.field = field
    self.message = message
  }

  public var description: String {
    field.isEmpty ? "\(file): \(message)" : "\(file): \(field): \(message)"
  }
}

/// A value of a test file with its place, so every complaint names the file and the field.
struct TestFileReader {
  let value: JSONValue
  let file: String
  let path: String
  /// The directory relative paths in the file are resolved against.
  let directory: URL

  func error(_ message: String) -> TestFileError {
    TestFileError(file: file, field: path, message: message)
  }

  func child(_ key: String, _ value: JSONValue) -> TestFileReader {
    TestFileReader(
      value: value, file: file, path: path.isEmpty ? key : "\(path).\(key)", directory: directory)
  }

  /// The member `key`, if present and not null.
  func optional(_ key: String) -> TestFileReader? {
    guard let member = value[key], member != .null else { return nil }
    return child(key, member)
  }

  func required(_ key: String) throws(TestFileError) -> TestFileReader {
    guard let member = optional(key) else { throw child(key, .null).error("required") }
    return member
  }

  /// Refuses members other than `allowed` (a typo must not silently skip a check).
  func only(_ allowed: Set<String>) throws(TestFileError) -> [String: JSONValue] {
    guard let members = value.objectValue else { throw error("expected a map") }
    for key in members.keys.sorted() where !allowed.contains(key) {
      throw child(key, .null).error(
        "unknown field (expected one of: \(allowed.sorted().joined(separator: ", ")))")
    }
    return members
  }

  func list() throws(TestFileError) -> [TestFileReader] {
    guard let items = value.arrayValue else { throw error("expected a list") }
    return items.enumerated().map { index, item in
      TestFileReader(value: item, file: file, path: "\(path)[\(index)]", directory: directory)
    }
  }

  func string() throws(TestFileError) -> String {
    switch value {
    case .string(let text): return text
    case .int(let number): return String(number)
    case .double(let number): return String(number)
    case .bool(let flag): return String(flag)
    default: throw error("expected text")
    }
  }

  func int() throws(TestFileError) -> Int {
    guard let number = value.intValue else { throw error("expected a whole number") }
    return number
  }

  func bool() throws(TestFileError) -> Bool {
    guard case .bool(let flag) = value else { throw error("expected true or false") }
    return flag
  }

  /// Seconds: a number, or text like `30s`, `5m`, `1h30m`.
  func duration() throws(TestFileError) -> Double {
    switch value {
    case .int(let number): return Double(number)
    case .double(let number): return number
    case .string(let text):
      do {
        return try parseDuration(text)
      } catch {
        throw self.error("\(error)")
      }
    default: throw error("expected a duration such as 30s, 5m or 1h")
    }
  }

  func stringMap() throws(TestFileError) -> [String: String] {
    guard let members = value.objectValue else { throw error("expected a map") }
    var map: [String: String] = [:]
    for (key, member) in members { map[key] = try child(key, member).string() }
    return map
  }

  /// A file named relative to the test file.
  func filePath() throws(TestFileError) -> String {
    let name = try string()
    let url =
      name.hasPrefix("/")
      ? URL(fileURLWithPath: name) : directory.appendingPathComponent(name).standardizedFileURL
    guard FileManager.default.fileExists(atPath: url.path) else {
      throw error("no such file: \(name)")
    }
    return url.path
  }
}
