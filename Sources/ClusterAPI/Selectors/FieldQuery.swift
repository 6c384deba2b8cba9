import Engine

/// A field selector (`?fieldSelector=metadata.name=web,status.phase!=Running`) for one kind:
/// terms ANDed, each an equality or inequality of a field the API server lets that kind be
/// selected by. The empty query selects everything.
public struct FieldQuery: Sendable, Hashable, CustomStringConvertible {
  /// One term: `field=value` or, `negated`, `field!=value`.
  public struct Term: Sendable, Hashable {
    public let field: String
    public let value: String
    public let negated: Bool
    /// How the field is read from an object of the query's kind.
    let reader: FieldReader

    init(field: String, value: String, negated: Bool, kind: String) {
      self.field = field
      self.value = value
      self.negated = negated
      reader = SelectableFields.reader(of: field, kind: kind)
    }
  }

  /// The terms, in the API server's order (sorted by their text).
  public let terms: [Term]
  /// The kind the fields belong to (`Pod`).
  public let kind: String

  /// Every object of `kind`.
  public static func everything(kind: String) -> FieldQuery { FieldQuery(terms: [], kind: kind) }

  init(terms: [Term], kind: String) {
    self.terms = terms
    self.kind = kind
  }

  /// Reads a selector for objects of `kind` as the API server does.
  ///
  /// - Throws: 400 `BadRequest` with the API server's message: `invalid selector: 'x'; can't
  ///   understand 'x'`, an escape problem, or a field the kind cannot be selected by
  ///   (`field label not supported: foo`).
  public init(parsing text: String, kind: String) throws(APIError) {
    do throws(SelectorFailure) {
      let terms = try Self.writtenTerms(text).map { (term) throws(SelectorFailure) in
        Term(
          field: try SelectableFields.canonical(term.field, kind: kind), value: term.value,
          negated: term.negated, kind: kind)
      }
      self.init(terms: terms, kind: kind)
    } catch {
      throw .badRequest(error.message)
    }
  }

  /// The terms as written, values unescaped, sorted by their text, whatever their fields.
  static func writtenTerms(_ text: String) throws(SelectorFailure) -> [Term] {
    var terms: [Term] = []
    for written in FieldSelectorSyntax.terms(text).sorted(by: LabelSelectorParser.byteOrder)
    where !written.isEmpty {
      guard let split = FieldSelectorSyntax.split(written) else {
        throw SelectorFailure("invalid selector: '\(text)'; can't understand '\(written)'")
      }
      terms.append(
        Term(
          field: split.field, value: try FieldSelectorSyntax.unescape(split.value),
          negated: split.negated, kind: ""))
    }
    return terms
  }

  /// True when the query selects every object.
  public var isEmpty: Bool { terms.isEmpty }

  /// Whether the wire object is selected. `status.replicas` and other numbers compare as text.
  public func matches(_ object: JSONValue) -> Bool {
    terms.allSatisfy { ($0.reader.read(object) == $0.value) != $0.negated }
  }

  /// Whether a set of field values is selected; a field not in it has the value `""`.
  func matches(fields: [String: String]) -> Bool {
    terms.allSatisfy { (fields[$0.field, default: ""] == $0.value) != $0.negated }
  }

  /// The value a term requires of `field` with `=` (`metadata.name` for a single-object
  /// list), so a caller can look the object up instead of scanning.
  public func requiredValue(of field: String) -> String? {
    terms.first { $0.field == field && !$0.negated }?.value
  }

  /// The canonical text, values escaped (`metadata.name=web,status.phase!=Running`).
  public var description: String {
    terms.map {
      $0.field + ($0.negated ? "!=" : "=") + FieldSelectorSyntax.escape($0.value)
    }.joined(separator: ",")
  }
}
