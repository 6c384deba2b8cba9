/// RFC 6901 JSON pointers, as JSON patch paths use them: `/metadata/annotations/a~1b` names the
/// annotation `a/b`, `~0` stands for `~`.
enum JSONPointer {
  /// The reference tokens of `path`, unescaped; `[]` for `""` (the whole document), nil for a
  /// path that does not start with `/`.
  static func tokens(_ path: String) -> [String]? {
    if path.isEmpty { return [] }
    guard path.hasPrefix("/") else { return nil }
    return path.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map {
      unescape($0)
    }
  }

  /// `~1` to `/` and `~0` to `~`, read left to right so that `~01` is `~1`.
  static func unescape(_ token: Substring) -> String {
    guard token.contains("~") else { return String(token) }
    var out = ""
    var index = token.startIndex
    while index < token.endIndex {
      let next = token.index(after: index)
      if token[index] == "~", next < token.endIndex, token[next] == "0" || token[next] == "1" {
        out.append(token[next] == "0" ? "~" : "/")
        index = token.index(after: next)
      } else {
        out.append(token[index])
        index = next
      }
    }
    return out
  }

  /// An array index as Go's `strconv.Atoi` reads it (an optional sign, then decimal digits), or
  /// nil.
  static func index(_ token: String) -> Int? {
    var digits = Substring(token)
    var negative = false
    if let sign = digits.first, sign == "+" || sign == "-" {
      negative = sign == "-"
      digits = digits.dropFirst()
    }
    guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
      let magnitude = Int(digits)
    else { return nil }
    return negative ? -magnitude : magnitude
  }
}
