import Engine

/// Applying a PATCH request's body to an object, with the answers kube-apiserver gives when it
/// cannot (`pkg/endpoints/handlers/patch.go`).
public enum Patching {
  /// `object` (the live object of `kind`, in wire form) with `body` of `type` applied.
  ///
  /// An `apply` body is merged without a previous configuration (nothing is removed): callers that
  /// keep each manager's last applied configuration use `ServerSideApply` directly.
  ///
  /// The result is not validated beyond being an object: its name, namespace, kind and fields are
  /// the caller's to check, as for an update.
  ///
  /// - Throws: 415 for a strategic merge patch of a custom resource; 400 for a malformed patch;
  ///   422 for a JSON patch that cannot apply or a result that is not an object; 413 for more
  ///   than 10,000 JSON patch operations; 500 for a strategic patch the API server cannot
  ///   classify either (a merged element without its merge key).
  public static func apply(
    _ type: PatchType, body: [UInt8], to object: JSONValue, kind: String, isCustomResource: Bool
  ) throws(APIError) -> JSONValue {
    guard PatchType.supported(isCustomResource: isCustomResource).contains(type) else {
      throw PatchType.unsupportedMediaType(isCustomResource: isCustomResource)
    }
    let result: JSONValue
    if type == .apply {
      let applied = try ServerSideApply.configuration(from: body)
      result = try ServerSideApply.apply(
        applied: applied, live: object, previouslyApplied: nil, kind: kind,
        isCustomResource: isCustomResource)
    } else {
      do {
        result = try patched(object, type, body, kind: kind)
      } catch {
        throw error.apiError
      }
    }
    guard case .object = result else { throw .unusablePatchResult(result, kind: kind) }
    return result
  }

  private static func patched(_ object: JSONValue, _ type: PatchType, _ body: [UInt8], kind: String)
    throws(PatchFailure) -> JSONValue
  {
    let text = String(decoding: body, as: UTF8.self)
    let document: JSONValue
    do {
      document = try JSONValue(exactText: text)
    } catch {
      throw PatchFailure(.badRequest, type == .merge ? "Invalid JSON Patch" : error.message)
    }
    switch type {
    case .json:
      return try JSONPatch.apply(try JSONPatch.decode(document), to: object)
    case .merge:
      return try MergePatch.apply(document, to: object)
    case .strategic:
      return try StrategicMerge.apply(document, to: object, schema: .forKind(kind))
    case .apply:
      return object
    }
  }
}
