import Engine
import Testing

/// expr's precedence, associativity and arithmetic, value by value (an int result is `.int`,
/// a float `.double`: the table tells them apart).
struct AnalysisConditionOperatorTests {
  struct Case: Sendable, CustomTestStringConvertible {
    let source: String
    let expected: JSONValue
    var result: JSONValue = nil
    var testDescription: String { source }
  }

  static let precedence: [Case] = [
    .init(source: "1 + 2 * 3", expected: 7),
    .init(source: "(1 + 2) * 3", expected: 9),
    .init(source: "10 - 4 - 3", expected: 3),
    .init(source: "100 / 10 / 5", expected: .double(2)),
    .init(source: "2 * 3 % 4", expected: 2),
    // `**` is right-associative and always a float.
    .init(source: "2 ** 3 ** 2", expected: .double(512)),
    .init(source: "(2 ** 3) ** 2", expected: .double(64)),
    .init(source: "2 ^ 10", expected: .double(1024)),
    // Unary minus binds looser than `**`, as in expr: -(2 ** 2).
    .init(source: "-2 ** 2", expected: .double(-4)),
    .init(source: "(-2) ** 2", expected: .double(4)),
    .init(source: "2 * -3", expected: -6),
    .init(source: "- -1", expected: 1),
    .init(source: "1 - -1", expected: 2),
    // `!`/`not` bind tighter than `&&`/`||`.
    .init(source: "!true || true", expected: true),
    .init(source: "!(true || true)", expected: false),
    .init(source: "not true or true", expected: true),
    .init(source: "not false and false", expected: false),
    .init(source: "true || false && false", expected: true),
    .init(source: "(true || false) && false", expected: false),
    .init(source: "1 + 2 > 2 && 3 * 2 == 6", expected: true),
    // Comparisons chain: `a < b < c` is `a < b && b < c`.
    .init(source: "1 < 2 < 3", expected: true),
    .init(source: "3 > 2 > 1", expected: true),
    .init(source: "1 < 3 < 2", expected: false),
    .init(source: "1 < 2 == true", expected: false),
    .init(source: "true ? 1 : 2", expected: 1),
    .init(source: "false ? 1 : 2 + 3", expected: 5),
    .init(source: "1 > 2 ? 'a' : 'b'", expected: "b"),
    .init(source: "true ? false ? 1 : 2 : 3", expected: 2),
    .init(source: "false ? 1 : true ? 2 : 3", expected: 2),
    .init(source: "nil ?? 5", expected: 5),
    .init(source: "result ?? 1 + 1", expected: 4, result: 3),
  ]

  static let arithmetic: [Case] = [
    .init(source: "1 + 1", expected: 2),
    .init(source: "1 + 1.5", expected: 2.5),
    .init(source: "2 * 3.5", expected: 7.0),
    .init(source: "7 / 2", expected: 3.5),
    .init(source: "6 / 3", expected: .double(2)),
    .init(source: "1 / 0", expected: .double(.infinity)),
    .init(source: "7 % 3", expected: 1),
    .init(source: "-7 % 3", expected: -1),
    .init(source: "1e3", expected: 1000.0),
    .init(source: "1.5e-3", expected: 0.0015),
    .init(source: "2E2", expected: 200.0),
    .init(source: "1_000", expected: 1000),
    .init(source: "0x1F", expected: 31),
    .init(source: "'a' + \"b\"", expected: "ab"),
    .init(source: "'it\\'s' + \"\\n\"", expected: "it's\n"),
    .init(source: "`raw\\n`", expected: "raw\\n"),
    .init(source: "'\\u00e9'", expected: "é"),
    .init(source: "-result", expected: -3, result: 3),
    .init(source: "-result", expected: -0.5, result: 0.5),
    // Integer arithmetic wraps as Go's does instead of trapping.
    .init(source: "-9223372036854775807 - 2", expected: .int(Int.max)),
    .init(source: "9223372036854775807 * 2", expected: -2),
  ]

  static let comparison: [Case] = [
    .init(source: "1 == 1.0", expected: true),
    .init(source: "1 < 1.5", expected: true),
    .init(source: "2.0 >= 2", expected: true),
    .init(source: "'abc' < 'abd'", expected: true),
    .init(source: "'b' > 'abc'", expected: true),
    .init(source: "1 == '1'", expected: false),
    .init(source: "1 != '1'", expected: true),
    .init(source: "nil == nil", expected: true),
    .init(source: "nil == 0", expected: false),
    .init(source: "nil != false", expected: true),
    .init(source: "result == result", expected: false, result: .double(.nan)),
    .init(source: "result != result", expected: true, result: .double(.nan)),
    .init(source: "result < 1", expected: false, result: .double(.nan)),
    .init(source: "result == [1, 2.0]", expected: true, result: [1, 2]),
    .init(source: "result == [1, 2]", expected: false, result: [1, 2, 3]),
    .init(source: "2 in [1, 2, 3]", expected: true),
    .init(source: "2.0 in [1, 2]", expected: true),
    .init(source: "'x' in ['a']", expected: false),
    .init(source: "4 not in [1, 2]", expected: true),
    .init(source: "'ok' in result", expected: true, result: ["ok": 1]),
    .init(source: "'no' not in result", expected: true, result: ["ok": 1]),
    .init(source: "1 in nil", expected: false),
    .init(source: "'canary-7' startsWith 'canary'", expected: true),
    .init(source: "'canary-7' endsWith '7'", expected: true),
    .init(source: "'canary-7' contains 'ry-'", expected: true),
    .init(source: "'canary' not contains 'x'", expected: true),
  ]

  static let access: [Case] = [
    .init(source: "result[0]", expected: 1, result: [1, 2, 3]),
    .init(source: "result[-1]", expected: 3, result: [1, 2, 3]),
    .init(source: "result[-3]", expected: 1, result: [1, 2, 3]),
    .init(source: "result[1.9]", expected: 2, result: [1, 2, 3]),
    .init(source: "result[len(result) - 1]", expected: 3, result: [1, 2, 3]),
    .init(source: "result.a.b", expected: "x", result: ["a": ["b": "x"]]),
    .init(source: "result['a']['b']", expected: "x", result: ["a": ["b": "x"]]),
    .init(source: "result.a[1].c", expected: true, result: ["a": [1, ["c": true]]]),
    .init(source: "result.missing", expected: nil, result: ["a": 1]),
    .init(source: "result?.a", expected: nil, result: nil),
    .init(source: "result?.a.b.c", expected: nil, result: nil),
    .init(source: "result?.[0]", expected: nil, result: nil),
    .init(source: "result?.a", expected: 1, result: ["a": 1]),
    .init(source: "[1, 2, 3][1]", expected: 2),
    .init(source: "[1, 2,][-1]", expected: 2),
    .init(source: "false && result[9]", expected: false, result: []),
    .init(source: "true || result[9]", expected: true, result: []),
    .init(source: "false ? result[9] : 0", expected: 0, result: []),
  ]

  @Test(arguments: precedence + arithmetic + comparison + access)
  func value(_ c: Case) throws {
    let value = try AnalysisCondition(parsing: c.source).evaluate(["result": c.result])
    #expect(value == c.expected)
  }
}
