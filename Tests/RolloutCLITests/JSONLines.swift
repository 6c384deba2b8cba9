import Engine
import Foundation

extension JSONValue {
  /// A JSON number as a Double.
  var doubleValue: Double? {
    switch self {
    case .int(let value): return Double(value)
    case .double(let value): return value
    default: return nil
    }
  }

  /// The `type` of a JSONL event line.
  var type: String? { self["type"]?.stringValue }
}

extension RolloutResult {
  /// stdout as JSON lines; a line that is not a JSON object fails the decode.
  func jsonLines() throws -> [JSONValue] {
    try stdout.split(separator: "\n").map { line in
      let value = try JSONDecoder().decode(JSONValue.self, from: Data(line.utf8))
      guard value.objectValue != nil else {
        throw RolloutProcessError(description: "not a JSON object: \(line)")
      }
      return value
    }
  }

  /// The `scale` lines, in order.
  func scaleLines() throws -> [ScaleLine] {
    try jsonLines().filter { $0.type == "scale" }.map(ScaleLine.init)
  }

  /// The one `summary` line (the manifest holds one Deployment).
  func summary() throws -> JSONValue {
    let summaries = try jsonLines().filter { $0.type == "summary" }
    guard summaries.count == 1, let summary = summaries.first else {
      throw RolloutProcessError(description: "expected one summary line:\n\(self)")
    }
    return summary
  }
}

/// One `{"type":"scale",...}` line.
struct ScaleLine: Equatable, CustomStringConvertible {
  var time: Double
  var replicaSet: String
  var revision: Int
  var from: Int
  var to: Int

  init(_ value: JSONValue) throws {
    guard let time = value["time"]?.doubleValue, let replicaSet = value["replicaSet"]?.stringValue,
      let revision = value["revision"]?.intValue, let from = value["from"]?.intValue,
      let to = value["to"]?.intValue
    else {
      throw RolloutProcessError(description: "malformed scale line: \(value)")
    }
    (self.time, self.replicaSet, self.revision, self.from, self.to) =
      (time, replicaSet, revision, from, to)
  }

  var description: String { "t=\(time) \(replicaSet) (rev \(revision)) \(from)->\(to)" }
}
