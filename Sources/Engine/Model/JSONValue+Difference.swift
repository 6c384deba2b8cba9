/// Where two values first differ: what `rollout replay` reports.
public struct JSONDifference: Sendable, Hashable, CustomStringConvertible {
  /// `decision.state.t`, `decision.scale[1].replicas`; empty for the values themselves.
  public var path: String
  /// The value at `path` on each side; nil where it is absent.
  public var left: JSONValue?
  public var right: JSONValue?

  public init(path: String, left: JSONValue?, right: JSONValue?) {
    self.path = path
    self.left = left
    self.right = right
  }

  /// `decision.state.t: 3.0 vs 3`.
  public var description: String {
    "\(path.isEmpty ? "value" : path): \(Self.text(left)) vs \(Self.text(right))"
  }

  /// A value as exact JSON, `(absent)` when missing.
  public static func text(_ value: JSONValue?) -> String {
    guard let value else { return "(absent)" }
    return (try? value.exactText()) ?? "\(value)"
  }
}

extension JSONValue {
  /// The first place, in sorted key order and then index order, where `self` and `other`
  /// differ; nil when they are equal. An integer and a float are different values (`3` is not
  /// `3.0`), as they are in Lua.
  public func firstDifference(from other: JSONValue, at path: String = "") -> JSONDifference? {
    switch (self, other) {
    case (.object(let left), .object(let right)):
      for key in Set(left.keys).union(right.keys).sorted() {
        let member = path.isEmpty ? key : "\(path).\(key)"
        guard let l = left[key], let r = right[key] else {
          return JSONDifference(path: member, left: left[key], right: right[key])
        }
        if let difference = l.firstDifference(from: r, at: member) { return difference }
      }
      return nil
    case (.array(let left), .array(let right)):
      for index in 0..<max(left.count, right.count) {
        let element = "\(path)[\(index + 1)]"
        guard index < left.count, index < right.count else {
          return JSONDifference(
            path: element, left: index < left.count ? Optional(left[index]) : nil,
            right: index < right.count ? Optional(right[index]) : nil)
        }
        if let difference = left[index].firstDifference(from: right[index], at: element) {
          return difference
        }
      }
      return nil
    default:
      return self == other ? nil : JSONDifference(path: path, left: self, right: other)
    }
  }

  /// Whether an `.int` is anywhere in the value.
  public var containsInteger: Bool {
    switch self {
    case .int: return true
    case .array(let values): return values.contains { $0.containsInteger }
    case .object(let members): return members.values.contains { $0.containsInteger }
    default: return false
    }
  }
}
