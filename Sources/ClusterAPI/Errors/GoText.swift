import Engine

/// Values written the way Go's `fmt` writes them in the API server's messages, so that an error
/// a client reads names a patch element as kube-apiserver would (`map[name:web]`).
enum GoText {
  /// `%v` of a decoded JSON value: `map[a:1 b:[x y]]`, `<nil>`, strings unquoted.
  static func value(_ value: JSONValue) -> String {
    switch value {
    case .null: return "<nil>"
    case .bool(let flag): return flag ? "true" : "false"
    case .int(let number): return String(number)
    case .double(let number):
      return number == number.rounded() && abs(number) < 1e21 ? String(Int(number)) : "\(number)"
    case .string(let text): return text
    case .array(let items): return "[" + items.map(Self.value).joined(separator: " ") + "]"
    case .object(let members):
      let pairs = members.keys.sorted().map { "\($0):\(Self.value(members[$0]!))" }
      return "map[" + pairs.joined(separator: " ") + "]"
    }
  }

  /// `%q` of a string: double-quoted with Go's escapes.
  static func quoted(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      case "\r": out += "\\r"
      case _ where scalar.value < 0x20 || scalar.value == 0x7F:
        let hex = String(scalar.value, radix: 16)
        out += "\\x" + String(repeating: "0", count: 2 - hex.count) + hex
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }
}
