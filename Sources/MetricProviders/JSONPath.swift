import Engine

/// The part of kubectl's JSONPath templates that Argo Rollouts' web metrics use: one
/// expression in braces (`{$.data.ok}`, `{.data.items[0].value}`), made of `$` (the document),
/// `.field`, `['field']`, `[N]` (negative counts from the end), `[start:end]`, `[*]` and `.*`.
///
/// Filters (`[?(…)]`), unions (`[a,b]`), recursive descent (`..`) and text around the braces are
/// refused when the path is read, never silently ignored. The braces and the `$` are optional.
public struct JSONPath: Sendable, Hashable, CustomStringConvertible {
  /// One step from a value to the values inside it.
  public enum Step: Sendable, Hashable {
    /// An object's member.
    case member(String)
    /// An array's element; a negative index counts from the end.
    case index(Int)
    /// A range of an array's elements (`[start:end]`, either bound optional).
    case slice(start: Int?, end: Int?)
    /// Every element of an array, every member of an object (in key order).
    case wildcard
  }

  /// The steps from the document, in order.
  public let steps: [Step]
  /// The path as written.
  public let text: String

  /// The path as written, for messages.
  public var description: String { text }

  /// Whether the path can select more than one value (a wildcard or a slice): its result is
  /// then always an array.
  public var selectsMany: Bool {
    steps.contains { step in
      switch step {
      case .wildcard, .slice: true
      case .member, .index: false
      }
    }
  }

  /// Reads a template.
  ///
  /// - Throws: `JSONPathError` naming the position and what is not understood there.
  public init(_ template: String) throws(JSONPathError) {
    text = template
    var parser = JSONPathParser(template)
    steps = try parser.steps()
  }

  /// Every value the path selects in `document`, in document order (object members sorted by
  /// key under a wildcard).
  public func matches(in document: JSONValue) -> [JSONValue] {
    (try? evaluate(document)) ?? []
  }

  /// The value the path selects: the value itself for a path without wildcards or slices, an
  /// array of every match otherwise.
  ///
  /// - Throws: `JSONPathError` when the path selects nothing, saying where it stopped.
  public func select(in document: JSONValue) throws(JSONPathError) -> JSONValue {
    let found = try evaluate(document)
    return selectsMany ? .array(found) : found[0]
  }

  /// The matches, or the reason the first step that selected nothing did so.
  private func evaluate(_ document: JSONValue) throws(JSONPathError) -> [JSONValue] {
    var current: [(value: JSONValue, at: String)] = [(document, "$")]
    for step in steps {
      var next: [(value: JSONValue, at: String)] = []
      var reason: String?
      for (value, at) in current {
        switch Self.apply(step, to: value, at: at) {
        case .success(let found): next += found
        case .failure(let why): reason = reason ?? why.reason
        }
      }
      if next.isEmpty {
        let why = reason ?? "nothing to select at \(current.first?.at ?? "$")"
        throw JSONPathError("the JSONPath \(text) selected nothing: \(why)")
      }
      current = next
    }
    return current.map(\.value)
  }

  private static func apply(
    _ step: Step, to value: JSONValue, at path: String
  ) -> Result<[(value: JSONValue, at: String)], JSONPathFailure> {
    switch (step, value) {
    case (.member(let name), .object(let members)):
      guard let member = members[name] else {
        return .failure(.init("\(path) has no member \"\(name)\""))
      }
      return .success([(member, "\(path).\(name)")])
    case (.index(let index), .array(let elements)):
      let position = index < 0 ? elements.count + index : index
      guard elements.indices.contains(position) else {
        return .failure(
          .init("index \(index) is out of range at \(path) (\(elements.count) elements)"))
      }
      return .success([(elements[position], "\(path)[\(index)]")])
    case (.slice(let start, let end), .array(let elements)):
      let count = elements.count
      let lower = Self.clamp(start ?? 0, count)
      let upper = Self.clamp(end ?? count, count)
      guard lower < upper else {
        return .failure(
          .init(
            "the slice [\(start.map(String.init) ?? ""):\(end.map(String.init) ?? "")] of \(path) is empty (\(count) elements)"
          ))
      }
      return .success((lower..<upper).map { (elements[$0], "\(path)[\($0)]") })
    case (.wildcard, .array(let elements)) where elements.isEmpty:
      return .failure(.init("\(path) is an empty array"))
    case (.wildcard, .object(let members)) where members.isEmpty:
      return .failure(.init("\(path) is an empty object"))
    case (.wildcard, .array(let elements)):
      return .success(elements.enumerated().map { ($1, "\(path)[\($0)]") })
    case (.wildcard, .object(let members)):
      return .success(members.keys.sorted().map { (members[$0]!, "\(path).\($0)") })
    case (.member(let name), _):
      return .failure(.init("\(path) is \(kind(value)), not an object with \"\(name)\""))
    case (.index, _), (.slice, _):
      return .failure(.init("\(path) is \(kind(value)), not an array"))
    case (.wildcard, _):
      return .failure(.init("\(path) is \(kind(value)), neither an array nor an object"))
    }
  }

  private static func clamp(_ bound: Int, _ count: Int) -> Int {
    bound < 0 ? max(0, count + bound) : min(bound, count)
  }

  private static func kind(_ value: JSONValue) -> String {
    switch value {
    case .null: "null"
    case .bool: "a boolean"
    case .int, .double: "a number"
    case .string: "a string"
    case .array: "an array"
    case .object: "an object"
    }
  }
}

/// A path that cannot be read, or one that selects nothing in a document.
public struct JSONPathError: Error, Sendable, Hashable, CustomStringConvertible {
  public var message: String

  public init(_ message: String) { self.message = message }

  public var description: String { message }
}

/// Why one step selected nothing from one value (a `Result` needs an `Error`).
private struct JSONPathFailure: Error {
  let reason: String
  init(_ reason: String) { self.reason = reason }
}
