import Engine
import Testing

@testable import ClusterAPI

/// Strategic merge patch on objects: merging, `null`, `$patch: replace|delete` and the
/// `replace` strategy. Rows ported from apimachinery's `strategicpatch/patch_test.go` (two-way
/// rows apply `twoWay` to `original`, three-way rows apply `threeWay` to `current`), plus our own.
@Suite struct StrategicMergePatchMapTests {
  static let rows = PatchCase.table(
    """
    - case: nil original (three-way)
      original: {name: 1, other: a}
      patch: {value: 1}
      result: {name: 1, value: 1, other: a}
    - case: add field and delete field from map
      original: {name: 1}
      patch: {name: null, value: 1}
      result: {value: 1}
    - case: add field and delete field from map (three-way)
      original: {name: 1, other: a}
      patch: {name: null, value: 1}
      result: {value: 1, other: a}
    - case: delete field from nested map (three-way)
      original: {simpleMap: {key1: 1, key2: 1, other: a}}
      patch: {simpleMap: {key2: null}}
      result: {simpleMap: {key1: 1, other: a}}
    - case: delete all fields from map with conflict (three-way)
      original: {name: 1, value: a, other: a}
      patch: {name: null, value: null}
      result: {other: a}
    - case: delete map from nested map
      original: {simpleMap: {key1: 1, key2: 1}}
      patch: {simpleMap: {$patch: delete}}
      result: {simpleMap: {}}
    - case: delete all keys from map
      original: {name: 1, value: 1}
      patch: {$patch: replace}
      result: {}
    - case: add key and delete all keys from map
      original: {name: 1, value: 1}
      patch: {other: a, $patch: replace}
      result: {other: a}
    - case: defined null values should propagate overwrite current fields
      original: {name: 2}
      patch: {name: 1, value: 1, other: null}
      result: {name: 1, value: 1}
    - case: defined null values should propagate overwrite current fields (three-way)
      original: {name: a, other: a}
      patch: {name: 1, value: 1, other: null}
      result: {name: 1, value: 1}
    - case: defined null values should propagate removing original fields (three-way)
      original: {name: original-name, value: original-value, other: current-other}
      patch: {name: modified-name, value: null}
      result: {name: modified-name, other: current-other}
    - case: retainKeys map with no change should not be present (three-way)
      original: {name: a, other: c, retainKeysMap: {name: foo}}
      patch: {value: b}
      result: {name: a, value: b, other: c, retainKeysMap: {name: foo}}
    - case: replace RawExtension field, rest unchanged (three-way)
      original:
        name: my-object
        value: some-value
        other: current-other
        mergingList: [{name: 1}, {name: 2}, {name: 3}]
        replacingItem: {Some: Generic, Yaml: Inside, The: RawExtension, Field: Period}
      patch:
        replacingItem: {Newly: Modified, Yaml: Inside, The: RawExtension}
      result:
        name: my-object
        value: some-value
        other: current-other
        mergingList: [{name: 1}, {name: 2}, {name: 3}]
        replacingItem: {Newly: Modified, Yaml: Inside, The: RawExtension}
    - case: a value of another type replaces the member
      original: {simpleMap: {key1: a}, name: x}
      patch: {simpleMap: text, name: {a: 1}}
      result: {simpleMap: text, name: {a: 1}}
    - case: a new member is taken without its nulls, directive keys and $patch elements
      original: {}
      patch:
        simpleMap: {key1: a, key2: null}
        mergingList: [{name: 1, value: null}, {name: 2, $patch: delete}]
        nested: {$retainKeys: [a], a: 1}
      result:
        simpleMap: {key1: a}
        mergingList: [{name: 1}]
        nested: {a: 1}
    - case: a new member that carries $patch is not added
      original: {name: 1}
      patch: {simpleMap: {$patch: replace, key1: a}}
      result: {name: 1}
    """)

  @Test(arguments: rows) func appliesAsUpstream(_ row: PatchCase) {
    row.check()
  }

  @Test func aNullPatchChangesNothing() throws {
    let document: JSONValue = ["name": "web"]
    #expect(try StrategicMerge.apply(.null, to: document, schema: .mergeItem) == document)
  }

  @Test func aPatchThatIsNotAnObjectIsABadRequest() {
    #expect(
      throws: PatchFailure(
        .badRequest, "json: cannot unmarshal array into Go value of type map[string]interface {}")
    ) {
      try StrategicMerge.apply([1, 2], to: ["name": "web"], schema: .mergeItem)
    }
  }
}
