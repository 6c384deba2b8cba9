/// The text of a field selector (`?fieldSelector=`) as the API server splits it: terms
/// separated by unescaped commas, each `field=value`, `field==value` or `field!=value`, the
/// value with `\,`, `\=` and `\\` escapes.
enum FieldSelectorSyntax {
  /// A term before unescaping: the field, whether it is `!=`, and the value as written.
  struct RawTerm: Equatable {
    var field: String
    var negated: Bool
    var value: String
  }

  /// The comma-separated terms; an escaped comma stays in its term, backslash included.
  static func terms(_ selector: String) -> [String] {
    guard !selector.isEmpty else { return [] }
    var terms: [String] = []
    var current = ""
    var escaped = false
    for character in selector.unicodeScalars {
      if escaped {
        escaped = false
      } else if character == "\\" {
        escaped = true
      } else if character == "," {
        terms.append(current)
        current = ""
        continue
      }
      current.unicodeScalars.append(character)
    }
    terms.append(current)
    return terms
  }

  /// Splits a term at its first operator (`!=` before `==` before `=` at each place); nil when
  /// it has none.
  static func split(_ term: String) -> RawTerm? {
    let scalars = Array(term.unicodeScalars)
    for index in scalars.indices {
      let next = index + 1 < scalars.count ? scalars[index + 1] : nil
      let width: Int
      if scalars[index] == "!" && next == "=" {
        width = 2
      } else if scalars[index] == "=" {
        width = next == "=" ? 2 : 1
      } else {
        continue
      }
      return RawTerm(
        field: String(String.UnicodeScalarView(scalars[..<index])),
        negated: scalars[index] == "!",
        value: String(String.UnicodeScalarView(scalars[(index + width)...])))
    }
    return nil
  }

  /// The value with its escapes resolved.
  ///
  /// - Throws: the API server's message for an unknown escape, a trailing backslash, or an
  ///   unescaped `,` or `=` (named by its code point, as Go prints a rune).
  static func unescape(_ value: String) throws(SelectorFailure) -> String {
    guard value.contains(where: { $0 == "\\" || $0 == "," || $0 == "=" }) else { return value }
    var out = ""
    var escaped = false
    for scalar in value.unicodeScalars {
      if escaped {
        guard scalar == "\\" || scalar == "," || scalar == "=" else {
          throw SelectorFailure("invalid field selector: invalid escape sequence: \\\(scalar)")
        }
        out.unicodeScalars.append(scalar)
        escaped = false
        continue
      }
      switch scalar {
      case "\\": escaped = true
      case ",", "=":
        throw SelectorFailure(
          "invalid field selector: unescaped character in value: \(scalar.value)")
      default: out.unicodeScalars.append(scalar)
      }
    }
    if escaped { throw SelectorFailure("invalid field selector: invalid escape sequence: \\") }
    return out
  }

  /// A literal value written so that `unescape` gives it back.
  static func escape(_ value: String) -> String {
    var out = ""
    for scalar in value.unicodeScalars {
      if scalar == "\\" || scalar == "," || scalar == "=" { out += "\\" }
      out.unicodeScalars.append(scalar)
    }
    return out
  }
}
