import Engine

/// A label selector: the `?labelSelector=` of a list or watch, or an object's
/// `spec.selector` (`matchLabels` and `matchExpressions`). Requirements are ANDed; the empty
/// query selects everything.
public struct LabelQuery: Sendable, Hashable, CustomStringConvertible {
  /// The requirements, sorted by key.
  public let requirements: [LabelRequirement]
  /// True for the query of an absent `spec.selector`, which selects nothing.
  public let selectsNothing: Bool

  /// Every object.
  public static let everything = LabelQuery(requirements: [], selectsNothing: false)
  /// No object.
  public static let nothing = LabelQuery(requirements: [], selectsNothing: true)

  private init(requirements: [LabelRequirement], selectsNothing: Bool) {
    self.requirements = requirements.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
    self.selectsNothing = selectsNothing
  }

  /// Reads a selector as the API server does (`app=web,tier in (a,b),!canary`).
  ///
  /// - Throws: 400 `BadRequest` with the API server's message
  ///   (`unable to parse requirement: ...`, `found 'x', expected: ...`).
  public init(parsing text: String) throws(APIError) {
    switch LabelSelectorParser.requirements(text) {
    case .success(let requirements): self.init(requirements: requirements, selectsNothing: false)
    case .failure(let failure): throw .badRequest(failure.message)
    }
  }

  /// The query of a `metav1.LabelSelector` object: `matchLabels` as `key=value`,
  /// `matchExpressions` with `In`, `NotIn`, `Exists` and `DoesNotExist`. A missing or null
  /// selector selects nothing; an empty one everything.
  ///
  /// - Throws: 400 `BadRequest` for an unknown operator or a key or value a label cannot have.
  public init(labelSelector: JSONValue?) throws(APIError) {
    guard let labelSelector, labelSelector != .null else {
      self = .nothing
      return
    }
    var requirements: [LabelRequirement] = []
    for (key, value) in labelSelector["matchLabels"]?.objectValue ?? [:] {
      requirements.append(
        try Self.requirement(key: key, op: .equals, values: [value.stringValue ?? ""]))
    }
    for expression in labelSelector["matchExpressions"]?.arrayValue ?? [] {
      let name = expression["operator"]?.stringValue ?? ""
      let op: LabelRequirement.Operator
      switch name {
      case "In": op = .inSet
      case "NotIn": op = .notInSet
      case "Exists": op = .exists
      case "DoesNotExist": op = .doesNotExist
      default:
        throw .badRequest("\(GoText.quoted(name)) is not a valid label selector operator")
      }
      let values = Set((expression["values"]?.arrayValue ?? []).compactMap(\.stringValue))
      requirements.append(
        try Self.requirement(
          key: expression["key"]?.stringValue ?? "", op: op,
          values: values.sorted(by: LabelSelectorParser.byteOrder)))
    }
    self.init(requirements: requirements, selectsNothing: false)
  }

  private static func requirement(key: String, op: LabelRequirement.Operator, values: [String])
    throws(APIError) -> LabelRequirement
  {
    switch LabelRequirement.make(key: key, op: op, values: values) {
    case .success(let requirement): return requirement
    case .failure(let failure): throw .badRequest(failure.message)
    }
  }

  /// True when the query selects every object.
  public var isEmpty: Bool { requirements.isEmpty && !selectsNothing }

  /// Whether an object with these labels is selected.
  public func matches(_ labels: [String: String]) -> Bool {
    !selectsNothing && requirements.allSatisfy { $0.matches(labels) }
  }

  /// Whether the wire object (its `metadata.labels`) is selected.
  public func matches(object: JSONValue) -> Bool {
    if selectsNothing { return false }
    if requirements.isEmpty { return true }
    let labels = object["metadata"]?["labels"]?.objectValue ?? [:]
    return requirements.allSatisfy { $0.matches(value: labels[$0.key]?.stringValue) }
  }

  /// An object's `metadata.labels`, the string members only.
  public static func labels(of object: JSONValue) -> [String: String] {
    guard let members = object["metadata"]?["labels"]?.objectValue else { return [:] }
    return members.compactMapValues(\.stringValue)
  }

  /// The canonical text of a `spec.selector` object, as a Scale's `status.selector` carries it;
  /// empty when there is none or it cannot be read.
  static func text(of labelSelector: JSONValue?) -> String {
    guard let labelSelector, let query = try? LabelQuery(labelSelector: labelSelector) else {
      return ""
    }
    return query.description
  }

  /// The canonical text (`app=web,tier in (a,b)`), empty for everything and nothing.
  public var description: String {
    requirements.map(\.description).joined(separator: ",")
  }
}
