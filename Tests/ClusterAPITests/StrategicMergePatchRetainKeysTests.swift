import Engine
import Testing

@testable import ClusterAPI

/// `$retainKeys`: a union's members the directive leaves out are cleared. Rows ported from
/// apimachinery's `strategicpatch/patch_test.go`.
@Suite struct StrategicMergePatchRetainKeysTests {
  static let rows = PatchCase.table(
    """
    - case: retainKeys map can add a field when no retainKeys directive present
      original: {retainKeysMap: {name: foo}}
      patch: {retainKeysMap: {value: bar}}
      result: {retainKeysMap: {name: foo, value: bar}}
    - case: retainKeys map can change a field when no retainKeys directive present
      original: {retainKeysMap: {name: foo, value: a}}
      patch: {retainKeysMap: {value: b}}
      result: {retainKeysMap: {name: foo, value: b}}
    - case: retainKeys map can delete a field when no retainKeys directive present
      original: {retainKeysMap: {name: foo, value: a}}
      patch: {retainKeysMap: {value: null}}
      result: {retainKeysMap: {name: foo}}
    - case: retainKeys map merge an empty map
      original: {retainKeysMap: {name: foo, value: a}}
      patch: {retainKeysMap: {}}
      result: {retainKeysMap: {name: foo, value: a}}
    - case: retainKeys list can add a field when no retainKeys directive present
      original: {retainKeysMergingList: [{name: bar}, {name: foo}]}
      patch: {retainKeysMergingList: [{name: foo, value: a}]}
      result: {retainKeysMergingList: [{name: bar}, {name: foo, value: a}]}
    - case: retainKeys list can delete a field when no retainKeys directive present
      original: {retainKeysMergingList: [{name: bar}, {name: foo, value: a}]}
      patch: {retainKeysMergingList: [{name: foo, value: null}]}
      result: {retainKeysMergingList: [{name: bar}, {name: foo}]}
    - case: retainKeys map should clear defaulted field (three-way)
      original: {retainKeysMap: {value: foo}}
      patch: {retainKeysMap: {$retainKeys: [other], other: bar}}
      result: {retainKeysMap: {other: bar}}
    - case: retainKeys map should clear defaulted field with conflict (discriminated union) (three-way)
      original: {retainKeysMap: {name: type1, value: foo}}
      patch: {retainKeysMap: {$retainKeys: [name, other], name: type2, other: bar}}
      result: {retainKeysMap: {name: type2, other: bar}}
    - case: retainKeys map adds a field and clear a field (three-way)
      original: {retainKeysMap: {name: foo, other: a}}
      patch: {retainKeysMap: {$retainKeys: [name, value], value: bar}}
      result: {retainKeysMap: {name: foo, value: bar}}
    - case: retainKeys map deletes a field and clears a field (three-way)
      original: {retainKeysMap: {name: foo, value: bar, other: a}}
      patch: {retainKeysMap: {$retainKeys: [name], value: null}}
      result: {retainKeysMap: {name: foo}}
    - case: retainKeys map clears a field (three-way)
      original: {retainKeysMap: {name: foo, value: bar, other: a}}
      patch: {retainKeysMap: {$retainKeys: [name, value]}}
      result: {retainKeysMap: {name: foo, value: bar}}
    - case: retainKeys map adds a field in a nested map (three-way)
      original: {retainKeysMap: {name: foo, value: bar, simpleMap: {key1: a, key3: c}}}
      patch: {retainKeysMap: {$retainKeys: [name, simpleMap, value], simpleMap: {key2: b}}}
      result: {retainKeysMap: {name: foo, value: bar, simpleMap: {key1: a, key2: b, key3: c}}}
    - case: retainKeys map deletes nested non-merging list (three-way)
      original: {retainKeysMap: {name: foo, nonMergingList: [{name: a}, {name: b}]}}
      patch: {retainKeysMap: {$retainKeys: [name, value], value: bar, nonMergingList: null}}
      result: {retainKeysMap: {name: foo, value: bar}}
    - case: retainKeys map nested merging int list with no change (three-way)
      original: {retainKeysMap: {name: foo, mergingIntList: [1, 2, 3]}}
      patch:
        retainKeysMap:
          $retainKeys: [mergingIntList, name, value]
          $setElementOrder/mergingIntList: [1, 2]
          value: bar
      result: {retainKeysMap: {name: foo, value: bar, mergingIntList: [1, 2, 3]}}
    - case: retainKeys map adds an item in nested merging int list (three-way)
      original: {retainKeysMap: {name: foo, mergingIntList: [1, 2, 3]}}
      patch:
        retainKeysMap:
          $setElementOrder/mergingIntList: [1, 2, 4]
          $retainKeys: [mergingIntList, name]
          mergingIntList: [4]
      result: {retainKeysMap: {name: foo, mergingIntList: [1, 2, 4, 3]}}
    - case: retainKeys map deletes an item in nested merging int list (three-way)
      original: {retainKeysMap: {name: foo, mergingIntList: [1, 2, 3, 4]}}
      patch:
        retainKeysMap:
          $retainKeys: [mergingIntList, name]
          $deleteFromPrimitiveList/mergingIntList: [2]
          $setElementOrder/mergingIntList: [1, 3]
      result: {retainKeysMap: {name: foo, mergingIntList: [1, 3, 4]}}
    - case: retainKeys map adds an item and deletes an item in nested merging int list (three-way)
      original: {retainKeysMap: {name: foo, mergingIntList: [1, 2, 3, 4]}}
      patch:
        retainKeysMap:
          $retainKeys: [mergingIntList, name]
          mergingIntList: [5]
          $deleteFromPrimitiveList/mergingIntList: [2]
          $setElementOrder/mergingIntList: [1, 3, 5]
      result: {retainKeysMap: {name: foo, mergingIntList: [1, 3, 5, 4]}}
    - case: retainKeys map adds an item in nested merging list (three-way)
      original: {retainKeysMap: {name: foo, mergingList: [{name: a}, {name: b}, {name: x}]}}
      patch:
        retainKeysMap:
          $retainKeys: [mergingList, name]
          $setElementOrder/mergingList: [{name: a}, {name: b}, {name: c}]
          mergingList: [{name: c}]
      result: {retainKeysMap: {name: foo, mergingList: [{name: a}, {name: b}, {name: c}, {name: x}]}}
    - case: retainKeys map deletes an item in nested merging list (three-way)
      original: {retainKeysMap: {name: foo, mergingList: [{name: a}, {name: b}, {name: x}]}}
      patch:
        retainKeysMap:
          $retainKeys: [mergingList, name]
          $setElementOrder/mergingList: [{name: a}]
          mergingList: [{name: b, $patch: delete}]
      result: {retainKeysMap: {name: foo, mergingList: [{name: a}, {name: x}]}}
    - case: retainKeys list of maps clears a field (three-way)
      original: {retainKeysMergingList: [{name: bar}, {name: foo, value: a, other: x}]}
      patch:
        $setElementOrder/retainKeysMergingList: [{name: bar}, {name: foo}]
        retainKeysMergingList: [{$retainKeys: [name, value], name: foo}]
      result: {retainKeysMergingList: [{name: bar}, {name: foo, value: a}]}
    - case: retainKeys list of maps changes a field and clear a field (three-way)
      original: {retainKeysMergingList: [{name: bar}, {name: foo, value: old, other: x}]}
      patch:
        $setElementOrder/retainKeysMergingList: [{name: bar}, {name: foo}]
        retainKeysMergingList: [{$retainKeys: [name, value], name: foo, value: new}]
      result: {retainKeysMergingList: [{name: bar}, {name: foo, value: new}]}
    """)

  @Test(arguments: rows) func appliesAsUpstream(_ row: PatchCase) {
    row.check()
  }
}
