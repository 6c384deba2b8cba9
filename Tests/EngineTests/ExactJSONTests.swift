import Engine
import Foundation
import Testing

/// JSON that keeps integers and floats apart, as Lua does (`3` and `3.0` are different values).
@Suite struct ExactJSONTests {
  /// Values and their exact text, per the JSON grammar (RFC 8259) with sorted keys.
  static let table: [(JSONValue, String)] = [
    (.int(3), "3"),
    (.double(3), "3.0"),
    (.double(-0.5), "-0.5"),
    (.double(1e20), "1e+20"),
    (.int(Int.max), "9223372036854775807"),
    (.double(0.1 + 0.2), "0.30000000000000004"),
    (.bool(true), "true"),
    (.null, "null"),
    (.string("a\"b\\c\n\u{0}é/"), #""a\"b\\c\n\u0000é/""#),
    (.array([.int(1), .double(1)]), "[1,1.0]"),
    (.object(["b": .double(2), "a": .object([:])]), #"{"a":{},"b":2.0}"#),
  ]

  @Test(arguments: table)
  func writesEachNumberAsItsKindAndReadsItBack(_ value: JSONValue, _ text: String) throws {
    #expect(try value.exactText() == text)
    #expect(try JSONValue(exactText: text) == value)
  }

  @Test func readsWhatFoundationWrites() throws {
    let text = #" { "s" : "\u00e9\ud83d\ude00\/" , "n" : [ 1 , 2.5e1 , -0 ] } "#
    #expect(
      try JSONValue(exactText: text)
        == .object(["s": .string("é😀/"), "n": .array([.int(1), .double(25), .int(0)])]))
  }

  @Test(arguments: ["", "{", "[1,]", "{\"a\" 1}", "01x", "\"\\x\"", "nul", "1 2", "\"\u{1}\""])
  func refusesWhatIsNotJSON(_ text: String) {
    #expect(throws: ExactJSON.Failure.self) { try JSONValue(exactText: text) }
  }

  @Test func refusesNumbersJSONCannotHold() {
    #expect(throws: ExactJSON.Failure.self) { try JSONValue.double(.infinity).exactText() }
  }

  struct Holder: Codable, Equatable {
    var name: String
    var time: Double
    var value: JSONValue
  }

  @Test func encodesTheJSONValueMembersOfACodableValueExactly() throws {
    // A string that looks like an escaped placeholder stays a string.
    let holder = Holder(
      name: "\u{0}exact-0-0", time: 2, value: .object(["t": .double(3), "n": .int(3)]))
    let text = String(decoding: try ExactJSON.encode(holder), as: UTF8.self)
    #expect(text == #"{"name":"\u0000exact-0-0","time":2,"value":{"n":3,"t":3.0}}"#)
    #expect(try JSONValue(exactText: text)["value"] == holder.value)
  }

  @Test func firstDifferenceNamesThePathAndBothValues() {
    let recorded: JSONValue = .object([
      "scale": .array([.object(["replicas": .int(2)])]), "state": .object(["t": .double(3)]),
    ])
    var replayed = recorded
    replayed["state"] = .object(["t": .int(3)])
    #expect(recorded.firstDifference(from: recorded) == nil)
    #expect(
      recorded.firstDifference(from: replayed)
        == JSONDifference(path: "state.t", left: .double(3), right: .int(3)))
    replayed["scale"] = .array([.object(["replicas": .int(3)]), .null])
    #expect(
      recorded.firstDifference(from: replayed)
        == JSONDifference(path: "scale[1].replicas", left: .int(2), right: .int(3)))
    #expect(
      JSONValue.array([.int(1)]).firstDifference(from: .array([.int(1), .int(2)]))
        == JSONDifference(path: "[2]", left: nil, right: .int(2)))
  }

  @Test func aStrategysStateSurvivesTheRolloutStateAnnotation() {
    var state = RolloutState()
    state.strategyState = .object(["t": .double(3), "n": .int(3), "list": .array([.double(1)])])
    var deployment = ControllerFixtures.deployment(replicas: 1)
    state.write(to: &deployment)
    #expect(RolloutState.read(from: deployment).strategyState == state.strategyState)
  }

  @Test func aDecisionRecordGivesBackIntegersAndFloatsAsRecorded() throws {
    let (_, records) = try DecisionLogTests.recordedUpdate(to: NativeRollingStrategy())
    var record = try #require(records.first)
    let state: JSONValue = .object(["t": .double(3), "n": .int(3), "half": .double(0.5)])
    record.snapshot.state = state
    record.snapshot.params = .object(["weight": .double(20)])
    record.params = record.snapshot.params
    record.decision?.state = state
    let line = try record.line()
    #expect(line.contains(#""state":{"half":0.5,"n":3,"t":3.0}"#), "\(line)")
    #expect(try DecisionRecord(line: line) == record.digested())
    #expect(DecisionReplay.replay(record, with: NativeRollingStrategy()).difference != nil)
  }
}
