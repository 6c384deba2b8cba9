import Engine
import Testing

@testable import ClusterAPI

/// Strategic merge patch on lists: merged by key or as a set, replaced when untagged, elements
/// deleted with `$patch: delete`, the list replaced with `$patch: replace`. Rows ported from
/// apimachinery's `strategicpatch/patch_test.go`.
@Suite struct StrategicMergePatchListTests {
  static let rows = PatchCase.table(
    """
    - case: unique scalars when merging lists
      original: {mergingIntList: [1, 2]}
      patch: {mergingIntList: [2, 3]}
      result: {mergingIntList: [1, 2, 3]}
    - case: delete all items from merging list
      original: {mergingList: [{name: 1}, {name: 2}]}
      patch: {mergingList: [{$patch: replace}]}
      result: {mergingList: []}
    - case: merge empty merging lists
      original: {mergingList: []}
      patch: {mergingList: []}
      result: {mergingList: []}
    - case: delete all duplicate entries in a merging list
      original: {mergingList: [{name: 1}, {name: 1}, {name: 2, value: a}, {name: 3}, {name: 3}]}
      patch:
        mergingList:
        - {name: 1, $patch: delete}
        - {name: 1, $patch: delete}
        - {name: 3, $patch: delete}
        - {name: 3, $patch: delete}
      result: {mergingList: [{name: 2, value: a}]}
    - case: preserve the order from the patch in a merging list
      original: {mergingList: [{name: 1}, {name: 2, value: b}, {name: 3}]}
      patch: {mergingList: [{name: 3, value: c}, {name: 1, value: a}, {name: 2, other: x}]}
      result: {mergingList: [{name: 3, value: c}, {name: 1, value: a}, {name: 2, value: b, other: x}]}
    - case: preserve the order from the patch in a merging list 2
      original: {mergingList: [{name: 1}, {name: 2, value: b}, {name: 3}]}
      patch: {mergingList: [{name: 3, value: c}, {name: 1, value: a}]}
      result: {mergingList: [{name: 2, value: b}, {name: 3, value: c}, {name: 1, value: a}]}
    - case: preserve the order from the patch in a merging int list
      original: {mergingIntList: [1, 2, 3]}
      patch: {mergingIntList: [3, 1, 2]}
      result: {mergingIntList: [3, 1, 2]}
    - case: preserve the order from the patch in a merging int list 2
      original: {mergingIntList: [1, 2, 3]}
      patch: {mergingIntList: [3, 1]}
      result: {mergingIntList: [2, 3, 1]}
    - case: replace list of scalars with conflict (three-way)
      original: {nonMergingIntList: [1, 4]}
      patch: {nonMergingIntList: [2, 3]}
      result: {nonMergingIntList: [2, 3]}
    - case: delete all maps from merging list with conflict (three-way)
      original: {mergingList: [{name: 1, other: a}, {name: 2, other: b}]}
      patch: {mergingList: [{name: 1, $patch: delete}, {name: 2, $patch: delete}]}
      result: {mergingList: []}
    - case: delete all maps from empty merging list (three-way)
      original: {mergingList: []}
      patch: {mergingList: [{name: 1, $patch: delete}, {name: 2, $patch: delete}]}
      result: {mergingList: []}
    - case: merge lists of maps with conflict (three-way)
      original: {mergingList: [{name: 1, other: a}, {name: 2, value: 3, other: b}]}
      patch:
        $setElementOrder/mergingList: [{name: 1}, {name: 2}, {name: 3}]
        mergingList: [{name: 2, value: 2}, {name: 3, value: 3}]
      result:
        mergingList: [{name: 1, other: a}, {name: 2, value: 2, other: b}, {name: 3, value: 3}]
    - case: add field to map in merging list with conflict (three-way)
      original: {mergingList: [{name: 1, other: a}, {name: 3, value: 2, other: b}]}
      patch:
        $setElementOrder/mergingList: [{name: 1}, {name: 2}]
        mergingList: [{name: 1, value: 1}, {name: 2, value: 2}]
      result:
        mergingList: [{name: 1, value: 1, other: a}, {name: 2, value: 2}, {name: 3, value: 2, other: b}]
    - case: replace map field value in merging list (three-way)
      original: {mergingList: [{name: 1, value: 1, other: a}, {name: 2, value: 2, other: b}]}
      patch: {$setElementOrder/mergingList: [{name: 1}, {name: 2}], mergingList: [{name: 1, value: a}]}
      result: {mergingList: [{name: 1, value: a, other: a}, {name: 2, value: 2, other: b}]}
    - case: delete map from merging list (three-way)
      original: {mergingList: [{name: 1}, {name: 2, other: b}]}
      patch: {$setElementOrder/mergingList: [{name: 2}], mergingList: [{name: 1, $patch: delete}]}
      result: {mergingList: [{name: 2, other: b}]}
    - case: delete missing map from merging list with conflict (three-way)
      original: {mergingList: [{name: 3, other: a}]}
      patch:
        $setElementOrder/mergingList: [{name: 2}]
        mergingList: [{name: 2}, {name: 1, $patch: delete}]
      result: {mergingList: [{name: 2}, {name: 3, other: a}]}
    - case: delete field from map in merging list (three-way)
      original: {mergingList: [{name: 1, value: 1, other: a}, {name: 2, value: 2, other: b}]}
      patch: {$setElementOrder/mergingList: [{name: 1}, {name: 2}], mergingList: [{name: 1, value: null}]}
      result: {mergingList: [{name: 1, other: a}, {name: 2, value: 2, other: b}]}
    - case: delete missing field from map in merging list with conflict (three-way)
      original: {mergingList: [{name: 1, other: a}, {name: 2, other: b}]}
      patch:
        $setElementOrder/mergingList: [{name: 1}, {name: 2}]
        mergingList: [{name: 1, value: null}, {name: 2, value: 2}]
      result: {mergingList: [{name: 1, other: a}, {name: 2, value: 2, other: b}]}
    - case: replace non merging list nested in merging list (three-way)
      original:
        mergingList:
        - {name: 1, other: a, nonMergingList: [{name: 1}, {name: 2, value: 2}]}
        - {name: 2, other: b}
      patch:
        $setElementOrder/mergingList: [{name: 1}, {name: 2}]
        mergingList: [{name: 1, nonMergingList: [{name: 1, value: 1}]}]
      result:
        mergingList:
        - {name: 1, other: a, nonMergingList: [{name: 1, value: 1}]}
        - {name: 2, other: b}
    - case: add map to merging list by pointer (three-way)
      original: {mergeItemPtr: [{name: 1, other: a}, {name: 3}]}
      patch: {$setElementOrder/mergeItemPtr: [{name: 1}, {name: 2}], mergeItemPtr: [{name: 2}]}
      result: {mergeItemPtr: [{name: 1, other: a}, {name: 2}, {name: 3}]}
    - case: add map to merging list by pointer with conflict (three-way)
      original: {mergeItemPtr: [{name: 3}]}
      patch: {$setElementOrder/mergeItemPtr: [{name: 1}, {name: 2}], mergeItemPtr: [{name: 1}, {name: 2}]}
      result: {mergeItemPtr: [{name: 1}, {name: 2}, {name: 3}]}
    - case: merge lists of scalars (three-way)
      original: {mergingIntList: [1, 2, 4]}
      patch: {$setElementOrder/mergingIntList: [1, 2, 3], mergingIntList: [3]}
      result: {mergingIntList: [1, 2, 3, 4]}
    - case: delete items in lists of scalars (three-way)
      original: {mergingIntList: [1, 2, 3, 4]}
      patch: {$setElementOrder/mergingIntList: [1, 2], $deleteFromPrimitiveList/mergingIntList: [3]}
      result: {mergingIntList: [1, 2, 4]}
    - case: delete all duplicate items in lists of scalars (three-way)
      original: {mergingIntList: [1, 2, 3, 3, 4]}
      patch: {$setElementOrder/mergingIntList: [1, 2], $deleteFromPrimitiveList/mergingIntList: [3]}
      result: {mergingIntList: [1, 2, 4]}
    - case: add and delete items in lists of scalars
      original: {mergingIntList: [1, 2, 3]}
      patch:
        $setElementOrder/mergingIntList: [1, 2, 4]
        $deleteFromPrimitiveList/mergingIntList: [3]
        mergingIntList: [4]
      result: {mergingIntList: [1, 2, 4]}
    - case: replace RawExtension field and merge list (three-way)
      original:
        name: my-object
        mergingList: [{name: 1}, {name: 3}]
        replacingItem: {Some: Generic, Yaml: Inside, The: RawExtension, Field: Period}
      patch:
        $setElementOrder/mergingList: [{name: 1}, {name: 2}]
        mergingList: [{name: 2}]
        replacingItem: {Newly: Modified, Yaml: Inside, The: RawExtension}
      result:
        name: my-object
        mergingList: [{name: 1}, {name: 2}, {name: 3}]
        replacingItem: {Newly: Modified, Yaml: Inside, The: RawExtension}
    """)

  @Test(arguments: rows) func appliesAsUpstream(_ row: PatchCase) {
    row.check()
  }
}
