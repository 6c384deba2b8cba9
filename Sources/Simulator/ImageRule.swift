import Engine

/// A fault injected for pods whose image matches a glob pattern (`*` matches any run of
/// characters, `?` any one character): `web:v3*`, `*:bad`.
///
/// The CLI spelling is `PATTERN=BEHAVIOUR`, parsed by `ImageRule.parse(_:)`:
/// `web:v3=never-ready`, `*:canary=crash-after:30s`, `img=ready-after:10s`.
public struct ImageRule: Sendable, Codable, Hashable, CustomStringConvertible {
  /// The glob matched against a container image.
  public var pattern: String
  /// What happens to a pod running a matching image.
  public var behaviour: Behaviour

  public init(pattern: String, behaviour: Behaviour) {
    self.pattern = pattern
    self.behaviour = behaviour
  }

  /// What a matching image does.
  public enum Behaviour: Sendable, Codable, Hashable {
    /// The pod never becomes ready.
    case neverReady
    /// The pod becomes ready as usual, then crashes after `seconds` of being ready and stays
    /// not ready (CrashLoopBackOff), its restart count raised.
    case crashAfter(seconds: Double)
    /// The pod becomes ready `seconds` after creation instead of the default.
    case readyAfter(seconds: Double)
  }

  /// Whether `image` matches the pattern.
  public func matches(image: String) -> Bool {
    Glob.matches(Array(pattern.unicodeScalars), Array(image.unicodeScalars))
  }

  /// The CLI spelling of the rule.
  public var description: String {
    switch behaviour {
    case .neverReady: return "\(pattern)=never-ready"
    case .crashAfter(let seconds): return "\(pattern)=crash-after:\(DurationText.format(seconds))"
    case .readyAfter(let seconds): return "\(pattern)=ready-after:\(DurationText.format(seconds))"
    }
  }

  /// Parses `PATTERN=never-ready`, `PATTERN=crash-after:DURATION` or
  /// `PATTERN=ready-after:DURATION`, where a duration is like `500ms`, `2s`, `10m`, `1h`,
  /// `1m30s` or a bare number of seconds.
  public static func parse(_ text: String) throws(ImageRuleParseError) -> ImageRule {
    guard let equals = text.firstIndex(of: "=") else {
      throw ImageRuleParseError(
        input: text, reason: "expected PATTERN=BEHAVIOUR, e.g. \"web:v3=never-ready\"")
    }
    let pattern = String(text[..<equals])
    let spec = String(text[text.index(after: equals)...])
    guard !pattern.isEmpty else {
      throw ImageRuleParseError(input: text, reason: "the image pattern is empty")
    }
    let name: Substring
    let argument: Substring?
    if let colon = spec.firstIndex(of: ":") {
      name = spec[..<colon]
      argument = spec[spec.index(after: colon)...]
    } else {
      name = spec[...]
      argument = nil
    }
    func duration() throws(ImageRuleParseError) -> Double {
      guard let argument, !argument.isEmpty else {
        throw ImageRuleParseError(
          input: text, reason: "\(name) needs a duration, e.g. \"\(name):30s\"")
      }
      guard let seconds = DurationText.parse(String(argument)) else {
        throw ImageRuleParseError(
          input: text,
          reason: "bad duration \"\(argument)\" (use e.g. 500ms, 2s, 10m, 1h, 1m30s)")
      }
      return seconds
    }
    switch name {
    case "never-ready":
      if argument != nil {
        throw ImageRuleParseError(input: text, reason: "never-ready takes no duration")
      }
      return ImageRule(pattern: pattern, behaviour: .neverReady)
    case "crash-after":
      return ImageRule(pattern: pattern, behaviour: .crashAfter(seconds: try duration()))
    case "ready-after":
      return ImageRule(pattern: pattern, behaviour: .readyAfter(seconds: try duration()))
    default:
      throw ImageRuleParseError(
        input: text,
        reason: "unknown behaviour \"\(name)\" (expected never-ready, crash-after:DURATION "
          + "or ready-after:DURATION)")
    }
  }
}

/// Why an `--fault` rule could not be parsed.
public struct ImageRuleParseError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The text given.
  public var input: String
  /// What is wrong with it.
  public var reason: String

  public var description: String { "invalid fault rule \"\(input)\": \(reason)" }
}

/// Glob matching with `*` and `?` over Unicode scalars, iterative with one backtrack point.
enum Glob {
  static func matches(_ pattern: [Unicode.Scalar], _ text: [Unicode.Scalar]) -> Bool {
    var p = 0
    var t = 0
    var starP = -1
    var starT = 0
    while t < text.count {
      if p < pattern.count, pattern[p] == "?" || pattern[p] == text[t] {
        p += 1
        t += 1
      } else if p < pattern.count, pattern[p] == "*" {
        starP = p
        starT = t
        p += 1
      } else if starP >= 0 {
        p = starP + 1
        starT += 1
        t = starT
      } else {
        return false
      }
    }
    while p < pattern.count, pattern[p] == "*" { p += 1 }
    return p == pattern.count
  }
}

/// Durations like `500ms`, `2s`, `10m`, `1h`, `1m30s`, `1.5s` or a bare number of seconds.
enum DurationText {
  static func parse(_ text: String) -> Double? {
    if let plain = Double(text), plain.isFinite, plain >= 0 { return plain }
    var total = 0.0
    var rest = Substring(text)
    guard !rest.isEmpty else { return nil }
    while !rest.isEmpty {
      let number = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
      guard !number.isEmpty, let value = Double(number) else { return nil }
      rest = rest.dropFirst(number.count)
      let unit = rest.prefix { $0.isASCII && $0.isLetter }
      rest = rest.dropFirst(unit.count)
      switch unit {
      case "ms": total += value / 1000
      case "s": total += value
      case "m": total += value * 60
      case "h": total += value * 3600
      default: return nil
      }
    }
    return total
  }

  static func format(_ seconds: Double) -> String {
    if seconds == seconds.rounded() { return "\(Int(seconds))s" }
    if (seconds * 1000) == (seconds * 1000).rounded() { return "\(Int(seconds * 1000))ms" }
    return "\(seconds)s"
  }
}
