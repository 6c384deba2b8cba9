/// Content negotiation for `/api` and `/apis`, as the API server does it: the Accept header's
/// media ranges are tried by quality (then the more specific first, otherwise in the order
/// written), and the first one the server can answer wins. A range carrying a conversion
/// (`g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList`) is answerable only when it names
/// aggregated discovery in v2 or v2beta1 as JSON; any other conversion (`as=Table`) is skipped.
/// A range without one is answered with plain JSON. kubectl 1.30+ sends v2, v2beta1, JSON;
/// kubectl 1.27-1.29 v2beta1, JSON; the Python client `application/json`.
enum DiscoveryAccept {
  /// One media range of an Accept header.
  struct MediaRange: Equatable {
    var type: String
    var subtype: String
    var parameters: [String: String]
    var quality: Double

    /// Wildcards sort after concrete types of the same quality.
    var wildcards: Int { (type == "*" ? 1 : 0) + (subtype == "*" ? 1 : 0) }
  }

  static func format(_ accept: String?) -> Discovery.Format {
    guard let accept, !accept.allSatisfy(\.isWhitespace) else { return .legacy }
    let ranges = parse(accept).enumerated().sorted { lhs, rhs in
      if lhs.element.quality != rhs.element.quality {
        return lhs.element.quality > rhs.element.quality
      }
      if lhs.element.wildcards != rhs.element.wildcards {
        return lhs.element.wildcards < rhs.element.wildcards
      }
      return lhs.offset < rhs.offset
    }.map(\.element)
    for range in ranges where range.quality > 0 {
      if let format = answer(range) { return format }
    }
    // Nothing acceptable: the API server would refuse with 406; plain JSON serves every client
    // that reads discovery at all.
    return .legacy
  }

  /// What the server answers to one media range, or nil when it cannot.
  static func answer(_ range: MediaRange) -> Discovery.Format? {
    let json =
      (range.type == "application" && (range.subtype == "json" || range.subtype == "*"))
      || (range.type == "*" && range.subtype == "*")
    guard json else { return nil }
    let group = range.parameters["g"]
    let version = range.parameters["v"]
    let kind = range.parameters["as"]
    if group == nil && version == nil && kind == nil { return .legacy }
    guard group == "apidiscovery.k8s.io", kind == "APIGroupDiscoveryList" else { return nil }
    switch version {
    case "v2": return .aggregatedV2
    case "v2beta1": return .aggregatedV2Beta1
    default: return nil
    }
  }

  /// The media ranges of an Accept header (`type/subtype;key=value;q=0.5, ...`). Ranges that are
  /// not `type/subtype` are dropped; parameter names are case-insensitive, values keep their case
  /// (`as=APIGroupDiscoveryList`) and lose surrounding quotes.
  static func parse(_ header: String) -> [MediaRange] {
    header.split(separator: ",").compactMap { text in
      let parts = text.split(separator: ";").map { $0.trimmingWhitespace() }
      guard let mediaType = parts.first else { return nil }
      let typeParts = mediaType.lowercased().split(separator: "/", omittingEmptySubsequences: false)
      guard typeParts.count == 2, !typeParts[0].isEmpty, !typeParts[1].isEmpty else { return nil }
      var parameters: [String: String] = [:]
      var quality = 1.0
      for parameter in parts.dropFirst() {
        guard let equals = parameter.firstIndex(of: "=") else { continue }
        let key = parameter[..<equals].trimmingWhitespace().lowercased()
        var value = parameter[parameter.index(after: equals)...].trimmingWhitespace()
        if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") {
          value = String(value.dropFirst().dropLast())
        }
        if key == "q" {
          quality = Double(value) ?? 0
        } else {
          parameters[key] = value
        }
      }
      return MediaRange(
        type: String(typeParts[0]), subtype: String(typeParts[1]), parameters: parameters,
        quality: quality)
    }
  }
}

extension StringProtocol {
  /// The text without leading and trailing spaces and tabs.
  fileprivate func trimmingWhitespace() -> String {
    String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
  }
}
