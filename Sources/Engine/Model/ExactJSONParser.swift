/// Reads JSON text into a `JSONValue`, keeping each number's kind as written: a fraction or an
/// exponent makes a `.double`, digits alone an `.int` (a `.double` when too large for one).
struct ExactJSONParser {
  private let bytes: [UInt8]
  private var index = 0

  init(_ bytes: [UInt8]) {
    self.bytes = bytes
  }

  /// One value and nothing after it but white space.
  mutating func document() throws(ExactJSON.Failure) -> JSONValue {
    let value = try self.value(depth: 0)
    skipSpace()
    guard index == bytes.count else { throw failure("unexpected text after the value") }
    return value
  }

  private func failure(_ what: String) -> ExactJSON.Failure {
    ExactJSON.Failure("not JSON at byte \(index): \(what)")
  }

  private mutating func skipSpace() {
    while index < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[index]) { index += 1 }
  }

  private mutating func value(depth: Int) throws(ExactJSON.Failure) -> JSONValue {
    guard depth < 512 else { throw failure("nested too deeply") }
    skipSpace()
    guard index < bytes.count else { throw failure("unexpected end") }
    switch bytes[index] {
    case UInt8(ascii: "{"): return try object(depth: depth)
    case UInt8(ascii: "["): return try array(depth: depth)
    case UInt8(ascii: "\""): return .string(try string())
    case UInt8(ascii: "t"): return try literal("true", .bool(true))
    case UInt8(ascii: "f"): return try literal("false", .bool(false))
    case UInt8(ascii: "n"): return try literal("null", .null)
    default: return try number()
    }
  }

  private mutating func literal(_ word: String, _ value: JSONValue) throws(ExactJSON.Failure)
    -> JSONValue
  {
    let word = Array(word.utf8)
    guard index + word.count <= bytes.count, Array(bytes[index..<index + word.count]) == word
    else { throw failure("unknown literal") }
    index += word.count
    return value
  }

  private mutating func object(depth: Int) throws(ExactJSON.Failure) -> JSONValue {
    index += 1
    var members: [String: JSONValue] = [:]
    skipSpace()
    if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
      index += 1
      return .object(members)
    }
    while true {
      skipSpace()
      guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
        throw failure("expected a member name")
      }
      let key = try string()
      skipSpace()
      guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
        throw failure("expected ':'")
      }
      index += 1
      members[key] = try value(depth: depth + 1)
      skipSpace()
      guard index < bytes.count else { throw failure("unexpected end") }
      if bytes[index] == UInt8(ascii: ",") {
        index += 1
      } else if bytes[index] == UInt8(ascii: "}") {
        index += 1
        return .object(members)
      } else {
        throw failure("expected ',' or '}'")
      }
    }
  }

  private mutating func array(depth: Int) throws(ExactJSON.Failure) -> JSONValue {
    index += 1
    var values: [JSONValue] = []
    skipSpace()
    if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
      index += 1
      return .array(values)
    }
    while true {
      values.append(try value(depth: depth + 1))
      skipSpace()
      guard index < bytes.count else { throw failure("unexpected end") }
      if bytes[index] == UInt8(ascii: ",") {
        index += 1
      } else if bytes[index] == UInt8(ascii: "]") {
        index += 1
        return .array(values)
      } else {
        throw failure("expected ',' or ']'")
      }
    }
  }

  private mutating func number() throws(ExactJSON.Failure) -> JSONValue {
    let start = index
    var isDouble = false
    if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
    while index < bytes.count {
      switch bytes[index] {
      case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"): break
      case UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"): isDouble = true
      default:
        return try finishNumber(start: start, isDouble: isDouble)
      }
      index += 1
    }
    return try finishNumber(start: start, isDouble: isDouble)
  }

  private func finishNumber(start: Int, isDouble: Bool) throws(ExactJSON.Failure) -> JSONValue {
    let text = String(decoding: bytes[start..<index], as: UTF8.self)
    guard !text.isEmpty, text != "-" else { throw failure("expected a value") }
    if !isDouble, let value = Int(text) { return .int(value) }
    guard let value = Double(text), value.isFinite else {
      throw failure("\"\(text)\" is not a number")
    }
    return .double(value)
  }

  private mutating func string() throws(ExactJSON.Failure) -> String {
    index += 1
    var scalars = String.UnicodeScalarView()
    var run = index
    func flush(_ end: Int) {
      scalars.append(contentsOf: String(decoding: bytes[run..<end], as: UTF8.self).unicodeScalars)
    }
    while index < bytes.count {
      let byte = bytes[index]
      if byte == UInt8(ascii: "\"") {
        flush(index)
        index += 1
        return String(scalars)
      }
      guard byte == UInt8(ascii: "\\") else {
        guard byte >= 0x20 else { throw failure("a control character in a string") }
        index += 1
        continue
      }
      flush(index)
      index += 1
      guard index < bytes.count else { break }
      let escape = bytes[index]
      index += 1
      switch escape {
      case UInt8(ascii: "\""): scalars.append("\"")
      case UInt8(ascii: "\\"): scalars.append("\\")
      case UInt8(ascii: "/"): scalars.append("/")
      case UInt8(ascii: "b"): scalars.append("\u{08}")
      case UInt8(ascii: "f"): scalars.append("\u{0C}")
      case UInt8(ascii: "n"): scalars.append("\n")
      case UInt8(ascii: "r"): scalars.append("\r")
      case UInt8(ascii: "t"): scalars.append("\t")
      case UInt8(ascii: "u"): scalars.append(try unicodeEscape())
      default: throw failure("unknown escape")
      }
      run = index
    }
    throw failure("unterminated string")
  }

  /// After `\u`: four hex digits, a surrogate pair's second half read too.
  private mutating func unicodeEscape() throws(ExactJSON.Failure) -> Unicode.Scalar {
    let high = try hex4()
    if (0xD800..<0xDC00).contains(high) {
      guard index + 2 <= bytes.count, bytes[index] == UInt8(ascii: "\\"),
        bytes[index + 1] == UInt8(ascii: "u")
      else { throw failure("a lone surrogate") }
      index += 2
      let low = try hex4()
      guard (0xDC00..<0xE000).contains(low),
        let scalar = Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
      else { throw failure("a bad surrogate pair") }
      return scalar
    }
    guard let scalar = Unicode.Scalar(high) else { throw failure("a lone surrogate") }
    return scalar
  }

  private mutating func hex4() throws(ExactJSON.Failure) -> UInt32 {
    guard index + 4 <= bytes.count,
      let value = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16)
    else { throw failure("expected four hex digits") }
    index += 4
    return value
  }
}
