import LuaBridge
import Testing

@Suite struct ValueConversionTests {
  @Test(arguments: [
    ("return nil", LuaValue.nil),
    ("return true", .boolean(true)),
    ("return 42", .integer(42)),
    ("return 2.5", .number(2.5)),
    ("return 2.0", .number(2.0)),
    ("return 'héllo'", .string("héllo")),
    ("return {1, 2, 'x'}", .array([1, 2, "x"])),
    ("return {a = 1, b = {c = true}}", .map(["a": 1, "b": .map(["c": true])])),
    ("return {}", .map([:])),
    ("return {{}, {x = {1.5}}}", .array([.map([:]), .map(["x": .array([1.5])])])),
  ])
  func luaToSwift(source: String, expected: LuaValue) throws {
    let state = try makeState()
    #expect(try state.run(source, chunkName: "values.lua") == [expected])
  }

  @Test(arguments: [
    LuaValue.nil, true, 7, -3.25, 1e300, "text", [1, 2, 3], ["k": "v", "n": ["deep": [1, 2]]],
    .array([.map(["a": 1])]),
  ])
  func roundTrip(value: LuaValue) throws {
    let state = try makeState()
    let identity = try state.load("return function(v) return v end", chunkName: "id.lua")
    #expect(try state.call(identity, [value]) == [value])
  }

  @Test func emptyArrayAndEmptyMapBothBecomeEmptyTable() throws {
    let state = try makeState()
    let check = try state.load(
      "return function(a, b) return type(a) == 'table' and next(a) == nil, #b end",
      chunkName: "empty.lua")
    #expect(try state.call(check, [.array([]), .map([:])]) == [true, 0])
  }

  @Test func integerAndFloatStayDistinct() throws {
    let state = try makeState()
    let types = try state.load(
      "return function(i, f) return math.type(i), math.type(f), 3 // 1, 3 / 1 end",
      chunkName: "types.lua")
    #expect(try state.call(types, [.integer(3), .number(3)]) == ["integer", "float", 3, 3.0])
  }

  @Test(arguments: [
    ("return {scale = {1, 2, function() end}}", "result.scale[3]", "function"),
    ("return {1, 2, x = 3}", "result", "both string and integer keys"),
    ("return {[1.5] = true}", "result", "non-integer number key"),
    ("return {[true] = 1}", "result", "boolean key"),
    ("return {1, nil, 3}", "result", "not a sequence"),
    ("return {a = {[5] = 1}}", "result.a", "integer key 5"),
    ("return 1, coroutine.create(print)", "result #2", "thread"),
  ])
  func conversionErrorsNameThePath(source: String, path: String, reason: String) throws {
    let state = try makeState()
    let error = failure(state, source)
    #expect(error?.kind == .conversion)
    #expect(error?.message.hasPrefix("\(path): ") == true, "\(String(describing: error))")
    #expect(error?.message.contains(reason) == true, "\(String(describing: error))")
    #expect(stillWorks(state))
  }

  @Test func cyclicTableFailsCleanly() throws {
    let state = try makeState()
    let error = failure(state, "local t = {} t.self = t return t")
    #expect(error?.kind == .conversion)
    #expect(error?.message.contains("result.self.self") == true)
  }

  @Test func accessorsAndLiterals() {
    let value: LuaValue = ["name": "web", "replicas": 3, "weight": 2.0, "tags": [], "on": true]
    #expect(value["name"]?.stringValue == "web")
    #expect(value["replicas"]?.intValue == 3)
    #expect(value["weight"]?.intValue == 2)
    #expect(value["weight"]?.doubleValue == 2.0)
    #expect(value["tags"]?.mapValue == [:])
    #expect(value["on"]?.boolValue == true)
    #expect(value["missing"] == nil)
    #expect(LuaValue.map([:]).arrayValue == [])
    #expect(LuaValue.number(2.5).intValue == nil)
  }
}
