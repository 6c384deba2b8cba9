import Engine

/// Merging a list tagged `patchStrategy:"merge"`.
extension StrategicMerge {
  /// A merged list, and the order of the live list as the merge leaves it for a
  /// `$setElementOrder` that follows.
  struct MergedList {
    var items: [JSONValue]
    /// The live list with the deleted elements taken out and the added ones written in their
    /// places, as long as the live list's length allows (upstream edits the live list in place,
    /// and its `$setElementOrder` step reads the live order from that same storage). This is what
    /// places an element added in the same patch that deletes another: live [1, 2, 4], patch
    /// "delete 1, add 3, order [2, 3]" gives [2, 4, 3], not [2, 3, 4].
    var serverOrder: [JSONValue]
  }

  /// `original` merged with `patch`: objects by `mergeKey`, primitives as a set (or, for a
  /// `$deleteFromPrimitiveList` list, with `patch`'s values removed).
  static func mergeList(
    _ original: [JSONValue], _ patch: [JSONValue], _ schema: PatchSchema, mergeKey: String?,
    deleting: Bool
  ) throws(PatchFailure) -> MergedList {
    if original.isEmpty && patch.isEmpty {
      return MergedList(items: original, serverOrder: original)
    }
    let kind = try elementType(original, patch)
    guard kind == goType(.object([:])) else {
      if deleting {
        return MergedList(items: original.filter { !patch.contains($0) }, serverOrder: original)
      }
      var merged: [JSONValue] = []
      for item in original + patch where !merged.contains(item) { merged.append(item) }
      let ordered = try orderAfterMerge(merged, patch: patch, live: original, mergeKey: nil)
      return MergedList(items: ordered, serverOrder: original)
    }
    guard let mergeKey, !mergeKey.isEmpty else {
      throw PatchFailure(.internal, "cannot merge lists without merge key for \(schema.type ?? "")")
    }
    return try mergeObjects(original, patch, schema, mergeKey: mergeKey)
  }

  private static func mergeObjects(
    _ original: [JSONValue], _ patch: [JSONValue], _ schema: PatchSchema, mergeKey: String
  ) throws(PatchFailure) -> MergedList {
    // `storage` is the live list's storage, `count` how much of it the list still uses.
    var storage = original
    var count = original.count
    var additions: [JSONValue] = []
    var replace = false
    for element in patch {
      let members = element.objectValue ?? [:]
      guard let directive = members[directive] else {
        additions.append(element)
        continue
      }
      switch directive {
      case .string("delete"):
        guard let value = members[mergeKey] else { throw noMergeKey(element, mergeKey) }
        while let found = storage[..<count].firstIndex(where: { $0[mergeKey] == value }) {
          storage[found..<(count - 1)] = storage[(found + 1)..<count]
          count -= 1
        }
      case .string("replace"):
        replace = true
      case .string("merge"):
        throw PatchFailure(.internal, "merging lists cannot yet be specified in the patch")
      default:
        throw badPatchType(directive, members)
      }
    }
    let live = Array(storage[..<count])
    if replace {
      let items = additions.compactMap(cleaned)
      return MergedList(items: items, serverOrder: storage)
    }
    var merged = live
    for element in additions {
      guard let value = element[mergeKey] else { throw noMergeKey(element, mergeKey) }
      if let found = merged.firstIndex(where: { $0[mergeKey] == value }) {
        let current = merged[found].objectValue ?? [:]
        merged[found] = .null
        merged[found] = .object(try mergeMap(current, element.objectValue ?? [:], schema))
      } else {
        let added = cleaned(element) ?? element
        merged.append(added)
        if count < storage.count {
          storage[count] = added
          count += 1
        }
      }
    }
    let ordered = try orderAfterMerge(merged, patch: additions, live: live, mergeKey: mergeKey)
    return MergedList(items: ordered, serverOrder: storage)
  }

  /// The order of a merged list: the patch's elements in the patch's order, interleaved with the
  /// live-only ones in their live order.
  private static func orderAfterMerge(
    _ merged: [JSONValue], patch: [JSONValue], live: [JSONValue], mergeKey: String?
  ) throws(PatchFailure) -> [JSONValue] {
    let (fromPatch, liveOnly) = try partition(merged, by: patch, mergeKey: mergeKey)
    return try normalizeOrder(
      fromPatch, liveOnly, patchOrder: patch, serverOrder: live, mergeKey: mergeKey)
  }

  /// The Go type shared by every element of `lists`; a list of lists, or elements of different
  /// types, cannot merge.
  static func elementType(_ lists: [JSONValue]...) throws(PatchFailure) -> String? {
    var type: String?
    for list in lists {
      for item in list {
        let itemType = goType(item)
        if type == nil {
          if case .array = item {
            throw PatchFailure(.unprocessable, "lists of lists are not supported")
          }
          type = itemType
        } else if type != itemType {
          let shown = lists.map { GoText.value(.array($0)) }.joined(separator: " ")
          throw PatchFailure(.internal, "list element types are not identical: [\(shown)]")
        }
      }
    }
    return type
  }
}
