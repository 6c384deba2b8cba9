import Engine
import MetricProviders
import Testing

@Suite struct JSONPathTests {
  static let document: JSONValue = .object([
    "data": .object([
      "ok": .bool(true),
      "items": .array([
        .object(["value": .double(0.5), "name": .string("a")]),
        .object(["value": .int(2), "name": .string("b")]),
        .object(["name": .string("c")]),
      ]),
      "weird.key": .string("dotted"),
      "with space": .int(7),
    ]),
    "counts": .object(["b": .int(2), "a": .int(1)]),
    "empty": .array([]),
  ])

  @Test(
    arguments: [
      ("{$}", JSONPathTests.document),
      ("$", JSONPathTests.document),
      ("{$.data.ok}", .bool(true)),
      ("{.data.ok}", .bool(true)),
      (" { $.data.ok } ", .bool(true)),
      (".data.ok", .bool(true)),
      ("{.data.items[0].value}", .double(0.5)),
      ("{.data.items[1].value}", .int(2)),
      ("{.data.items[-1].name}", .string("c")),
      ("{$['data']['items'][1]['name']}", .string("b")),
      (#"{$["data"]["with space"]}"#, .int(7)),
      (#"{.data.weird\.key}"#, .string("dotted")),
      ("{.data['weird.key']}", .string("dotted")),
      // A wildcard or a slice always gives an array; members missing under it are skipped.
      ("{.data.items[*].value}", .array([.double(0.5), .int(2)])),
      ("{.data.items[*].name}", .array([.string("a"), .string("b"), .string("c")])),
      ("{.counts.*}", .array([.int(1), .int(2)])),
      ("{.counts[*]}", .array([.int(1), .int(2)])),
      ("{.data.items[0:2].name}", .array([.string("a"), .string("b")])),
      ("{.data.items[1:].name}", .array([.string("b"), .string("c")])),
      ("{.data.items[:1].name}", .array([.string("a")])),
      ("{.data.items[-1:].name}", .array([.string("c")])),
      ("{.data.items[0:1]}", .array([.object(["value": .double(0.5), "name": .string("a")])])),
    ] as [(String, JSONValue)])
  func selects(path: String, expected: JSONValue) throws {
    #expect(try JSONPath(path).select(in: Self.document) == expected)
  }

  /// Paths that read but select nothing: the message names the path and where it stopped.
  @Test(arguments: [
    ("{$.data.missing}", "$.data has no member \"missing\""),
    ("{.nothing.deeper}", "$ has no member \"nothing\""),
    ("{.data.items[3]}", "index 3 is out of range at $.data.items (3 elements)"),
    ("{.data.items[-4]}", "index -4 is out of range"),
    ("{.data.ok[0]}", "$.data.ok is a boolean, not an array"),
    ("{.data.items.value}", "$.data.items is an array, not an object with \"value\""),
    ("{.data.ok.*}", "$.data.ok is a boolean, neither an array nor an object"),
    ("{.empty[*]}", "$.empty is an empty array"),
    ("{.data.items[5:]}", "the slice [5:] of $.data.items is empty"),
    ("{.data.items[*].missing}", "$.data.items[0] has no member \"missing\""),
  ])
  func selectsNothing(path: String, reason: String) throws {
    let parsed = try JSONPath(path)
    #expect(parsed.matches(in: Self.document).isEmpty)
    #expect {
      try parsed.select(in: Self.document)
    } throws: { error in
      let message = (error as? JSONPathError)?.message ?? ""
      return message.contains("the JSONPath \(path) selected nothing") && message.contains(reason)
    }
  }

  @Test(arguments: [
    ("", "the path is empty"),
    ("{}", "the path is empty"),
    ("{$.a", "one expression in braces"),
    ("value: {$.a}", "one expression in braces"),
    ("{$.a} {$.b}", "one expression in braces"),
    ("{$..a}", "recursive descent"),
    ("{$.a[?(@.b > 1)]}", "filters"),
    ("{$.a[0,1]}", "unions"),
    ("{$.a[1:2:1]}", "a slice with a step"),
    ("{$.a[x]}", "neither an index, a slice"),
    ("{$.a[0}", "an unclosed '['"),
    ("{$['a}", "an unclosed '"),
    ("{$.a.}", "a '.' ends the path"),
    ("{$a}", "expected '.' or '['"),
  ])
  func refusesToRead(path: String, reason: String) {
    #expect {
      try JSONPath(path)
    } throws: { error in
      let message = (error as? JSONPathError)?.message ?? ""
      return message.contains("cannot be read") && message.contains(reason)
    }
  }
}
