/// One lexical unit of a condition.
enum ConditionToken: Sendable, Hashable {
  /// An integer or float literal, already converted.
  case number(JSONValue)
  /// A string literal with its escapes decoded.
  case string(String)
  /// An identifier, or a word operator (`and`, `or`, `not`, `in`, …).
  case name(String)
  /// Punctuation: operators and brackets (`**`, `&&`, `(`, `?.`, `#`, …).
  case symbol(String)
  /// The end of the source.
  case end
}

/// A token with its place in the source.
struct LexedToken: Sendable, Hashable {
  var token: ConditionToken
  /// The 1-based column of its first character.
  var column: Int
  /// The token as written, for error messages.
  var text: String

  /// How an error message names this token.
  var quoted: String {
    if case .end = token { return "end of expression" }
    return "'\(text)'"
  }

  func isSymbol(_ symbol: String) -> Bool { token == .symbol(symbol) }

  func isName(_ name: String) -> Bool { token == .name(name) }
}
