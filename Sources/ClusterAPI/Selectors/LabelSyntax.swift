/// The API server's rules for label keys (qualified names, with an optional DNS subdomain
/// prefix) and label values, with the messages it writes when one is broken: a bad selector is
/// answered with these words, so clients and users see what a real cluster says.
enum LabelSyntax {
  static let maxNameLength = 63
  static let maxSubdomainLength = 253

  static let namePattern = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]"
  static let nameRule =
    "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character"
  static let valuePattern = "(" + namePattern + ")?"
  static let valueRule =
    "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character"
  static let subdomainPattern = #"[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*"#
  static let subdomainRule =
    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character"

  /// What is wrong with a label key, empty when it is valid.
  static func keyProblems(_ key: String) -> [String] {
    let parts = key.split(separator: "/", omittingEmptySubsequences: false)
    var problems: [String] = []
    let name: Substring
    switch parts.count {
    case 1:
      name = parts[0]
    case 2:
      name = parts[1]
      if parts[0].isEmpty {
        problems.append("prefix part must be non-empty")
      } else {
        problems += subdomainProblems(parts[0]).map { "prefix part " + $0 }
      }
    default:
      return [
        "a qualified name "
          + regexMessage(nameRule, namePattern, examples: ["MyName", "my.name", "123-abc"])
          + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"
      ]
    }
    if name.isEmpty {
      problems.append("name part must be non-empty")
    } else if name.utf8.count > maxNameLength {
      problems.append("name part " + tooLong(maxNameLength))
    }
    if !isQualifiedName(name.utf8) {
      problems.append(
        "name part "
          + regexMessage(nameRule, namePattern, examples: ["MyName", "my.name", "123-abc"]))
    }
    return problems
  }

  /// What is wrong with a label value, empty when it is valid (the empty value is).
  static func valueProblems(_ value: String) -> [String] {
    var problems: [String] = []
    if value.utf8.count > maxNameLength { problems.append(tooLong(maxNameLength)) }
    if !value.isEmpty && !isQualifiedName(value.utf8) {
      problems.append(
        regexMessage(valueRule, valuePattern, examples: ["MyValue", "my_value", "12345"]))
    }
    return problems
  }

  /// What is wrong with a DNS (RFC 1123) subdomain.
  static func subdomainProblems(_ value: Substring) -> [String] {
    var problems: [String] = []
    if value.utf8.count > maxSubdomainLength { problems.append(tooLong(maxSubdomainLength)) }
    let labels = value.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
    if !labels.allSatisfy(isDNSLabel) {
      problems.append(regexMessage(subdomainRule, subdomainPattern, examples: ["example.com"]))
    }
    return problems
  }

  /// The API server's wording for a pattern a value must match, with examples.
  static func regexMessage(_ rule: String, _ pattern: String, examples: [String]) -> String {
    guard !examples.isEmpty else { return rule + " (regex used for validation is '\(pattern)')" }
    let listed = examples.map { "'\($0)', " }.joined(separator: " or ")
    return rule + " (e.g. " + listed + "regex used for validation is '\(pattern)')"
  }

  static func tooLong(_ length: Int) -> String { "must be no more than \(length) characters" }

  /// `([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]`, whole.
  private static func isQualifiedName<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
    guard let first = bytes.first, let last = bytes.reversed().first,
      isAlphanumeric(first), isAlphanumeric(last)
    else { return false }
    return bytes.allSatisfy {
      isAlphanumeric($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_")
        || $0 == UInt8(ascii: ".")
    }
  }

  /// `[a-z0-9]([-a-z0-9]*[a-z0-9])?`, whole.
  private static func isDNSLabel(_ bytes: Substring.UTF8View.SubSequence) -> Bool {
    guard let first = bytes.first, let last = bytes.reversed().first,
      isLowerAlphanumeric(first), isLowerAlphanumeric(last)
    else { return false }
    return bytes.allSatisfy { isLowerAlphanumeric($0) || $0 == UInt8(ascii: "-") }
  }

  private static func isAlphanumeric(_ byte: UInt8) -> Bool {
    isLowerAlphanumeric(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
  }

  private static func isLowerAlphanumeric(_ byte: UInt8) -> Bool {
    (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
      || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
  }
}
