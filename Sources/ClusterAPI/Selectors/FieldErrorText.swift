/// The text of the API server's field errors (`values[0]: Invalid value: "x": detail`) and of
/// a list of them, as label selector messages embed them.
enum FieldErrorText {
  /// `<path>: Invalid value: "<value>": <detail>`. The API server writes `<nil>` for a
  /// selector's key, which has no path.
  static func invalid(path: String, value: String, detail: String) -> String {
    "\(path): Invalid value: \(GoText.quoted(value)): \(detail)"
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
}
