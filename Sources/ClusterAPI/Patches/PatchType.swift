/// The four kinds of PATCH body the API serves, by their `Content-Type`.
public enum PatchType: String, Sendable, Hashable, CaseIterable {
  /// RFC 6902 operations.
  case json = "application/json-patch+json"
  /// RFC 7386 merge patch.
  case merge = "application/merge-patch+json"
  /// Kubernetes' strategic merge patch (built-in kinds only).
  case strategic = "application/strategic-merge-patch+json"
  /// Server-side apply: the applied configuration as YAML or JSON.
  case apply = "application/apply-patch+yaml"

  /// The patch type of a `Content-Type` header, its parameters (`; charset=utf-8`) ignored; nil
  /// for any other media type. Like the API server, the comparison is exact (no case folding).
  public init?(contentType: String) {
    var mediaType = Substring(contentType)
    if let semicolon = mediaType.firstIndex(of: ";"), semicolon > mediaType.startIndex {
      mediaType = mediaType[..<semicolon]
    }
    self.init(rawValue: String(mediaType))
  }

  /// The types a resource takes, in the order the API server lists them: custom resources (the
  /// `argoproj.io` Rollout) take no strategic merge patch, as they have no Go types to carry its
  /// metadata.
  public static func supported(isCustomResource: Bool) -> [PatchType] {
    isCustomResource ? [.json, .merge, .apply] : [.json, .merge, .strategic, .apply]
  }

  /// The 415 for a `Content-Type` the resource does not take, worded as the API server words it.
  public static func unsupportedMediaType(isCustomResource: Bool) -> APIError {
    let accepted = supported(isCustomResource: isCustomResource).map(\.rawValue)
    return APIError(
      code: 415, reason: "UnsupportedMediaType",
      message:
        "the body of the request was in an unknown format - accepted media types include: "
        + accepted.joined(separator: ", "))
  }
}
