import Foundation

/// Why a duration could not be parsed.
public struct DurationError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The text as given.
  public var text: String
  /// What is wrong with it.
  public var reason: String

  public var description: String {
    "invalid duration \"\(text)\": \(reason) (use e.g. \"90\", \"500ms\", \"2s\", \"10m\", \"1h30m\")"
  }
}

/// Parses a Go-style duration into seconds: a sequence of decimal numbers, each with a unit
/// (`ns`, `us`/`µs`, `ms`, `s`, `m`, `h`), such as `"1h30m"` or `"1.5s"`; a bare number is
/// seconds. Negative durations are refused.
///
/// Worked example: `"1h30m"` = 3600 + 30 * 60 = 5400; `"1m30s"` = 90; `"500ms"` = 0.5.
public func parseDuration(_ text: String) throws(DurationError) -> Double {
  let trimmed = text.trimmingCharacters(in: .whitespaces)
  guard !trimmed.isEmpty else { throw DurationError(text: text, reason: "empty") }
  if trimmed.hasPrefix("-") { throw DurationError(text: text, reason: "must not be negative") }
  let body = trimmed.hasPrefix("+") ? String(trimmed.dropFirst()) : trimmed
  if let seconds = Double(body), seconds.isFinite, body.allSatisfy({ $0.isNumber || $0 == "." }) {
    return seconds
  }
  let units: [(String, Double)] = [
    ("ns", 1e-9), ("us", 1e-6), ("µs", 1e-6), ("μs", 1e-6), ("ms", 1e-3), ("s", 1), ("m", 60),
    ("h", 3600),
  ]
  var total = 0.0
  var rest = Substring(body)
  while !rest.isEmpty {
    let number = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
    guard let value = Double(number) else {
      throw DurationError(text: text, reason: "expected a number at \"\(rest)\"")
    }
    rest = rest.dropFirst(number.count)
    let unitText = rest.prefix { !($0.isASCII && ($0.isNumber || $0 == ".")) }
    guard let unit = units.first(where: { $0.0 == unitText }) else {
      let reason =
        unitText.isEmpty ? "missing unit after \(number)" : "unknown unit \"\(unitText)\""
      throw DurationError(text: text, reason: reason)
    }
    rest = rest.dropFirst(unitText.count)
    total += value * unit.1
  }
  return total
}

/// Formats seconds as Go's `time.Duration.String` does: `"1h30m0s"`, `"1m30s"`, `"45s"`,
/// `"1.5s"`, `"500ms"`, `"0s"`.
public func formatDuration(_ seconds: Double) -> String {
  if seconds < 0 { return "-" + formatDuration(-seconds) }
  if seconds == 0 { return "0s" }
  if seconds < 1 {
    let (value, unit) =
      seconds >= 1e-3
      ? (seconds * 1e3, "ms") : seconds >= 1e-6 ? (seconds * 1e6, "µs") : (seconds * 1e9, "ns")
    return trimmedNumber(value) + unit
  }
  let hours = Int(seconds / 3600)
  let minutes = Int((seconds - Double(hours) * 3600) / 60)
  let secs = seconds - Double(hours) * 3600 - Double(minutes) * 60
  var out = ""
  if hours > 0 { out += "\(hours)h" }
  if hours > 0 || minutes > 0 { out += "\(minutes)m" }
  return out + trimmedNumber(secs) + "s"
}

/// A number with up to 9 decimals and no trailing zeros: `1.5`, `30`, `0.25`.
private func trimmedNumber(_ value: Double) -> String {
  let rounded = (value * 1e9).rounded() / 1e9
  if rounded == rounded.rounded() { return String(Int(rounded)) }
  var text = String(rounded)
  while text.hasSuffix("0") { text.removeLast() }
  return text
}
