import Engine
import Testing

/// expr's built-ins and Argo's additions, value by value.
struct AnalysisConditionFunctionTests {
  struct Case: Sendable, CustomTestStringConvertible {
    let source: String
    let expected: JSONValue
    var result: JSONValue = nil
    var testDescription: String { source }
  }

  static let scalars: [Case] = [
    .init(source: "len(result)", expected: 3, result: [1, 2, 3]),
    .init(source: "len(result)", expected: 2, result: ["a": 1, "b": 2]),
    .init(source: "len('abc')", expected: 3),
    // expr counts bytes.
    .init(source: "len('héllo')", expected: 6),
    .init(source: "isNaN(result)", expected: true, result: .double(.nan)),
    .init(source: "isNaN(1)", expected: false),
    .init(source: "isInf(result)", expected: true, result: .double(-.infinity)),
    .init(source: "isInf(1e308 * 10)", expected: true),
    .init(source: "isNil(result)", expected: false, result: 0),
    .init(source: "abs(-3)", expected: 3),
    .init(source: "abs(-2.5)", expected: 2.5),
    .init(source: "abs(4)", expected: 4),
    .init(source: "ceil(1.2)", expected: 2.0),
    .init(source: "floor(-1.2)", expected: -2.0),
    .init(source: "round(2.5)", expected: 3.0),
    .init(source: "round(2)", expected: 2.0),
    .init(source: "int(3.9)", expected: 3),
    .init(source: "int(-3.9)", expected: -3),
    .init(source: "int('42')", expected: 42),
    .init(source: "asInt('-7')", expected: -7),
    .init(source: "asInt(result)", expected: 12, result: 12.7),
    .init(source: "float(2)", expected: 2.0),
    .init(source: "float('0.25')", expected: 0.25),
    .init(source: "asFloat('1e3')", expected: 1000.0),
    .init(source: "asFloat(result)", expected: 5.0, result: 5),
    .init(source: "default(result, 'x')", expected: "x", result: nil),
    .init(source: "default(result, 'x')", expected: false, result: false),
    .init(source: "default(result.a, 1)", expected: 1, result: [:]),
    .init(source: "min(3, 1, 2)", expected: 1),
    .init(source: "max(3, 1.5, 2)", expected: 3),
    .init(source: "max(result)", expected: 5.5, result: [1, 5.5, 2]),
    .init(source: "min(result, 0.5)", expected: 0.5, result: [1, [2, 3]]),
    .init(source: "min(result)", expected: nil, result: []),
  ]

  static let predicates: [Case] = [
    .init(source: "filter(result, {# > 1})", expected: [2, 3], result: [1, 2, 3]),
    .init(source: "map(result, {# * 2})", expected: [2, 5.0], result: [1, 2.5]),
    .init(source: "count(result, {# > 1})", expected: 2, result: [1, 2, 3]),
    .init(source: "count(result)", expected: 2, result: [true, false, true]),
    .init(source: "sum(result)", expected: 6, result: [1, 2, 3]),
    .init(source: "sum(result)", expected: 3.5, result: [1, 2.5]),
    .init(source: "sum(result)", expected: 0, result: []),
    .init(source: "sum(result, {# * 2})", expected: 12, result: [1, 2, 3]),
    .init(source: "one(result, {# == 2})", expected: true, result: [1, 2, 3]),
    .init(source: "one(result, {# > 1})", expected: false, result: [1, 2, 3]),
    .init(source: "none(result, {# > 5})", expected: true, result: [1, 2, 3]),
    .init(source: "none(result, {# > 2})", expected: false, result: [1, 2, 3]),
    .init(source: "any(result, {# > 2})", expected: false, result: []),
    // Without braces, and with `.field` for `#.field`.
    .init(source: "all(result, # > 0)", expected: true, result: [1, 2]),
    .init(source: "all(result, {.ok})", expected: true, result: [["ok": true], ["ok": true]]),
    .init(
      source: "any(result, {#.status == 'fail'})", expected: true,
      result: [["status": "ok"], ["status": "fail"]]),
    // `#` is the innermost predicate's element.
    .init(source: "any(result, {all(#, {# > 0})})", expected: true, result: [[1, -1], [2, 3]]),
    .init(source: "all(result, {all(#, {# > 0})})", expected: false, result: [[1, -1], [2, 3]]),
    .init(source: "map(result, {len(#)})", expected: [2, 0], result: [[1, 2], []]),
    // A predicate that decides early does not look at the rest.
    .init(source: "any(result, {# == 1 || #[0] > 0})", expected: true, result: [1, 2]),
  ]

  @Test(arguments: scalars + predicates)
  func value(_ c: Case) throws {
    let value = try AnalysisCondition(parsing: c.source).evaluate(["result": c.result])
    #expect(value == c.expected)
  }
}
