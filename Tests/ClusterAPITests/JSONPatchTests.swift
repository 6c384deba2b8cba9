import Engine
import Testing

@testable import ClusterAPI

/// `application/json-patch+json`: RFC 6902's examples (its Appendix A) and the readings of the
/// library kube-apiserver applies patches with.
@Suite struct JSONPatchTests {
  struct Row: Sendable, CustomTestStringConvertible {
    var name: String
    var document: String
    var patch: String
    /// The patched document; nil when the patch cannot apply (a 422).
    var result: String?
    var testDescription: String { name }
  }

  static let rows: [Row] = [
    // RFC 6902 Appendix A.
    Row(
      name: "A.1 adding an object member", document: #"{"foo":"bar"}"#,
      patch: #"[{"op":"add","path":"/baz","value":"qux"}]"#, result: #"{"baz":"qux","foo":"bar"}"#),
    Row(
      name: "A.2 adding an array element", document: #"{"foo":["bar","baz"]}"#,
      patch: #"[{"op":"add","path":"/foo/1","value":"qux"}]"#,
      result: #"{"foo":["bar","qux","baz"]}"#),
    Row(
      name: "A.3 removing an object member", document: #"{"baz":"qux","foo":"bar"}"#,
      patch: #"[{"op":"remove","path":"/baz"}]"#, result: #"{"foo":"bar"}"#),
    Row(
      name: "A.4 removing an array element", document: #"{"foo":["bar","qux","baz"]}"#,
      patch: #"[{"op":"remove","path":"/foo/1"}]"#, result: #"{"foo":["bar","baz"]}"#),
    Row(
      name: "A.5 replacing a value", document: #"{"baz":"qux","foo":"bar"}"#,
      patch: #"[{"op":"replace","path":"/baz","value":"boo"}]"#,
      result: #"{"baz":"boo","foo":"bar"}"#),
    Row(
      name: "A.6 moving a value",
      document: #"{"foo":{"bar":"baz","waldo":"fred"},"qux":{"corge":"grault"}}"#,
      patch: #"[{"op":"move","from":"/foo/waldo","path":"/qux/thud"}]"#,
      result: #"{"foo":{"bar":"baz"},"qux":{"corge":"grault","thud":"fred"}}"#),
    Row(
      name: "A.7 moving an array element", document: #"{"foo":["all","grass","cows","eat"]}"#,
      patch: #"[{"op":"move","from":"/foo/1","path":"/foo/3"}]"#,
      result: #"{"foo":["all","cows","eat","grass"]}"#),
    Row(
      name: "A.8 testing a value: success", document: #"{"baz":"qux","foo":["a",2,"c"]}"#,
      patch:
        #"[{"op":"test","path":"/baz","value":"qux"},{"op":"test","path":"/foo/1","value":2}]"#,
      result: #"{"baz":"qux","foo":["a",2,"c"]}"#),
    Row(
      name: "A.9 testing a value: error", document: #"{"baz":"qux"}"#,
      patch: #"[{"op":"test","path":"/baz","value":"bar"}]"#, result: nil),
    Row(
      name: "A.10 adding a nested member object", document: #"{"foo":"bar"}"#,
      patch: #"[{"op":"add","path":"/child","value":{"grandchild":{}}}]"#,
      result: #"{"foo":"bar","child":{"grandchild":{}}}"#),
    Row(
      name: "A.11 ignoring unrecognized elements", document: #"{"foo":"bar"}"#,
      patch: #"[{"op":"add","path":"/baz","value":"qux","xyz":123}]"#,
      result: #"{"foo":"bar","baz":"qux"}"#),
    Row(
      name: "A.12 adding to a nonexistent target", document: #"{"foo":"bar"}"#,
      patch: #"[{"op":"add","path":"/baz/bat","value":"qux"}]"#, result: nil),
    Row(
      name: "A.14 ~ escape ordering", document: #"{"/":9,"~1":10}"#,
      patch: #"[{"op":"test","path":"/~01","value":10}]"#, result: #"{"/":9,"~1":10}"#),
    Row(
      name: "A.15 comparing strings and numbers", document: #"{"/":9,"~1":10}"#,
      patch: #"[{"op":"test","path":"/~01","value":"10"}]"#, result: nil),
    Row(
      name: "A.16 adding an array value", document: #"{"foo":["bar"]}"#,
      patch: #"[{"op":"add","path":"/foo/-","value":["abc","def"]}]"#,
      result: #"{"foo":["bar",["abc","def"]]}"#),
    // As kube-apiserver applies them.
    Row(
      name: "replace of a missing member sets it", document: #"{"metadata":{"name":"web"}}"#,
      patch: #"[{"op":"replace","path":"/metadata/annotations","value":{"a":"b"}}]"#,
      result: #"{"metadata":{"name":"web","annotations":{"a":"b"}}}"#),
    Row(
      name: "a negative index counts from the end", document: #"{"a":[1,2,3]}"#,
      patch: #"[{"op":"remove","path":"/a/-1"},{"op":"add","path":"/a/-1","value":9}]"#,
      result: #"{"a":[1,2,9]}"#),
    Row(
      name: "replace of the whole document", document: #"{"a":1}"#,
      patch: #"[{"op":"replace","path":"","value":{"b":2}}]"#, result: #"{"b":2}"#),
    Row(
      name: "test of a missing member against null passes", document: #"{"a":null}"#,
      patch: #"[{"op":"test","path":"/a","value":null},{"op":"test","path":"/b","value":null}]"#,
      result: #"{"a":null}"#),
    Row(
      name: "copy duplicates a value", document: #"{"a":{"b":[1]}}"#,
      patch: #"[{"op":"copy","from":"/a","path":"/c"}]"#, result: #"{"a":{"b":[1]},"c":{"b":[1]}}"#),
    Row(
      name: "add without a value adds null", document: #"{}"#,
      patch: #"[{"op":"add","path":"/a"}]"#,
      result: #"{"a":null}"#),
    Row(
      name: "an integer stays an integer and a float a float", document: #"{"a":1}"#,
      patch: #"[{"op":"add","path":"/b","value":1.0}]"#, result: #"{"a":1,"b":1.0}"#),
    Row(name: "an empty patch", document: #"{"a":1}"#, patch: "[]", result: #"{"a":1}"#),
    Row(
      name: "removing a missing member", document: #"{"a":1}"#,
      patch: #"[{"op":"remove","path":"/b"}]"#, result: nil),
    Row(
      name: "an unknown op", document: #"{"a":1}"#, patch: #"[{"op":"frob","path":"/a"}]"#,
      result: nil),
    Row(
      name: "an op without a path", document: #"{"a":1}"#, patch: #"[{"op":"add","value":1}]"#,
      result: nil),
    Row(
      name: "an index past the end", document: #"{"a":[1]}"#,
      patch: #"[{"op":"add","path":"/a/2","value":1}]"#, result: nil),
    Row(
      name: "add at the root", document: #"{"a":1}"#,
      patch: #"[{"op":"add","path":"","value":{}}]"#, result: nil),
    Row(
      name: "a path through a scalar", document: #"{"a":1}"#,
      patch: #"[{"op":"add","path":"/a/b","value":1}]"#, result: nil),
  ]

  @Test(arguments: rows) func appliesAsTheAPIServerDoes(_ row: Row) throws {
    let document = try JSONValue(exactText: row.document)
    let operations = try JSONPatch.decode(try JSONValue(exactText: row.patch))
    if let expected = row.result {
      #expect(try JSONPatch.apply(operations, to: document) == JSONValue(exactText: expected))
    } else {
      #expect(throws: PatchFailure.self) { try JSONPatch.apply(operations, to: document) }
      do {
        _ = try JSONPatch.apply(operations, to: document)
      } catch {
        #expect(error.kind == .unprocessable)
      }
    }
  }

  private func patch(_ body: String) throws(APIError) -> JSONValue {
    try Patching.apply(
      .json, body: Array(body.utf8), to: ["a": 1], kind: "ConfigMap", isCustomResource: false)
  }

  @Test func aFailingOperationIsA422WithTheGenericMessage() {
    #expect(
      throws: APIError(
        code: 422, reason: "Invalid",
        message: "the server rejected our request due to an error in our request", details: .init())
    ) { try patch(#"[{"op":"test","path":"/a","value":2}]"#) }
  }

  @Test func aMalformedDocumentIsA400() throws {
    for body in ["{\"op\":\"add\"}", "[1]", "not json", ""] {
      let error = try #require(throws: APIError.self) { try patch(body) }
      #expect(error.code == 400 && error.reason == "BadRequest", "\(body)")
    }
    let error = try #require(throws: APIError.self) { try patch(#"{"op":"add"}"#) }
    #expect(error.message == "json: cannot unmarshal object into Go value of type jsonpatch.Patch")
  }

  @Test func tooManyOperationsIsA413() throws {
    let operation = #"{"op":"test","path":"/a","value":1}"#
    let body =
      "[" + Array(repeating: operation, count: JSONPatch.maxOperations + 1).joined(separator: ",")
      + "]"
    let error = try #require(throws: APIError.self) { try patch(body) }
    #expect(error.code == 413 && error.reason == "RequestEntityTooLarge")
    #expect(
      error.message
        == "Request entity too large: The allowed maximum operations in a JSON patch is 10000, got 10001"
    )
  }

  @Test func aResultThatIsNotAnObjectIsA422OnThePatchField() throws {
    let error = try #require(throws: APIError.self) {
      try patch(#"[{"op":"replace","path":"","value":[1]}]"#)
    }
    #expect(error.code == 422 && error.reason == "Invalid")
    #expect(error.details?.causes.first?.field == "patch")
  }

  @Test func pointersUnescapeInOrder() {
    #expect(JSONPointer.tokens("/a~1b/~01/~0") == ["a/b", "~1", "~"])
    #expect(JSONPointer.tokens("") == [])
    #expect(JSONPointer.tokens("/") == [""])
    #expect(JSONPointer.tokens("a/b") == nil)
    #expect(
      JSONPointer.index("-1") == -1 && JSONPointer.index("+2") == 2 && JSONPointer.index("x") == nil
    )
  }
}
