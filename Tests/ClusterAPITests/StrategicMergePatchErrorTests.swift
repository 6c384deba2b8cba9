import Engine
import Testing

@testable import ClusterAPI

/// Strategic merge patches that cannot apply, with the status kube-apiserver answers: 400 for
/// the malformed directives it names, 422 for lists of lists, 500 for what it does not classify.
/// The first three rows are upstream's (`strategicpatch/patch_test.go`).
@Suite struct StrategicMergePatchErrorTests {
  static let rows = PatchCase.table(
    """
    - case: should check if order in $setElementOrder and patch list match
      original: {mergingList: [{name: 1}, {name: 3}, {name: 2}]}
      patch:
        $setElementOrder/mergingList: [{name: 1}, {name: 2}, {name: 3}]
        mergingList: [{name: 3, value: 3}, {name: 1, value: 1}]
      code: 500
      error: doesn't match
    - case: should check if order in $setElementOrder and patch int list match
      original: {mergingIntList: [1, 3, 2]}
      patch: {$setElementOrder/mergingIntList: [1, 2, 3], mergingIntList: [3, 1]}
      code: 500
      error: doesn't match
    - case: missing merge key should error out
      original: {mergingList: [{name: 1, value: a}]}
      patch: {mergingList: [{value: b}]}
      code: 500
      error: "map: map[value:b] does not contain declared merge key: name"
    - case: a retained-keys list that leaves out a key the patch sets
      original: {retainKeysMap: {name: foo}}
      patch: {retainKeysMap: {$retainKeys: [name], value: bar}}
      code: 400
      error: invalid patch format of retainKeys
    - case: a retained-keys directive that is not a list
      original: {retainKeysMap: {name: foo}}
      patch: {retainKeysMap: {$retainKeys: name}}
      code: 400
      error: invalid patch format of retainKeys
    - case: an element-order directive without a list name
      original: {mergingIntList: [1]}
      patch: {$setElementOrderX: [1]}
      code: 400
      error: invalid patch format of setElementOrder list
    - case: a primitive deletion list without a list name
      original: {mergingIntList: [1]}
      patch: {$deleteFromPrimitiveListX: [1]}
      code: 400
      error: invalid patch format of primitive list
    - case: a list of lists
      original: {mergingIntList: [[1]]}
      patch: {mergingIntList: [[2]]}
      code: 422
      error: lists of lists are not supported
    - case: list elements of different types
      original: {mergingIntList: [1]}
      patch: {mergingIntList: [a]}
      code: 500
      error: list element types are not identical
    - case: an unknown $patch directive on a map
      original: {simpleMap: {key1: a}}
      patch: {simpleMap: {$patch: explode}}
      code: 500
      error: "unknown patch type: explode in map: map[$patch:explode]"
    - case: $patch merge on a list element
      original: {mergingList: [{name: 1}]}
      patch: {mergingList: [{name: 1, $patch: merge}]}
      code: 500
      error: merging lists cannot yet be specified in the patch
    - case: a deleted element without its merge key
      original: {mergingList: [{name: 1}]}
      patch: {mergingList: [{$patch: delete}]}
      code: 500
      error: does not contain declared merge key
    - case: an element order that is not a list
      original: {mergingIntList: [1]}
      patch: {$setElementOrder/mergingIntList: 1}
      code: 500
      error: "expected a []interface {}, but received a int64"
    """)

  @Test(arguments: rows) func failsAsUpstream(_ row: PatchCase) {
    row.check()
  }

  @Test func statusesCarryTheAPIServerReasons() {
    let unprocessable = PatchFailure(.unprocessable, "lists of lists are not supported").apiError
    #expect(unprocessable.code == 422 && unprocessable.reason == "Invalid")
    #expect(
      unprocessable.message == "the server rejected our request due to an error in our request")
    let internalError = PatchFailure(.internal, "boom").apiError
    #expect(internalError.code == 500 && internalError.reason == "InternalError")
    #expect(internalError.message == "Internal error occurred: boom")
    let badRequest = PatchFailure(.badRequest, "invalid patch format of retainKeys").apiError
    #expect(badRequest == .badRequest("invalid patch format of retainKeys"))
  }
}
