/// The text of the API server's field errors (`values[0]: Invalid value: "x": detail`) and of
/// a list of them, as label selector messages embed them.
enum FieldErrorText {
  /// `<path>: Invalid value: "<value>": <detail>`. The API server writes `<nil>` for a
  /// selector's key, which has no path.
  static func invalid(path: String, value: String, detail: String) -> String {
    "\(path): Invalid value: \(quoted(value)): \(detail)"
  }

  /// One message as it is; several, without repeats, as `[first, second]`.
  static func aggregate(_ messages: [String]) -> String? {
    var seen = Set<String>()
    let unique = messages.filter { seen.insert($0).inserted }
    switch unique.count {
    case 0: return nil
    case 1: return unique[0]
    default: return "[" + unique.joined(separator: ", ") + "]"
    }
  }

  /// A string in double quotes with Go's `%q` escapes for quotes, backslashes and control
  /// characters.
  static func quoted(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      case "\r": out += "\\r"
      default:
        if scalar.value < 0x20 || scalar.value == 0x7F {
          let hex = String(scalar.value, radix: 16)
          out += "\\x" + (hex.count == 1 ? "0" + hex : hex)
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }
}
