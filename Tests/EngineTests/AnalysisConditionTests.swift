import Engine
import Testing

/// Argo Rollouts' documented conditions, judged against measurements as providers deliver
/// them: a Prometheus vector as an array of floats, a scalar as a float, a web result as JSON.
struct AnalysisConditionTests {
  struct Case: Sendable, CustomTestStringConvertible {
    let source: String
    let result: JSONValue
    let holds: Bool
    var testDescription: String { "\(source) with \(result)" }
  }

  static let argoExamples: [Case] = [
    .init(source: "result[0] >= 0.95", result: [0.97], holds: true),
    .init(source: "result[0] >= 0.95", result: [0.94, 0.99], holds: false),
    .init(source: "result[0] >= 0.95", result: [1], holds: true),
    .init(source: "result < 0.01 && result >= 0", result: 0.005, holds: true),
    .init(source: "result < 0.01 && result >= 0", result: 0.01, holds: false),
    .init(source: "result < 0.01 && result >= 0", result: -0.5, holds: false),
    .init(source: "result <= 0.01", result: 0, holds: true),
    // The empty vector: `len` guards the index, `&&` does not evaluate it.
    .init(source: "len(result) > 0 && result[0] > 0.9", result: [], holds: false),
    .init(source: "len(result) > 0 && result[0] > 0.9", result: [0.95], holds: true),
    .init(source: "len(result) == 0 || result[0] >= 0.95", result: [], holds: true),
    .init(source: "isNaN(result) || result < 0.05", result: .double(.nan), holds: true),
    .init(source: "isNaN(result) || result < 0.05", result: 0.01, holds: true),
    .init(source: "isNaN(result) || result < 0.05", result: 0.2, holds: false),
    .init(source: "isNaN(result) || result[0] < 0.05", result: .double(.nan), holds: true),
    .init(source: "isNaN(result[0]) || result[0] < 0.05", result: [0.01], holds: true),
    .init(source: "!isInf(result) && result > 1", result: .double(.infinity), holds: false),
    .init(source: "all(result, {# < 1})", result: [0.5, 0.9], holds: true),
    .init(source: "all(result, {# < 1})", result: [0.5, 1.5], holds: false),
    .init(source: "all(result, {# < 1})", result: [], holds: true),
    .init(source: "any(result, {# > 5})", result: [1, 6], holds: true),
    .init(source: "any(result, {# > 5})", result: [1, 5], holds: false),
    .init(source: "result.ok == true", result: ["ok": true], holds: true),
    .init(source: "result.ok == true", result: ["ok": "true"], holds: false),
    .init(source: "result.ok == true", result: [:], holds: false),
    .init(source: "result.data.ok", result: ["data": ["ok": true]], holds: true),
    .init(source: "result['status'] == 'healthy'", result: ["status": "healthy"], holds: true),
    .init(source: "result[\"status\"] != \"healthy\"", result: ["status": "down"], holds: true),
    .init(
      source: "result.items[-1].value == 3", result: ["items": [["value": 1], ["value": 3]]],
      holds: true),
    .init(source: "asFloat(result) > 10", result: "12.5", holds: true),
    .init(source: "asFloat(result) > 10", result: "9", holds: false),
    .init(source: "asInt(result) >= 1", result: "1", holds: true),
    .init(source: "asInt(result) >= 1", result: 0.9, holds: false),
    .init(source: "default(result, 0) == 0", result: nil, holds: true),
    .init(source: "default(result, 0) == 0", result: 3, holds: false),
    .init(source: "default(result, 0) < 0.05", result: 0.01, holds: true),
    .init(source: "isNil(result)", result: nil, holds: true),
    .init(source: "result == nil", result: nil, holds: true),
    .init(source: "result == 'Healthy'", result: "Healthy", holds: true),
    .init(source: "len(filter(result, {# > 0.5})) <= 1", result: [0.1, 0.7, 0.9], holds: false),
    .init(source: "sum(result) / len(result) < 0.5", result: [0.2, 0.4, 0.6], holds: true),
    .init(
      source: "result.successful && result.count >= 3",
      result: ["successful": true, "count": 3], holds: true),
  ]

  @Test(arguments: argoExamples)
  func argoExample(_ c: Case) throws {
    let condition = try AnalysisCondition(parsing: c.source)
    #expect(try condition.holds(for: c.result) == c.holds)
  }

  @Test func parsedOnceEvaluatedForEachMeasurement() throws {
    let condition = try AnalysisCondition(parsing: "result[0] >= 0.95")
    let verdicts = try [[0.97], [0.5], [0.95], [1.0]].map {
      try condition.holds(for: .array($0.map(JSONValue.double)))
    }
    #expect(verdicts == [true, false, true, true])
    #expect(condition.source == "result[0] >= 0.95")
  }

  @Test func equalConditionsHaveEqualSources() throws {
    let a = try AnalysisCondition(parsing: "result > 1")
    let b = try AnalysisCondition(parsing: "result > 1")
    let c = try AnalysisCondition(parsing: "result > 2")
    #expect(a == b)
    #expect(a != c)
    #expect(Set([a, b, c]).count == 2)
  }

  @Test func variablesOtherThanResult() throws {
    let condition = try AnalysisCondition(parsing: "errors / total < threshold")
    let ok = try condition.evaluate(["errors": 1, "total": 200, "threshold": 0.01])
    #expect(ok == true)
    let bad = try condition.evaluate(["errors": 3, "total": 200, "threshold": 0.01])
    #expect(bad == false)
  }

  @Test func aConditionMustYieldABool() {
    #expect(throws: ConditionError("the condition yielded 0.5, not a bool", column: 1)) {
      try AnalysisCondition(parsing: "result * 2").holds(for: 0.25)
    }
    #expect(throws: ConditionError("the condition yielded nil, not a bool", column: 3)) {
      try AnalysisCondition(parsing: "  result.missing").holds(for: [:])
    }
    #expect(throws: ConditionError("the condition yielded [1, 2], not a bool", column: 1)) {
      try AnalysisCondition(parsing: "result").holds(for: [1, 2])
    }
  }
}
