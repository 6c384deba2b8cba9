import Foundation
import LuaBridge
import Testing

struct Decision: Codable, Equatable {
  enum Action: String, Codable { case promote, hold, rollback }
  struct Step: Codable, Equatable {
    var weight: Int
    var pause: Double?
  }

  var action: Action
  var reason: String?
  var steps: [Step]
  var scale: [String: Int]
  var labels: [String]
  var nested: [[Int]]
  var enabled: Bool
}

@Suite struct CodableTests {
  let sample = Decision(
    action: .promote, reason: nil, steps: [.init(weight: 10, pause: 1.5), .init(weight: 50)],
    scale: ["web-1": 3, "web-2": 0], labels: [], nested: [[1, 2], []], enabled: true)

  @Test func roundTripThroughLuaValue() throws {
    let value = try LuaValueEncoder().encode(sample)
    #expect(value["action"] == "promote")
    #expect(value["reason"] == nil)
    #expect(value["steps"] == [["weight": 10, "pause": 1.5], ["weight": 50]])
    #expect(try LuaValueDecoder().decode(Decision.self, from: value) == sample)
  }

  @Test func roundTripThroughLua() throws {
    let state = try makeState()
    let identity = try state.load("return function(v) return v end", chunkName: "id.lua")
    let result = try state.call(identity, [try state.encode(sample)])
    // The empty array comes back as the empty table, `.map([:])`, and still decodes.
    #expect(result.first?["labels"] == .map([:]))
    #expect(try state.decode(Decision.self, from: result[0]) == sample)
  }

  @Test func decodesScriptResult() throws {
    let state = try makeState()
    let value = try state.run(
      """
      return { action = "hold", steps = {{weight = 5.0}}, scale = {}, labels = {"a"},
               nested = {}, enabled = false }
      """, chunkName: "decide.lua")[0]
    let decision = try state.decode(Decision.self, from: value)
    #expect(decision.action == .hold)
    #expect(decision.steps == [.init(weight: 5)])
    #expect(decision.scale.isEmpty)
  }

  @Test(
    arguments: [
      (["scale": ["web-1": 1.5]], "decision.scale.web-1", "expected Int"),
      (["scale": ["web-1": "x"]], "decision.scale.web-1", "expected Int"),
      (["action": "explode"], "decision.action", "explode"),
      (["steps": [["weight": 1], ["pause": 1]]], "decision.steps[2].weight", "missing"),
      (["labels": "a"], "decision.labels", "expected an array"),
    ] as [(LuaValue, String, String)])
  func decodeErrorsNameTheField(patch: LuaValue, path: String, detail: String) throws {
    var fields = try LuaValueEncoder().encode(sample).mapValue ?? [:]
    for (key, value) in patch.mapValue ?? [:] { fields[key] = value }
    var decoder = LuaValueDecoder()
    decoder.rootName = "decision"
    #expect {
      try decoder.decode(Decision.self, from: .map(fields))
    } throws: { error in
      guard let error = error as? LuaError else { return false }
      return error.kind == .conversion && error.message.hasPrefix("\(path):")
        && error.message.contains(detail)
    }
  }

  @Test func luaValueIsJSONCodable() throws {
    let value: LuaValue = ["a": [1, 2.5, "x", true, nil], "b": [:]]
    let data = try JSONEncoder().encode(value)
    #expect(try JSONDecoder().decode(LuaValue.self, from: data) == value)
  }

  @Test func unsignedOverflowIsAConversionError() {
    #expect(throws: LuaError.self) { try LuaValueEncoder().encode(["n": UInt64.max]) }
  }
}
