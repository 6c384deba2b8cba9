import Engine
import Testing

@testable import ClusterAPI

/// `application/merge-patch+json`: RFC 7386's examples (its Appendix A), with the answers of the
/// library kube-apiserver uses where they differ (a `null` or scalar patch is refused).
@Suite struct MergePatchTests {
  struct Row: Sendable, CustomTestStringConvertible {
    var original: String
    var patch: String
    /// The result; nil when the patch is refused ("Invalid JSON Patch").
    var result: String?
    var testDescription: String { "\(original) + \(patch)" }
  }

  static let rows: [Row] = [
    Row(original: #"{"a":"b"}"#, patch: #"{"a":"c"}"#, result: #"{"a":"c"}"#),
    Row(original: #"{"a":"b"}"#, patch: #"{"b":"c"}"#, result: #"{"a":"b","b":"c"}"#),
    Row(original: #"{"a":"b"}"#, patch: #"{"a":null}"#, result: #"{}"#),
    Row(original: #"{"a":"b","b":"c"}"#, patch: #"{"a":null}"#, result: #"{"b":"c"}"#),
    Row(original: #"{"a":["b"]}"#, patch: #"{"a":"c"}"#, result: #"{"a":"c"}"#),
    Row(original: #"{"a":"c"}"#, patch: #"{"a":["b"]}"#, result: #"{"a":["b"]}"#),
    Row(
      original: #"{"a":{"b":"c"}}"#, patch: #"{"a":{"b":"d","c":null}}"#,
      result: #"{"a":{"b":"d"}}"#),
    Row(original: #"{"a":[{"b":"c"}]}"#, patch: #"{"a":[1]}"#, result: #"{"a":[1]}"#),
    Row(original: #"["a","b"]"#, patch: #"["c","d"]"#, result: #"["c","d"]"#),
    Row(original: #"{"a":"b"}"#, patch: #"["c"]"#, result: #"["c"]"#),
    Row(original: #"{"a":"foo"}"#, patch: "null", result: nil),
    Row(original: #"{"a":"foo"}"#, patch: #""bar""#, result: nil),
    Row(original: #"{"e":null}"#, patch: #"{"a":1}"#, result: #"{"e":null,"a":1}"#),
    Row(original: #"[1,2]"#, patch: #"{"a":"b","c":null}"#, result: #"{"a":"b"}"#),
    Row(original: #"{}"#, patch: #"{"a":{"bb":{"ccc":null}}}"#, result: #"{"a":{"bb":{}}}"#),
    // The library also prunes nulls from arrays it adds.
    Row(original: #"{}"#, patch: #"{"a":[1,null,{"b":null}]}"#, result: #"{"a":[1,{}]}"#),
  ]

  @Test(arguments: rows) func mergesAsTheAPIServerDoes(_ row: Row) throws {
    let original = try JSONValue(exactText: row.original)
    let patch = try JSONValue(exactText: row.patch)
    if let expected = row.result {
      #expect(try MergePatch.apply(patch, to: original) == JSONValue(exactText: expected))
    } else {
      #expect(throws: PatchFailure(.badRequest, "Invalid JSON Patch")) {
        try MergePatch.apply(patch, to: original)
      }
    }
  }

  private func patch(_ body: String) throws(APIError) -> JSONValue {
    try Patching.apply(
      .merge, body: Array(body.utf8), to: ["a": 1], kind: "ConfigMap", isCustomResource: false)
  }

  @Test func malformedPatchesAreInvalidJSONPatch() {
    for body in ["not json", "null", "3", ""] {
      #expect(throws: APIError.badRequest("Invalid JSON Patch"), "\(body)") { try patch(body) }
    }
  }

  @Test func anArrayPatchLeavesNoObjectAndIsA422() throws {
    let error = try #require(throws: APIError.self) { try patch("[1,2]") }
    #expect(error.code == 422 && error.reason == "Invalid")
    #expect(
      error.message
        == #" "" is invalid: patch: Invalid value: "[1,2]": json: cannot unmarshal array into Go value of type ConfigMap"#
    )
  }
}
