import Engine
import Testing

@testable import ClusterAPI

/// One row of a ported strategic merge patch table: a document, a patch, and the result or the
/// error (its HTTP code and a part of its detail) applying it gives.
struct PatchCase: Sendable, CustomTestStringConvertible {
  var name: String
  var original: JSONValue
  var patch: JSONValue
  var result: JSONValue?
  var code: Int?
  var error: String?

  var testDescription: String { name }

  /// The rows of a YAML table (a list of `case`, `original`, `patch`, then `result` or `code`
  /// and `error`). A table that cannot be read stops the run rather than yielding no rows.
  static func table(_ yaml: String) -> [PatchCase] {
    let rows: [JSONValue]
    do {
      guard case .array(let items) = try YAMLDocument.value(yaml) else {
        fatalError("a patch table must be a YAML list")
      }
      rows = items
    } catch {
      fatalError("unreadable patch table: \(error)")
    }
    return rows.map { row in
      PatchCase(
        name: row["case"]?.stringValue ?? "?", original: row["original"] ?? .object([:]),
        patch: row["patch"] ?? .null, result: row["result"], code: row["code"]?.intValue,
        error: row["error"]?.stringValue)
    }
  }

  /// Applies the row's patch with `schema` and checks the outcome against the row.
  func check(_ schema: PatchSchema = .mergeItem) {
    do {
      let outcome = try StrategicMerge.apply(patch, to: original, schema: schema)
      #expect(code == nil, "expected a \(code ?? 0), got \(outcome)")
      #expect(outcome == result)
    } catch {
      #expect(error.apiError.code == code, "\(error.detail)")
      if let expected = self.error {
        #expect(error.detail.contains(expected), "\(error.detail)")
      }
    }
  }
}

extension PatchSchema {
  /// Upstream's test type `MergeItem` (apimachinery `strategicpatch/patch_test.go`), which the
  /// ported tables patch: lists merged by `name`, a merged int list, a replaced item and the
  /// `retainKeys` fields.
  static let mergeItem = PatchSchema(
    types: [
      "MergeItem": [
        "mergingList": .merging(by: "name", of: "MergeItem"),
        "nonMergingList": .nested("MergeItem"),
        "mergingIntList": .primitiveSet,
        "mergeItemPtr": .merging(by: "name", of: "MergeItem"),
        "replacingItem": PatchField(replace: true),
        "retainKeysMap": PatchField(retainKeys: true, type: "RetainKeysMergeItem"),
        "retainKeysMergingList": PatchField(
          merge: true, retainKeys: true, mergeKey: "name", type: "MergeItem"),
      ],
      "RetainKeysMergeItem": [
        "mergingIntList": .primitiveSet,
        "mergingList": .merging(by: "name", of: "MergeItem"),
        "nonMergingList": .nested("MergeItem"),
      ],
    ], root: "MergeItem")
}

/// A YAML (or JSON) document written in a test.
func yaml(_ text: String) -> JSONValue {
  do {
    return try YAMLDocument.value(text)
  } catch {
    Issue.record("unreadable YAML: \(error)")
    return .null
  }
}

@Suite struct PatchCaseTableTests {
  @Test func tablesKeepNumberKindsNullsAndDirectiveKeys() throws {
    let rows = PatchCase.table(
      """
      - case: one
        original: {mergingList: [{name: 1, value: 2.5}]}
        patch: {$setElementOrder/mergingList: [{name: 1}], other: null}
        code: 400
        error: text
      """)
    let row = try #require(rows.first)
    #expect(rows.count == 1)
    #expect(row.name == "one")
    #expect(row.original == .object(["mergingList": [["name": 1, "value": 2.5]]]))
    #expect(row.patch == .object(["$setElementOrder/mergingList": [["name": 1]], "other": .null]))
    #expect(row.result == nil && row.code == 400 && row.error == "text")
  }

  @Test func yamlScalarsReadAsTheAPIServerReadsThem() {
    let value = yaml(
      """
      count: 3
      ratio: 0.5
      quoted: "3"
      enabled: true
      stamp: 2024-01-02T03:04:05Z
      empty:
      """)
    #expect(
      value
        == .object([
          "count": 3, "ratio": 0.5, "quoted": "3", "enabled": true, "stamp": "2024-01-02T03:04:05Z",
          "empty": .null,
        ]))
  }
}
