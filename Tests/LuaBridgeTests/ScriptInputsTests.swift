import LuaBridge
import Testing

/// What a script reads besides its arguments comes from the host: `os.time()` and `os.date()`
/// read ``LuaState/clock`` (in UTC), `math.random` restarts from ``LuaState/randomSeed`` at
/// every call, and there is no `os.clock`.
@Suite struct ScriptInputsTests {
  static func value(_ state: LuaState, _ expression: String) throws -> LuaValue {
    try state.run("return \(expression)", chunkName: "inputs.lua").first ?? .nil
  }

  @Test func noMachineClockIsReachable() throws {
    let state = try makeState()
    #expect(try Self.value(state, "os.clock") == .nil)
    #expect(try Self.value(state, "os.getenv") == .nil)
    #expect(try Self.value(state, "os.time()") == 0, "the clock is the host's: 0 until set")
    state.clock = 1_700_000_000
    #expect(try Self.value(state, "os.time()") == 1_700_000_000)
  }

  /// Instants checked against GNU `date -u -d @N` (and, for 0, the epoch's definition).
  @Test(arguments: [
    (0, "%Y-%m-%d %H:%M:%S %A %j", "1970-01-01 00:00:00 Thursday 001"),
    (0, "%c", "Thu Jan  1 00:00:00 1970"),
    (1_700_000_000, "!%Y-%m-%dT%H:%M:%SZ", "2023-11-14T22:13:20Z"),
    (1_700_000_000, "%c", "Tue Nov 14 22:13:20 2023"),
    (951_782_400, "%d %B %Y %Z %z", "29 February 2000 GMT +0000"),
    (-1, "%Y-%m-%d %H:%M:%S", "1969-12-31 23:59:59"),
    (31_536_000, "%% %y %e %I%p %u %w", "% 71  1 12AM 5 5"),
  ])
  func dateFormatsTheClockInUTC(_ clock: Int, _ format: String, _ expected: String) throws {
    let state = try makeState()
    state.clock = Int64(clock)
    #expect(try Self.value(state, "os.date('\(format)')") == .string(expected))
    state.clock = 42
    #expect(
      try Self.value(state, "os.date('\(format)', \(clock))") == .string(expected),
      "an explicit time is formatted the same")
  }

  @Test func dateAsATable() throws {
    let state = try makeState()
    state.clock = 951_782_400 + 3_661
    let fields = try state.run(
      """
      local t = os.date("*t")
      return t.year, t.month, t.day, t.hour, t.min, t.sec, t.wday, t.yday, t.isdst
      """, chunkName: "inputs.lua")
    #expect(fields == [2000, 2, 29, 1, 1, 1, 3, 60, false])
  }

  /// `os.time(table)` converts a UTC date, whatever the machine's time zone; hour defaults to
  /// 12, and out-of-range fields are normalised, in the table too.
  @Test(arguments: [
    ("{year = 2000, month = 2, day = 29, hour = 0}", 951_782_400),
    ("{year = 1970, month = 1, day = 1}", 43_200),
    ("{year = 2023, month = 11, day = 14, hour = 22, min = 13, sec = 20}", 1_700_000_000),
    ("{year = 2026, month = 13, day = 1, hour = 0}", 1_798_761_600),
    ("{year = 2000, month = 3, day = 0, hour = 0}", 951_782_400),
  ])
  func timeConvertsADateTable(_ table: String, _ expected: Int) throws {
    let state = try makeState()
    state.clock = 123
    #expect(try Self.value(state, "os.time(\(table))") == .integer(Int64(expected)))
  }

  @Test func timeNormalisesTheTable() throws {
    let state = try makeState()
    let fields = try state.run(
      """
      local t = {year = 2026, month = 13, day = 1}
      os.time(t)
      return t.year, t.month, t.day, t.hour
      """, chunkName: "inputs.lua")
    #expect(fields == [2027, 1, 1, 12])
  }

  @Test(arguments: [
    ("os.time({year = 2000, month = 1})", "field 'day' missing in date table"),
    ("os.time({year = 2000, month = 1, day = 1.5})", "field 'day' is not an integer"),
    ("os.time({year = 2^40, month = 1, day = 1})", "field 'year' is out-of-bound"),
    ("os.date('%Q')", "bad argument #1 to 'date' (invalid conversion specifier '%Q')"),
    ("os.date('%E')", "bad argument #1 to 'date' (invalid conversion specifier '%E')"),
    ("math.random(5, 4)", "bad argument #2 to 'random' (interval is empty)"),
    ("math.random(0.5)", "bad argument #1 to 'random' (number has no integer representation)"),
    ("math.random(1, 2, 3)", "wrong number of arguments"),
  ])
  func badArgumentsNameTheLine(_ call: String, _ message: String) throws {
    let state = try makeState()
    let error = failure(state, "local x = 1\nreturn \(call)", chunkName: "inputs.lua")
    #expect(error?.description == "inputs.lua:2: \(message)", "\(String(describing: error))")
  }

  static let draws = """
    local out = {}
    for i = 1, 8 do out[#out + 1] = math.random(1, 1000000) end
    out[#out + 1] = math.random(0)
    out[#out + 1] = math.random()
    return table.concat(out, " ")
    """

  /// Two states with the same seed draw the same numbers; every call starts afresh.
  @Test func theSameSeedDrawsTheSameNumbers() throws {
    let (one, two) = (try makeState(), try makeState())
    one.randomSeed = 0xfeed
    two.randomSeed = 0xfeed
    let first = try one.run(Self.draws, chunkName: "draws.lua")
    #expect(try two.run(Self.draws, chunkName: "draws.lua") == first)
    #expect(try one.run(Self.draws, chunkName: "draws.lua") == first, "each call restarts")
    two.randomSeed = 0xbeef
    #expect(try two.run(Self.draws, chunkName: "draws.lua") != first)
  }

  @Test func randomseedRestartsDeterministically() throws {
    let (one, two) = (try makeState(), try makeState())
    one.randomSeed = 1
    two.randomSeed = 2
    let script = "math.randomseed(42, 7) local a = math.random(0) return a"
    #expect(try one.run(script, chunkName: "s.lua") == two.run(script, chunkName: "s.lua"))
    let restart = """
      local a = math.random(0)
      math.random(0)
      math.randomseed()
      return a == math.random(0)
      """
    #expect(
      try one.run(restart, chunkName: "s.lua") == [true], "randomseed() goes back to the seed")
  }

  /// Each range is covered, nothing falls outside it, floats stay in [0, 1).
  @Test(arguments: [("1, 1", 1, 1), ("3", 1, 3), ("-2, 2", -2, 2), ("7, 9", 7, 9)])
  func drawsStayInTheirRange(_ arguments: String, _ low: Int, _ high: Int) throws {
    let state = try makeState()
    state.randomSeed = 99
    let values = try state.run(
      "local seen = {} for i = 1, 400 do seen[#seen + 1] = math.random(\(arguments)) end return seen",
      chunkName: "range.lua")
    guard case .array(let drawn)? = values.first else {
      Issue.record("no draws: \(values)")
      return
    }
    let numbers = Set(drawn.compactMap(\.intValue))
    #expect(numbers == Set(low...high))
    let floats = try state.run(
      "for i = 1, 1000 do local x = math.random() if x < 0 or x >= 1 then return x end end return 0.5",
      chunkName: "range.lua")
    #expect(floats == [0.5])
    let extremes = try Self.value(state, "math.type(math.random(math.mininteger, math.maxinteger))")
    #expect(extremes == "integer")
  }
}
