/// Splits a condition's source into tokens, each with its column.
struct ConditionLexer {
  private let characters: [Character]
  private var index = 0

  init(_ source: String) { characters = Array(source) }

  /// All tokens, ending with `.end`.
  static func tokens(of source: String) throws(ConditionError) -> [LexedToken] {
    var lexer = ConditionLexer(source)
    var tokens: [LexedToken] = []
    while true {
      let token = try lexer.next()
      tokens.append(token)
      if token.token == .end { return tokens }
    }
  }

  /// Two-character symbols, tried before the one-character ones.
  private static let pairs: Set<String> = ["**", "&&", "||", "==", "!=", "<=", ">=", "??", "?."]
  private static let singles: Set<Character> = [
    "+", "-", "*", "/", "%", "^", "<", ">", "!", "?", ":", ",", ".", "#", "(", ")", "[", "]",
    "{", "}",
  ]

  private func peek(_ offset: Int = 0) -> Character? {
    let at = index + offset
    return at < characters.count ? characters[at] : nil
  }

  private mutating func next() throws(ConditionError) -> LexedToken {
    while let c = peek(), c.isWhitespace { index += 1 }
    let start = index
    let column = start + 1
    guard let c = peek() else { return LexedToken(token: .end, column: column, text: "") }
    let token: ConditionToken
    if c.isASCII, c.isNumber {
      token = try number()
    } else if c == "'" || c == "\"" {
      token = .string(try quoted(by: c))
    } else if c == "`" {
      token = .string(try raw())
    } else if Self.isNameStart(c) {
      while let c = peek(), Self.isNameStart(c) || (c.isASCII && c.isNumber) { index += 1 }
      token = .name(String(characters[start..<index]))
    } else if let d = peek(1), Self.pairs.contains(String([c, d])),
      !(c == "?" && d == "." && peek(2).map { $0.isASCII && $0.isNumber } == true)
    {
      index += 2
      token = .symbol(String([c, d]))
    } else if Self.singles.contains(c) {
      index += 1
      token = .symbol(String(c))
    } else {
      throw ConditionError("unexpected character '\(c)'", column: column)
    }
    return LexedToken(token: token, column: column, text: String(characters[start..<index]))
  }

  private static func isNameStart(_ c: Character) -> Bool {
    c == "_" || c == "$" || (c.isASCII && c.isLetter)
  }

  private mutating func digits(_ accept: (Character) -> Bool) {
    while let c = peek(), c == "_" || accept(c) { index += 1 }
  }

  private mutating func number() throws(ConditionError) -> ConditionToken {
    let start = index
    let isDecimalDigit: (Character) -> Bool = { $0.isASCII && $0.isNumber }
    if peek() == "0", let x = peek(1), x == "x" || x == "X" {
      index += 2
      digits { $0.isHexDigit }
      let text = String(characters[(start + 2)..<index]).replacingUnderscores()
      guard let value = Int(text, radix: 16) else {
        throw ConditionError("invalid hex literal", column: start + 1)
      }
      return .number(.int(value))
    }
    digits(isDecimalDigit)
    var isFloat = false
    if peek() == ".", let d = peek(1), isDecimalDigit(d) {
      isFloat = true
      index += 1
      digits(isDecimalDigit)
    }
    if let e = peek(), e == "e" || e == "E" {
      let signed = peek(1) == "+" || peek(1) == "-"
      if let d = peek(signed ? 2 : 1), isDecimalDigit(d) {
        isFloat = true
        index += signed ? 2 : 1
        digits(isDecimalDigit)
      }
    }
    let text = String(characters[start..<index]).replacingUnderscores()
    if isFloat {
      guard let value = Double(text), value.isFinite else {
        throw ConditionError("float literal is too large", column: start + 1)
      }
      return .number(.double(value))
    }
    guard let value = Int(text) else {
      throw ConditionError("integer literal is too large", column: start + 1)
    }
    return .number(.int(value))
  }

  /// A `'…'` or `"…"` literal with backslash escapes.
  private mutating func quoted(by quote: Character) throws(ConditionError) -> String {
    let opening = index + 1
    index += 1
    var text = ""
    while let c = peek() {
      index += 1
      if c == quote { return text }
      if c == "\\" {
        text.append(try escape())
      } else {
        text.append(c)
      }
    }
    throw ConditionError("unterminated string", column: opening)
  }

  /// A `` `…` `` literal: no escapes.
  private mutating func raw() throws(ConditionError) -> String {
    let opening = index + 1
    index += 1
    let start = index
    while let c = peek() {
      index += 1
      if c == "`" { return String(characters[start..<(index - 1)]) }
    }
    throw ConditionError("unterminated string", column: opening)
  }

  /// The character after a backslash (already consumed), decoded.
  private mutating func escape() throws(ConditionError) -> Character {
    let column = index
    guard let c = peek() else { throw ConditionError("unterminated string", column: column) }
    index += 1
    switch c {
    case "n": return "\n"
    case "t": return "\t"
    case "r": return "\r"
    case "b": return "\u{08}"
    case "f": return "\u{0C}"
    case "v": return "\u{0B}"
    case "0": return "\u{00}"
    case "\\", "'", "\"", "`", "/": return c
    case "u", "x":
      let count = c == "u" ? 4 : 2
      let hex = String(characters[index..<min(index + count, characters.count)])
      guard hex.count == count, let code = UInt32(hex, radix: 16),
        let scalar = Unicode.Scalar(code)
      else { throw ConditionError("invalid escape '\\\(c)\(hex)'", column: column) }
      index += count
      return Character(scalar)
    default:
      throw ConditionError("invalid escape '\\\(c)'", column: column)
    }
  }
}

extension String {
  fileprivate func replacingUnderscores() -> String { filter { $0 != "_" } }
}
