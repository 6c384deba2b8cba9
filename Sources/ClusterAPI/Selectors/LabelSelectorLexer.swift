/// Splits a label selector (`?labelSelector=`) into tokens the way the API server does:
/// identifiers run until whitespace or one of `= ! ( ) , > <`; operators are the longest known
/// run of those symbols; `in` and `notin` are keywords only where an operator may stand.
struct LabelSelectorLexer {
  enum Token: Equatable {
    case end, error, identifier
    case openParen, closeParen, comma
    case not, equals, doubleEquals, notEquals, greaterThan, lessThan
    case inKeyword, notInKeyword
  }

  struct Item: Equatable {
    var token: Token
    var literal: String
  }

  private let bytes: [UInt8]
  private var position = 0

  init(_ text: String) { bytes = Array(text.utf8) }

  /// Every token of `text`, the last one `.end`.
  static func items(_ text: String) -> [Item] {
    var lexer = LabelSelectorLexer(text)
    var items: [Item] = []
    while true {
      let item = lexer.next()
      items.append(item)
      if item.token == .end { return items }
    }
  }

  private static let symbols: [String: Token] = [
    ")": .closeParen, ",": .comma, "!": .not, "==": .doubleEquals, "=": .equals,
    ">": .greaterThan, "<": .lessThan, "!=": .notEquals, "(": .openParen,
  ]
  private static let keywords: [String: Token] = ["in": .inKeyword, "notin": .notInKeyword]

  /// The next token; a NUL byte ends the text, as it does for the API server.
  mutating func next() -> Item {
    while position < bytes.count, Self.isWhitespace(bytes[position]) { position += 1 }
    guard position < bytes.count, bytes[position] != 0 else {
      return Item(token: .end, literal: "")
    }
    return Self.isSymbol(bytes[position]) ? symbol() : word()
  }

  /// An identifier or keyword: everything up to whitespace, a symbol or the end.
  private mutating func word() -> Item {
    let start = position
    while position < bytes.count, bytes[position] != 0, !Self.isSymbol(bytes[position]),
      !Self.isWhitespace(bytes[position])
    {
      position += 1
    }
    let literal = String(decoding: bytes[start..<position], as: UTF8.self)
    return Item(token: Self.keywords[literal] ?? .identifier, literal: literal)
  }

  /// The longest operator made of the symbols here (`!=` rather than `!`).
  private mutating func symbol() -> Item {
    var run = ""
    var found: Item?
    while position < bytes.count, Self.isSymbol(bytes[position]) {
      run.unicodeScalars.append(Unicode.Scalar(bytes[position]))
      if let token = Self.symbols[run] {
        found = Item(token: token, literal: run)
      } else if found != nil {
        break
      }
      position += 1
    }
    return found ?? Item(token: .error, literal: "error expected: keyword found '\(run)'")
  }

  private static func isWhitespace(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
      || byte == UInt8(ascii: "\n")
  }

  private static func isSymbol(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "="), UInt8(ascii: "!"), UInt8(ascii: "("), UInt8(ascii: ")"),
      UInt8(ascii: ","), UInt8(ascii: ">"), UInt8(ascii: "<"):
      return true
    default:
      return false
    }
  }
}
