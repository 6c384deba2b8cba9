import Engine
import Foundation
import Manifests
import Simulator
import Yams

/// YAML for test and scenario files, where `null` must stay null (`reason: null`, `pause: null`
/// are expectations).
enum TestFileYAML {
  static func load(_ text: String) throws -> JSONValue {
    convert(try Yams.load(yaml: text))
  }

  /// Reads and parses the file at `path`; the error names the file.
  static func load(path: String) throws(TestFileError) -> JSONValue {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw TestFileError(file: path, field: "", message: "cannot read the file")
    }
    do {
      return try load(String(decoding: data, as: UTF8.self))
    } catch {
      throw TestFileError(file: path, field: "", message: "not YAML: \(error)")
    }
  }

  private static func convert(_ value: Any?) -> JSONValue {
    switch value {
    case nil, is NSNull: return .null
    case let items as [Any]: return .array(items.map(convert))
    case let members as [String: Any]: return .object(members.mapValues(convert))
    case let members as [AnyHashable: Any]:
      return .object(
        Dictionary(
          members.map { ("\($0.key)", convert($0.value)) }, uniquingKeysWith: { first, _ in first })
      )
    default: return JSONValue(yamlObject: value)
    }
  }
}
