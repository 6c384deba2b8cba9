import Foundation
import LuaBridge
import Testing

/// Pattern bombs: a pattern without back-references is bounded by construction (a few steps
/// per instruction and subject position, every step charged to the budget), and what remains
/// (back-references, `%b` scans, replacement output, a memo too large for the memory cap) is
/// stopped by the budget with the script's line.
@Suite struct PatternBoundTests {
  /// The documented bound for one call: 2 steps per (instruction, position) pair, one per
  /// start position, the linear allowance before the memo is made (2 per position + 16), and
  /// one charge batch (4096) of slack. `instructions` counts the compiled items plus the end.
  static func bound(instructions: Int, subject: Int) -> Int {
    (2 * instructions + 1 + 2) * (subject + 1) + 16 + 4096
  }

  /// CPU time of the calling thread (a synchronous test runs on one thread).
  static func threadCPUSeconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
  }

  static let boundedBombs: [(source: String, instructions: Int, subject: Int)] = [
    ("return string.rep('a', 5000):find('.-.-.-.-b')", 6, 5000),
    ("return string.rep('a', 5000):match('(.-)(.-)(.-)(.-)b')", 14, 5000),
    ("return string.rep('a', 5000):find('((.-)(.-))((.-)(.-))b')", 18, 5000),
    ("return string.rep('a', 5000):find('a*a*a*a*a*b')", 7, 5000),
    ("return string.rep('a', 5000):find('[ab]-a?[^b]-.-%f[b]b')", 7, 5000),
    ("return (' '):rep(5000) .. 'x' .. (' '):rep(5000):match('^%s*(.-)%s*$') and nil", 6, 10001),
    ("for w in string.rep('a', 5000):gmatch('.-.-.-.-b') do return w end", 6, 5000),
    ("return (string.rep('a', 5000):gsub('.-.-.-.-b', ''))  and nil", 6, 5000),
  ]

  @Test(arguments: boundedBombs)
  func boundedBombFinishesWithinTheBound(source: String, instructions: Int, subject: Int) throws {
    let budget = Self.bound(instructions: instructions, subject: subject)
    let state = try makeState(budget: budget, memory: 64 << 20)
    let start = Self.threadCPUSeconds()
    let result = try state.run(source, chunkName: "bomb.lua")
    #expect(result.allSatisfy { $0 == .nil }, "\(result)")
    #expect(Self.threadCPUSeconds() - start < 1.0, "the bomb took more than a second of CPU")
  }

  @Test func theBoundScalesWithTheSubject() throws {
    // Stock backtracking takes about n^4/24 steps here; the bound is linear in n for a fixed
    // pattern, so doubling the subject at most doubles the budget the call needs.
    for n in [2_500, 5_000, 10_000, 20_000] {
      let state = try makeState(budget: Self.bound(instructions: 6, subject: n), memory: 64 << 20)
      #expect(
        try state.run("return string.rep('a', \(n)):find('.-.-.-.-b')", chunkName: "n.lua") == [
          .nil
        ])
    }
  }

  @Test func theBoundIsTight() throws {
    // A tenth of the bound is too little: the matcher really does charge its steps.
    let state = try makeState(budget: Self.bound(instructions: 6, subject: 20_000) / 10)
    let error = failure(state, "local s = string.rep('a', 20000)\nreturn s:find('.-.-.-.-b')")
    #expect(error?.kind == .instructionBudget, "\(String(describing: error))")
    #expect(error?.chunkName == "canary.lua")
    #expect(error?.line == 2)
  }

  static let chargedBombs: [(source: String, line: Int)] = [
    // Back-references: states before the last one are not memoised, the budget stops them.
    ("local s = string.rep('a', 5000)\nreturn s:find('(.-).-.-.-%1b')", 2),
    ("local s = string.rep('a', 5000)\nfor w in s:gmatch('(.-).-.-.-%1b') do end", 2),
    ("local s = string.rep('a', 5000)\n\nreturn s:gsub('(.-).-.-.-%1b', '')", 3),
    // %b scans the subject from every start position.
    ("local s = ('('):rep(200000)\nreturn s:find('%b()')", 2),
    // Replacement output: a huge subject, every position replaced.
    ("local s = ('a'):rep(1 << 21)\nreturn #s:gsub('', 'xyz')", 2),
    ("local s = ('a'):rep(1 << 18)\nreturn #s:gsub('a', ('b'):rep(512))", 2),
    // Plain search compares bytes.
    ("local s = ('a'):rep(1 << 20)\nreturn s:find(('a'):rep(1 << 19) .. 'b', 1, true)", 2),
  ]

  @Test(arguments: chargedBombs)
  func chargedBombIsStoppedByTheBudget(source: String, line: Int) throws {
    let state = try makeState(budget: 5_000_000, memory: 256 << 20, time: .seconds(20))
    let start = Self.threadCPUSeconds()
    let error = failure(state, source)
    #expect(error?.kind == .instructionBudget, "\(String(describing: error))")
    #expect(error?.chunkName == "canary.lua")
    #expect(error?.line == line, "\(String(describing: error))")
    #expect(Self.threadCPUSeconds() - start < 5.0)
    #expect(stillWorks(state))
  }

  @Test func memoTooLargeForTheMemoryCapFallsBackToTheBudget() throws {
    // 3 MiB of subject under an 8 MiB cap: the memo (6 bits per position, 2.25 MiB) would
    // take more than a quarter of what is left, so only the budget bounds the search.
    let state = try makeState(budget: 5_000_000, memory: 8 << 20)
    let error = failure(state, "local s = ('a'):rep(3 << 20)\nreturn s:find('.-.-.-.-b')")
    #expect(error?.kind == .instructionBudget, "\(String(describing: error))")
    #expect(error?.line == 2)
    let roomy = try makeState(budget: 200_000_000, memory: 64 << 20)
    #expect(
      try roomy.run("return (('a'):rep(3 << 20)):find('.-.-.-.-b')", chunkName: "roomy.lua") == [
        .nil
      ])
  }

  @Test func backReferenceBombIsStoppedByTheClock() throws {
    let state = try makeState(budget: Int.max, time: .milliseconds(300))
    let clock = ContinuousClock()
    let start = clock.now
    let error = failure(state, "return pcall(string.find, string.rep('a', 5000), '(.-).-.-.-%1b')")
    #expect(error?.kind == .timeLimit, "\(String(describing: error))")
    #expect(clock.now - start < .seconds(10))
    #expect(stillWorks(state))
  }

  @Test func gmatchOverALongSubjectStaysWithinTheBound() throws {
    // The iterator's calls share one memo (kept in the iterator), so a loop over a long
    // subject is bounded like one call; a fresh iterator starts with none.
    let n = 20_000
    let state = try makeState(budget: Self.bound(instructions: 7, subject: n) + 100_000)
    let result = try state.run(
      """
      local s = ('a'):rep(\(n)) .. 'b'
      local count = 0
      for a in s:gmatch('a-a-a-b') do count = count + 1 end
      local again = 0
      for a, b in ('xaxbxab'):gmatch('()(a-b)') do again = again + 1 end
      return count, again
      """, chunkName: "gmatch.lua")
    #expect(result == [.integer(1), .integer(2)])
  }
}
