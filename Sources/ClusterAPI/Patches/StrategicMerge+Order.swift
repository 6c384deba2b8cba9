import Engine

/// The order of merged lists: `$setElementOrder/<list>`, and the order a merge keeps without it.
extension StrategicMerge {
  /// Handles every `$setElementOrder/<list>` of `patch`: merges the list it names (taking it out
  /// of `patch`) and puts the result in the given order, the live-only elements interleaved in
  /// their live order.
  static func mergeOrderedLists(
    into original: inout [String: JSONValue], patch: inout [String: JSONValue],
    _ schema: PatchSchema
  ) throws(PatchFailure) {
    for key in patch.keys.sorted() where key.hasPrefix(setElementOrder) {
      let directive = patch.removeValue(forKey: key)!
      guard case .array(let order) = directive else {
        throw badArgType(expected: goType(.array([])), directive)
      }
      let name = try listName(key, setElementOrder)
      let live = try list(original[name])
      let changes = try list(patch[name])
      let field = schema.field(name)
      let mergeKey = field?.mergeKey
      try validate(changes ?? [], against: order, mergeKey: mergeKey)

      var merged: [JSONValue]
      var serverOrder = live ?? []
      switch (live, changes) {
      case (let live?, nil):
        merged = live
      case (nil, let changes?):
        merged = changes.compactMap(cleaned)
      case (let live?, let changes?):
        if field?.merge == true {
          let result = try mergeList(
            live, changes, schema.child(name), mergeKey: mergeKey, deleting: false)
          merged = result.items
          serverOrder = result.serverOrder
        } else {
          merged = changes.compactMap(cleaned)
        }
      case (nil, nil):
        continue
      }
      patch[name] = nil
      guard !merged.isEmpty else {
        original[name] = .array(merged)
        continue
      }
      let isObjects = try elementType(live ?? [], changes ?? []) == goType(.object([:]))
      let key = isObjects ? mergeKey : nil
      let (ordered, serverOnly) = try partition(merged, by: order, mergeKey: key)
      original[name] = .array(
        try normalizeOrder(
          ordered, serverOnly, patchOrder: order, serverOrder: serverOrder, mergeKey: key))
    }
  }

  /// `value` as a list, nil when absent.
  private static func list(_ value: JSONValue?) throws(PatchFailure) -> [JSONValue]? {
    guard let value else { return nil }
    guard case .array(let items) = value else {
      throw badArgType(expected: goType(.array([])), value)
    }
    return items
  }

  /// The patch list must name its elements in the order `$setElementOrder` gives them.
  private static func validate(
    _ changes: [JSONValue], against order: [JSONValue], mergeKey: String?
  )
    throws(PatchFailure)
  {
    guard !order.isEmpty, !changes.isEmpty else { return }
    var remaining = changes
    if let mergeKey, !mergeKey.isEmpty {
      for element in changes where element.objectValue == nil {
        throw badArgType(expected: goType(.object([:])), element)
      }
      remaining = changes.filter { $0[directive] != .string("delete") }
    }
    var next = 0
    var position = 0
    while next < remaining.count && position < order.count {
      if remaining[next][directive] != nil {
        next += 1
        continue
      }
      if try sameKey(remaining[next], order[position], mergeKey: mergeKey) { next += 1 }
      position += 1
    }
    if next < remaining.count && position >= order.count {
      throw PatchFailure(
        .internal,
        "the order in patch list:\n\(GoText.value(.array(changes)))\n doesn't match \(setElementOrder) list:\n\(GoText.value(.array(order)))"
      )
    }
  }

  private static func sameKey(_ left: JSONValue, _ right: JSONValue, mergeKey: String?)
    throws(PatchFailure) -> Bool
  {
    guard let mergeKey, !mergeKey.isEmpty else { return left == right }
    for side in [left, right] {
      guard let members = side.objectValue else {
        throw badArgType(expected: goType(.object([:])), side)
      }
      guard members[mergeKey] != nil else { throw noMergeKey(side, mergeKey) }
    }
    return left[mergeKey] == right[mergeKey]
  }

  /// The elements of `items` that `list` names (by merge key, or by value for primitives), and
  /// the others, each in their order in `items`.
  static func partition(_ items: [JSONValue], by list: [JSONValue], mergeKey: String?)
    throws(PatchFailure) -> (named: [JSONValue], others: [JSONValue])
  {
    var named: [JSONValue] = []
    var others: [JSONValue] = []
    guard let mergeKey else {
      for item in items {
        if list.contains(item) { named.append(item) } else { others.append(item) }
      }
      return (named, others)
    }
    for item in items {
      guard item.objectValue != nil else { throw badArgType(expected: goType(.object([:])), item) }
      guard let value = item[mergeKey] else { throw noMergeKey(item, mergeKey) }
      if list.contains(where: { $0[mergeKey] == value }) {
        named.append(item)
      } else {
        others.append(item)
      }
    }
    return (named, others)
  }

  /// `fromPatch` sorted by `patchOrder` and `serverOnly` by `serverOrder`, then merged: each
  /// live-only element goes before the first patch element that the live order puts after it.
  static func normalizeOrder(
    _ fromPatch: [JSONValue], _ serverOnly: [JSONValue], patchOrder: [JSONValue],
    serverOrder: [JSONValue], mergeKey: String?
  ) throws(PatchFailure) -> [JSONValue] {
    if let mergeKey {
      for list in [fromPatch, patchOrder, serverOnly, serverOrder] {
        for item in list {
          guard item.objectValue != nil else {
            throw badArgType(expected: goType(.object([:])), item)
          }
          guard item[mergeKey] != nil else { throw noMergeKey(item, mergeKey) }
        }
      }
    }
    let patchSorted = sorted(fromPatch, by: patchOrder, mergeKey: mergeKey)
    let serverSorted = sorted(serverOnly, by: serverOrder, mergeKey: mergeKey)
    var result: [JSONValue] = []
    result.reserveCapacity(patchSorted.count + serverSorted.count)
    var left = 0
    var right = 0
    while left < serverSorted.count || right < patchSorted.count {
      if right >= patchSorted.count {
        result.append(serverSorted[left])
        left += 1
      } else if left >= serverSorted.count {
        result.append(patchSorted[right])
        right += 1
      } else {
        let leftIndex = index(of: serverSorted[left], in: serverOrder, mergeKey: mergeKey)
        let rightIndex = index(of: patchSorted[right], in: serverOrder, mergeKey: mergeKey)
        if let leftIndex, let rightIndex, leftIndex < rightIndex {
          result.append(serverSorted[left])
          left += 1
        } else {
          result.append(patchSorted[right])
          right += 1
        }
      }
    }
    return result
  }

  /// `items` stably sorted by their first position in `order` (those not in it last).
  private static func sorted(_ items: [JSONValue], by order: [JSONValue], mergeKey: String?)
    -> [JSONValue]
  {
    items.enumerated()
      .map {
        (rank: index(of: $0.element, in: order, mergeKey: mergeKey) ?? Int.max, at: $0.offset)
      }
      .sorted { ($0.rank, $0.at) < ($1.rank, $1.at) }
      .map { items[$0.at] }
  }

  /// The first position in `list` of an element with `item`'s merge key value (or equal to
  /// `item`, for primitives).
  private static func index(of item: JSONValue, in list: [JSONValue], mergeKey: String?) -> Int? {
    guard let mergeKey else { return list.firstIndex(of: item) }
    let value = item[mergeKey]
    return list.firstIndex { $0[mergeKey] == value }
  }
}
