import Engine
import Testing

@testable import ClusterAPI

/// `$setElementOrder`: merged lists in the order the patch gives, live-only elements kept in
/// their live places. Rows ported from apimachinery's `strategicpatch/patch_test.go`; their exact
/// orders are what kube-apiserver answers.
@Suite struct StrategicMergePatchOrderTests {
  static let rows = PatchCase.table(
    """
    - case: $setElementOrder contains item that is not present in the list to be merged
      original: {mergingList: [{name: 1}, {name: 3}]}
      patch:
        $setElementOrder/mergingList: [{name: 3}, {name: 2}, {name: 1}]
        mergingList: [{name: 3, value: 3}, {name: 1, value: 1}]
      result: {mergingList: [{name: 3, value: 3}, {name: 1, value: 1}]}
    - case: $setElementOrder contains item that is not present in the int list to be merged
      original: {mergingIntList: [1, 3]}
      patch: {$setElementOrder/mergingIntList: [3, 2, 1]}
      result: {mergingIntList: [3, 1]}
    - case: merge lists of maps
      original: {mergingList: [{name: 1}, {name: 2, value: 2}]}
      patch:
        $setElementOrder/mergingList: [{name: 4}, {name: 1}, {name: 2}, {name: 3}]
        mergingList: [{name: 4, value: 4}, {name: 3, value: 3}]
      result: {mergingList: [{name: 4, value: 4}, {name: 1}, {name: 2, value: 2}, {name: 3, value: 3}]}
    - case: add map and delete map from merging list
      original: {mergingList: [{name: 1}, {name: 2}]}
      patch:
        $setElementOrder/mergingList: [{name: 2}, {name: 3}]
        mergingList: [{name: 3}, {name: 1, $patch: delete}]
      result: {mergingList: [{name: 2}, {name: 3}]}
    - case: add map and delete map from merging list (three-way)
      original: {mergingList: [{name: 1}, {name: 2, other: b}, {name: 4, other: c}]}
      patch:
        $setElementOrder/mergingList: [{name: 2}, {name: 3}]
        mergingList: [{name: 3}, {name: 1, $patch: delete}]
      result: {mergingList: [{name: 2, other: b}, {name: 4, other: c}, {name: 3}]}
    - case: add map and delete map from merging list with conflict (three-way)
      original: {mergingList: [{name: 1, other: a}, {name: 4, other: c}]}
      patch:
        $setElementOrder/mergingList: [{name: 2}, {name: 3}]
        mergingList: [{name: 2}, {name: 3}, {name: 1, $patch: delete}]
      result: {mergingList: [{name: 4, other: c}, {name: 2}, {name: 3}]}
    - case: add field to map in merging list nested in merging list with value conflict (three-way)
      original:
        mergingList:
        - name: 1
          other: a
          mergingList: [{name: 1, value: a, other: c}, {name: 2, value: b, other: d}]
        - {name: 2, other: b}
      patch:
        $setElementOrder/mergingList: [{name: 1}, {name: 2}]
        mergingList:
        - $setElementOrder/mergingList: [{name: 1}, {name: 2}]
          name: 1
          mergingList: [{name: 1, value: 1}, {name: 2, value: 2}]
      result:
        mergingList:
        - name: 1
          other: a
          mergingList: [{name: 1, value: 1, other: c}, {name: 2, value: 2, other: d}]
        - {name: 2, other: b}
    - case: add field to map in merging list nested in merging list with deletion conflict (three-way)
      original:
        mergingList:
        - {name: 1, other: a, mergingList: [{name: 2, value: 2, other: d}]}
        - {name: 2, other: b}
      patch:
        $setElementOrder/mergingList: [{name: 1}, {name: 2}]
        mergingList:
        - $setElementOrder/mergingList: [{name: 2}, {name: 1}]
          name: 1
          mergingList: [{name: 1, value: 1}]
      result:
        mergingList:
        - {name: 1, other: a, mergingList: [{name: 2, value: 2, other: d}, {name: 1, value: 1}]}
        - {name: 2, other: b}
    - case: add an item in a list of primitives and preserve order (three-way)
      original: {mergingIntList: [1, 4, 2]}
      patch: {$setElementOrder/mergingIntList: [3, 1, 2], mergingIntList: [3]}
      result: {mergingIntList: [3, 1, 4, 2]}
    - case: delete an item in a list of primitives and preserve order (three-way)
      original: {mergingIntList: [1, 2, 3]}
      patch: {$setElementOrder/mergingIntList: [2, 1], $deleteFromPrimitiveList/mergingIntList: [3]}
      result: {mergingIntList: [2, 1]}
    - case: add multiple items in a list and preserve order (three-way)
      original: {mergingList: [{name: 1, other: a}, {name: 2, value: 2, other: b}]}
      patch:
        $setElementOrder/mergingList: [{name: 1}, {name: 4}, {name: 2}, {name: 3}]
        mergingList: [{name: 4, value: 4}, {name: 3, value: 3}]
      result:
        mergingList:
        - {name: 1, other: a}
        - {name: 4, value: 4}
        - {name: 2, value: 2, other: b}
        - {name: 3, value: 3}
    - case: delete an item in a list and preserve order (three-way)
      original: {mergingList: [{name: 1, other: a}, {name: 2, value: 2, other: b}, {name: 3, value: 3}]}
      patch: {$setElementOrder/mergingList: [{name: 2}, {name: 1}], mergingList: [{name: 3, $patch: delete}]}
      result: {mergingList: [{name: 2, value: 2, other: b}, {name: 1, other: a}]}
    - case: change an item in a list and preserve order (three-way)
      original: {mergingList: [{name: 1, other: a}, {name: 2, value: 2, other: b}, {name: 3, value: 3}]}
      patch:
        $setElementOrder/mergingList: [{name: 2}, {name: 3}, {name: 1}]
        mergingList: [{name: 3, value: x}]
      result: {mergingList: [{name: 2, value: 2, other: b}, {name: 3, value: x}, {name: 1, other: a}]}
    - case: add and delete an item in a list and preserve order (three-way)
      original: {mergingList: [{name: 1, other: a}, {name: 2, value: 2, other: b}, {name: 3, value: 3}]}
      patch:
        $setElementOrder/mergingList: [{name: 4}, {name: 2}, {name: 1}]
        mergingList: [{name: 4, value: 4}, {name: 3, $patch: delete}]
      result: {mergingList: [{name: 4, value: 4}, {name: 2, value: 2, other: b}, {name: 1, other: a}]}
    - case: set elements order in a list with server-only items (three-way)
      original: {mergingList: [{name: 1, other: a}, {name: 3, value: 3}, {name: 4, value: 4}, {name: 2, value: 2}, {name: 9}]}
      patch: {$setElementOrder/mergingList: [{name: 4}, {name: 2}, {name: 3}, {name: 1}]}
      result: {mergingList: [{name: 4, value: 4}, {name: 2, value: 2}, {name: 3, value: 3}, {name: 1, other: a}, {name: 9}]}
    - case: set elements order in a list with server-only items 2 (three-way)
      original: {mergingList: [{name: 1, other: a}, {name: 2, value: 2}, {name: 9}, {name: 3, value: 3}, {name: 4, value: 4}]}
      patch: {$setElementOrder/mergingList: [{name: 2}, {name: 1}, {name: 4}, {name: 3}]}
      result: {mergingList: [{name: 2, value: 2}, {name: 1, other: a}, {name: 9}, {name: 4, value: 4}, {name: 3, value: 3}]}
    - case: set elements order in a list with server-only items 3 (three-way)
      original:
        mergingList:
        - {name: 1, other: a}
        - {name: 2, value: 2}
        - {name: 7}
        - {name: 9}
        - {name: 8}
        - {name: 3, value: 3}
        - {name: 4, value: 4}
      patch: {$setElementOrder/mergingList: [{name: 2}, {name: 1}, {name: 4}, {name: 3}]}
      result:
        mergingList:
        - {name: 2, value: 2}
        - {name: 1, other: a}
        - {name: 7}
        - {name: 9}
        - {name: 8}
        - {name: 4, value: 4}
        - {name: 3, value: 3}
    - case: add and delete an item in a int list and preserve order (three-way)
      original: {mergingIntList: [1, 2, 3]}
      patch:
        $setElementOrder/mergingIntList: [4, 2, 1]
        mergingIntList: [4]
        $deleteFromPrimitiveList/mergingIntList: [3]
      result: {mergingIntList: [4, 2, 1]}
    - case: set elements order in a int list with server-only items 2 (three-way)
      original: {mergingIntList: [1, 2, 9, 3, 4]}
      patch: {$setElementOrder/mergingIntList: [2, 1, 4, 3]}
      result: {mergingIntList: [2, 1, 9, 4, 3]}
    - case: set elements order in a int list with server-only items 3 (three-way)
      original: {mergingIntList: [1, 2, 7, 9, 8, 3, 4]}
      patch: {$setElementOrder/mergingIntList: [2, 1, 4, 3]}
      result: {mergingIntList: [2, 1, 7, 9, 8, 4, 3]}
    - case: behavior of set element order for a merging list with duplicate
      original: {mergingList: [{name: 1}, {name: 2, value: dup1}, {name: 3}, {name: 2, value: dup2}, {name: 4}]}
      patch: {$setElementOrder/mergingList: [{name: 2}, {name: 1}, {name: 4}, {name: 3}, {name: 2}]}
      result: {mergingList: [{name: 2, value: dup1}, {name: 2, value: dup2}, {name: 1}, {name: 4}, {name: 3}]}
    - case: behavior of set element order for a merging int list with duplicate
      original: {mergingIntList: [1, 2, 3, 2, 4]}
      patch: {$setElementOrder/mergingIntList: [2, 1, 4, 3, 2]}
      result: {mergingIntList: [2, 2, 1, 4, 3]}
    - case: delete and reorder in one list, reorder in another
      original:
        mergingList: [{name: a, value: a}, {name: b, value: b}]
        mergeItemPtr: [{name: c, value: c}, {name: d, value: d}]
      patch:
        $setElementOrder/mergingList: [{name: b}]
        $setElementOrder/mergeItemPtr: [{name: d}, {name: c}]
        mergingList: [{$patch: delete, name: a}]
      result:
        mergingList: [{name: b, value: b}]
        mergeItemPtr: [{name: d, value: d}, {name: c, value: c}]
    """)

  @Test(arguments: rows) func appliesAsUpstream(_ row: PatchCase) {
    row.check()
  }
}
