import Engine

/// `application/apply-patch+yaml`: server-side apply, without managed fields.
///
/// Applying creates the object when it is missing. Otherwise the applied configuration is merged
/// onto the live object with strategic merge semantics (lists tagged `merge` merge by key, others
/// are replaced; a custom resource's objects merge and its lists are replaced), and the fields
/// this field manager applied last time but no longer applies are removed. Fields other writers
/// set are kept. Conflicts between managers (409 without `force`) are not detected, as no
/// ownership is recorded.
///
/// The last configuration each manager applied is the caller's to keep (a side table, keyed by
/// object and `fieldManager`), so that nothing server-private is written into objects.
public enum ServerSideApply {
  /// The applied configuration of an apply body (YAML, or JSON which is YAML too).
  ///
  /// - Throws: 400 `error decoding YAML: ...` when the body is not a YAML or JSON object.
  public static func configuration(from body: [UInt8]) throws(APIError) -> JSONValue {
    let text = String(decoding: body, as: UTF8.self)
    let value: JSONValue
    if let json = try? JSONValue(exactText: text) {
      value = json
    } else {
      do {
        value = try YAMLDocument.value(text)
      } catch {
        throw .badRequest("error decoding YAML: \(error)")
      }
    }
    switch value {
    case .object: return value
    case .null: return .object([:])
    default:
      throw .badRequest(
        "error decoding YAML: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal "
          + "\(JSONPatch.jsonKind(value)) into Go value of type map[string]interface {}")
    }
  }

  /// The object after `applied` is applied by a field manager whose previous configuration was
  /// `previouslyApplied` (nil on its first apply) to `live` (nil when the object does not exist,
  /// and the result is then the object to create).
  ///
  /// - Parameters:
  ///   - kind: the object's kind (`Deployment`), which gives the merge keys of its lists.
  ///   - isCustomResource: a custom resource has no merge keys: its lists are replaced whole.
  public static func apply(
    applied: JSONValue, live: JSONValue?, previouslyApplied: JSONValue?, kind: String,
    isCustomResource: Bool
  ) throws(APIError) -> JSONValue {
    guard case .object = applied, let configuration = StrategicMerge.cleaned(applied)?.objectValue
    else {
      throw .badRequest(
        "error decoding YAML: json: cannot unmarshal \(JSONPatch.jsonKind(applied)) into Go value of type map[string]interface {}"
      )
    }
    guard let live = live?.objectValue else { return .object(configuration) }
    let schema = isCustomResource ? PatchSchema.untyped : PatchSchema.forKind(kind)
    do {
      var result = live
      if let previous = previouslyApplied.flatMap({ StrategicMerge.cleaned($0)?.objectValue }) {
        let removals = removals(from: previous, to: configuration, schema)
        if !removals.isEmpty { result = try StrategicMerge.mergeMap(result, removals, schema) }
      }
      let patch = retainingKeys(configuration, over: result, schema)
      return .object(try StrategicMerge.mergeMap(result, patch, schema))
    } catch {
      throw error.apiError
    }
  }
}
