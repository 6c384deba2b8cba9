import Engine

/// The strategic merge patches server-side apply is made of.
extension ServerSideApply {
  /// A patch that removes what `previous` set and `applied` no longer sets: `null` for a dropped
  /// member, `$patch: delete` for a dropped element of a merged list,
  /// `$deleteFromPrimitiveList` for a dropped value of a merged primitive list. A list that is
  /// replaced whole needs nothing: the applied one replaces it, or the member is dropped.
  static func removals(
    from previous: [String: JSONValue], to applied: [String: JSONValue], _ schema: PatchSchema
  ) -> [String: JSONValue] {
    var patch: [String: JSONValue] = [:]
    for (key, old) in previous {
      guard let new = applied[key] else {
        patch[key] = .null
        continue
      }
      let field = schema.field(key)
      switch (old, new) {
      case (.object(let oldMembers), .object(let newMembers)) where field?.replace != true:
        let nested = removals(from: oldMembers, to: newMembers, schema.child(key))
        if !nested.isEmpty { patch[key] = .object(nested) }
      case (.array(let oldItems), .array(let newItems)) where field?.merge == true:
        if let mergeKey = field?.mergeKey, oldItems.allSatisfy({ $0[mergeKey] != nil }) {
          let elements = removedElements(oldItems, newItems, mergeKey, schema.child(key))
          if !elements.isEmpty { patch[key] = .array(elements) }
        } else {
          let gone = oldItems.filter { !newItems.contains($0) }
          if !gone.isEmpty {
            patch["\(StrategicMerge.deleteFromPrimitiveList)/\(key)"] = .array(gone)
          }
        }
      default:
        break
      }
    }
    return patch
  }

  /// The elements of a merged list that remove what `previous` had and `applied` has not.
  private static func removedElements(
    _ previous: [JSONValue], _ applied: [JSONValue], _ mergeKey: String, _ schema: PatchSchema
  ) -> [JSONValue] {
    var elements: [JSONValue] = []
    for old in previous {
      let value = old[mergeKey]!
      guard let new = applied.first(where: { $0[mergeKey] == value }) else {
        elements.append(.object([mergeKey: value, StrategicMerge.directive: "delete"]))
        continue
      }
      var nested = removals(from: old.objectValue ?? [:], to: new.objectValue ?? [:], schema)
      if !nested.isEmpty {
        nested[mergeKey] = value
        elements.append(.object(nested))
      }
    }
    return elements
  }

  /// `applied` with `$retainKeys` added where a field tagged `retainKeys` (a union such as a
  /// Deployment's `strategy`, or a volume) changes: the live members the configuration leaves
  /// out are then cleared, so that switching `type: RollingUpdate` to `Recreate` drops the
  /// defaulted `rollingUpdate`. An unchanged union is left alone, so that applying the same
  /// configuration again changes nothing.
  static func retainingKeys(
    _ applied: [String: JSONValue], over live: [String: JSONValue], _ schema: PatchSchema
  ) -> [String: JSONValue] {
    var patch = applied
    for (key, value) in applied {
      let field = schema.field(key)
      let child = schema.child(key)
      switch value {
      case .object(let members):
        let current = live[key]?.objectValue ?? [:]
        var nested = retainingKeys(members, over: current, child)
        if field?.retainKeys == true, changes(members, current) {
          nested[StrategicMerge.retainKeys] = .array(members.keys.sorted().map(JSONValue.string))
        }
        patch[key] = .object(nested)
      case .array(let items) where field?.merge == true:
        guard let mergeKey = field?.mergeKey else { continue }
        let current = live[key]?.arrayValue ?? []
        patch[key] = .array(
          items.map { item in
            guard let members = item.objectValue, let value = members[mergeKey] else { return item }
            let match = current.first { $0[mergeKey] == value }?.objectValue
            var nested = retainingKeys(members, over: match ?? [:], child)
            if field?.retainKeys == true, let match, changes(members, match) {
              nested[StrategicMerge.retainKeys] = .array(
                members.keys.sorted().map(JSONValue.string))
            }
            return .object(nested)
          })
      default:
        break
      }
    }
    return patch
  }

  /// Whether merging `applied` over `live` changes a member of it.
  private static func changes(_ applied: [String: JSONValue], _ live: [String: JSONValue]) -> Bool {
    applied.contains { live[$0.key] != $0.value }
  }
}
