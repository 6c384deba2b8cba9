import Engine
import Testing

/// Syntax and runtime errors: the message, and the column it points at.
struct AnalysisConditionErrorTests {
  struct Case: Sendable, CustomTestStringConvertible {
    let source: String
    let message: String
    let column: Int
    var result: JSONValue = nil
    var testDescription: String { source }
  }

  static let syntax: [Case] = [
    .init(source: "result[0] >= )", message: "unexpected token ')'", column: 14),
    .init(source: "result >", message: "unexpected end of expression", column: 9),
    .init(source: "(result > 1", message: "unexpected end of expression", column: 12),
    .init(source: "result > 1)", message: "unexpected token ')'", column: 11),
    .init(source: "result 1", message: "unexpected token '1'", column: 8),
    .init(source: "1 +", message: "unexpected end of expression", column: 4),
    .init(source: "[1, 2", message: "unexpected end of expression", column: 6),
    .init(source: "true ? 1", message: "unexpected end of expression", column: 9),
    .init(source: "", message: "unexpected end of expression", column: 1),
    .init(source: "result > 'abc", message: "unterminated string", column: 10),
    .init(source: "\"abc", message: "unterminated string", column: 1),
    .init(source: "'a\\qb'", message: "invalid escape '\\q'", column: 3),
    .init(source: "result @ 1", message: "unexpected character '@'", column: 8),
    .init(source: "result = 1", message: "unexpected character '='", column: 8),
    .init(source: "foo(result)", message: "unknown function foo", column: 1),
    .init(source: "result > 0 && eval('1')", message: "unknown function eval", column: 15),
    .init(source: "len(result, 1)", message: "len expects 1 argument, got 2", column: 1),
    .init(source: "len()", message: "len expects 1 argument, got 0", column: 1),
    .init(source: "all(result)", message: "all expects 2 arguments, got 1", column: 1),
    .init(source: "default(1)", message: "default expects 2 arguments, got 1", column: 1),
    .init(
      source: "sum(result, {#}, 1)", message: "sum expects 1 or 2 arguments, got 3",
      column: 1),
    .init(source: "max()", message: "max expects at least 1 argument, got 0", column: 1),
    .init(
      source: "# > 1", message: "'#' and '.field' are only valid inside a predicate { … }",
      column: 1),
    .init(source: "result.foo()", message: "method calls are not supported ('foo')", column: 8),
    .init(source: "result.", message: "expected a field name after '.'", column: 8),
    .init(source: "1 not 2", message: "unexpected token '2'", column: 7),
    .init(source: "99999999999999999999", message: "integer literal is too large", column: 1),
    .init(source: "and", message: "unexpected token 'and'", column: 1),
    .init(source: "all(result, {# > 1)", message: "unexpected token ')'", column: 19),
  ]

