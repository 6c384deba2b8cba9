/// One condition of a label selector (`app=web`, `tier in (a,b)`, `!canary`, `rank>3`), checked
/// with the API server's rules and matched as it matches them.
public struct LabelRequirement: Sendable, Hashable, CustomStringConvertible {
  public enum Operator: String, Sendable, Hashable {
    case equals = "="
    case doubleEquals = "=="
    case notEquals = "!="
    case inSet = "in"
    case notInSet = "notin"
    case exists
    case doesNotExist = "!"
    case greaterThan = "gt"
    case lessThan = "lt"
  }

  public let key: String
  public let op: Operator
  /// The values, sorted and without repeats (the API server keeps them as a set).
  public let values: [String]

  /// A requirement, or the API server's message for why it cannot be one.
  static func make(key: String, op: Operator, values: [String]) -> Result<Self, SelectorFailure> {
    var problems: [String] = []
    // Go's `%#v` of the value list, as the API server prints a list in a field error.
    let list = "[]string{" + values.map(GoText.quoted).joined(separator: ", ") + "}"
    let keyProblems = LabelSyntax.keyProblems(key)
    if !keyProblems.isEmpty {
      problems.append(
        FieldErrorText.invalid(
          path: "key", value: key, detail: keyProblems.joined(separator: "; ")))
    }
    switch op {
    case .inSet, .notInSet:
      if values.isEmpty {
        problems.append(
          "values: Invalid value: \(list): for 'in', 'notin' operators, values set can't be empty")
      }
    case .equals, .doubleEquals, .notEquals:
      if values.count != 1 {
        problems.append(
          "values: Invalid value: \(list): exact-match compatibility requires one single value")
      }
    case .exists, .doesNotExist:
      if !values.isEmpty {
        problems.append(
          "values: Invalid value: \(list): values set must be empty for exists and does not exist")
      }
    case .greaterThan, .lessThan:
      if values.count != 1 {
        problems.append(
          "values: Invalid value: \(list): for 'Gt', 'Lt' operators, exactly one value is required")
      }
      for (index, value) in values.enumerated() where Int64(value) == nil {
        problems.append(
          FieldErrorText.invalid(
            path: "values[\(index)]", value: value,
            detail: "for 'Gt', 'Lt' operators, the value must be an integer"))
      }
    }
    for (index, value) in values.enumerated() {
      let valueProblems = LabelSyntax.valueProblems(value)
      if !valueProblems.isEmpty {
        problems.append(
          FieldErrorText.invalid(
            path: "values[\(index)][\(key)]", value: value,
            detail: valueProblems.joined(separator: "; ")))
      }
    }
    if let message = FieldErrorText.aggregate(problems) {
      return .failure(SelectorFailure(message))
    }
    return .success(LabelRequirement(key: key, op: op, values: values))
  }

  private init(key: String, op: Operator, values: [String]) {
    self.key = key
    self.op = op
    self.values = values
  }

  /// Whether `labels` satisfy this requirement. A missing label satisfies `!=`, `notin` and
  /// `!key`; `>` and `<` need the label to be an integer.
  public func matches(_ labels: [String: String]) -> Bool { matches(value: labels[key]) }

  /// Whether an object whose label `key` has this value (nil: no such label) satisfies this
  /// requirement.
  public func matches(value label: String?) -> Bool {
    switch op {
    case .equals, .doubleEquals, .inSet:
      guard let label else { return false }
      return values.contains(label)
    case .notEquals, .notInSet:
      guard let label else { return true }
      return !values.contains(label)
    case .exists:
      return label != nil
    case .doesNotExist:
      return label == nil
    case .greaterThan, .lessThan:
      guard let label, let actual = Int64(label), values.count == 1,
        let bound = Int64(values[0])
      else { return false }
      return op == .greaterThan ? actual > bound : actual < bound
    }
  }

  /// The canonical text: `key=value`, `key in (a,b)`, `!key`, `key>3`.
  public var description: String {
    let list = values.joined(separator: ",")
    switch op {
    case .exists: return key
    case .doesNotExist: return "!" + key
    case .equals, .doubleEquals, .notEquals: return key + op.rawValue + list
    case .inSet: return key + " in (" + list + ")"
    case .notInSet: return key + " notin (" + list + ")"
    case .greaterThan: return key + ">" + list
    case .lessThan: return key + "<" + list
    }
  }
}

/// Why a selector was refused, in the API server's words; `LabelQuery` and `FieldQuery` answer
/// it as a 400 `BadRequest`.
struct SelectorFailure: Error, Equatable {
  let message: String
  init(_ message: String) { self.message = message }
}