  static let runtime: [Case] = [
    .init(
      source: "result[5] > 0", message: "index out of range: 5 (array length is 2)",
      column: 7, result: [1, 2]),
    .init(
      source: "result[-3] > 0", message: "index out of range: -3 (array length is 2)",
      column: 7, result: [1, 2]),
    .init(
      source: "len(result) > 0 && result[0] > 0.9",
      message: "len needs an array, a string or a map, got 0.5 (float)", column: 1,
      result: 0.5),
    .init(
      source: "isNaN(result) || result[0] < 0.05",
      message: "isNaN needs a number, got [0.01] (array)", column: 1, result: [0.01]),
    .init(
      source: "result.a.b", message: "cannot fetch \"b\" from int", column: 10,
      result: ["a": 1]),
    .init(source: "result[0]", message: "cannot fetch 0 from nil", column: 7),
    .init(
      source: "result['x']", message: "cannot index an array with \"x\"", column: 7,
      result: [1]),
    .init(source: "x > 1", message: "unknown name x", column: 1, result: 1),
    .init(
      source: "'a' < 1", message: "invalid operation: \"a\" < 1 (string and int)",
      column: 5),
    .init(source: "result > 0", message: "invalid operation: nil > 0 (nil and int)", column: 8),
    .init(source: "1 + 'a'", message: "invalid operation: 1 + \"a\" (int and string)", column: 3),
    .init(source: "5.5 % 2", message: "invalid operation: 5.5 % 2 (float and int)", column: 5),
    .init(source: "1 % 0", message: "integer divide by zero", column: 3),
    .init(source: "!1", message: "invalid operation: !1 (int)", column: 1),
    .init(source: "-'a'", message: "invalid operation: -\"a\" (string)", column: 1),
    .init(source: "1 && true", message: "&& needs a bool, got 1 (int)", column: 3),
    .init(source: "true and 'x'", message: "&& needs a bool, got \"x\" (string)", column: 6),
    .init(
      source: "result ? 1 : 2", message: "?: needs a bool, got 1 (int)", column: 8,
      result: 1),
    .init(source: "1 in 'abc'", message: "operator 'in' is not defined on string", column: 3),
    .init(
      source: "1 in result", message: "cannot look up int in a map (keys are strings)",
      column: 3, result: [:]),
    .init(
      source: "asFloat(result) > 10", message: "asFloat cannot parse \"abc\" as a number",
      column: 1, result: "abc"),
    .init(source: "asInt('x1')", message: "asInt cannot parse \"x1\" as an int", column: 1),
    .init(
      source: "int(result)", message: "int cannot convert NaN to an int", column: 1,
      result: .double(.nan)),
    .init(source: "int(1e300)", message: "int cannot convert 1e+300 to an int", column: 1),
    .init(
      source: "asInt(true)", message: "asInt needs a number or a string, got true (bool)",
      column: 1),
    .init(source: "abs('x')", message: "abs needs a number, got \"x\" (string)", column: 1),
    .init(
      source: "all(result, {# < 1})", message: "all needs an array, got 0.5 (float)",
      column: 1, result: 0.5),
    .init(
      source: "all(result, {# + 1})",
      message: "the predicate of all needs a bool, got 2 (int)", column: 1, result: [1]),
    .init(
      source: "count(result)",
      message: "the predicate of count needs a bool, got 1 (int)", column: 1, result: [1]),
    .init(
      source: "sum(result)", message: "sum needs numbers, got \"a\" (string)", column: 1,
      result: ["a"]),
    .init(
      source: "max(result, 'a')", message: "max needs numbers, got \"a\" (string)",
      column: 1, result: [1]),
  ]

  @Test(arguments: syntax + runtime)
  func error(_ c: Case) {
    #expect(throws: ConditionError(c.message, column: c.column)) {
      _ = try AnalysisCondition(parsing: c.source).evaluate(["result": c.result])
    }
  }

  @Test(arguments: syntax)
  func syntaxErrorsAreFoundWhenParsing(_ c: Case) {
    #expect(throws: ConditionError.self) { try AnalysisCondition(parsing: c.source) }
  }

  @Test func descriptionNamesTheColumn() {
    #expect(
      ConditionError("unexpected token ')'", column: 12).description
        == "column 12: unexpected token ')'")
    #expect(ConditionError("no column").description == "no column")
    do {
      _ = try AnalysisCondition(parsing: "result[0] >= )")
      Issue.record("parsed")
    } catch {
      #expect(error.description == "column 14: unexpected token ')'")
    }
  }

  @Test func hostileInputIsRefusedNotCrashed() throws {
    let deepParens = String(repeating: "(", count: 5000) + "1" + String(repeating: ")", count: 5000)
    let deepNots = String(repeating: "!", count: 5000) + "true"
    let longChain = Array(repeating: "1", count: 2000).joined(separator: " + ")
    let tooLong = Array(repeating: "1", count: 6000).joined(separator: " + ")
    for source in [deepParens, deepNots, longChain, tooLong] {
      #expect(throws: ConditionError.self) { try AnalysisCondition(parsing: source) }
    }
    // Real conditions are nowhere near the bounds.
    let fifty = Array(repeating: "result", count: 50).joined(separator: " + ")
    #expect(try AnalysisCondition(parsing: fifty + " > 0").holds(for: 1))
  }
}
