import Foundation
import LuaBridge
import Testing

/// The sandbox's pattern functions and table edits against the stock `lua5.4` interpreter:
/// the same grid script runs in both, and every case whose line differs is reported with its
/// description (function, subject, pattern, arguments) and both results.
@Suite struct PatternDifferentialTests {
  /// The grid running in a `lua5.4` process, its output going to a file, while the sandbox
  /// runs the same grid.
  struct StockRun {
    let process = Process()
    let directory: URL

    /// Starts the interpreter, or returns nil after recording why it cannot.
    static func start() throws -> StockRun? {
      guard let interpreter = findExecutable("lua5.4") else {
        Issue.record("lua5.4 is not installed: run scripts/setup (the differential tests need it)")
        return nil
      }
      let run = StockRun(
        directory: FileManager.default.temporaryDirectory
          .appendingPathComponent("pattern-grid-\(UUID().uuidString)"))
      try FileManager.default.createDirectory(at: run.directory, withIntermediateDirectories: true)
      let script = run.directory.appendingPathComponent("grid.lua")
      let output = run.directory.appendingPathComponent("output")
      try patternGridSource.write(to: script, atomically: true, encoding: .utf8)
      try Data().write(to: output)
      run.process.executableURL = interpreter
      run.process.arguments = [
        "-e",
        "local f = assert(io.open('\(script.path)')) "
          + "io.write(assert(load(f:read('a'), '@grid.lua'))())",
      ]
      run.process.standardOutput = try FileHandle(forWritingTo: output)
      try run.process.run()
      return run
    }

    /// Waits for the interpreter and returns the grid's lines.
    func lines() throws -> [Substring] {
      process.waitUntilExit()
      defer { try? FileManager.default.removeItem(at: directory) }
      #expect(process.terminationStatus == 0, "lua5.4 failed on the grid script")
      let data = try Data(contentsOf: directory.appendingPathComponent("output"))
      return String(decoding: data, as: UTF8.self).split(
        separator: "\n", omittingEmptySubsequences: false)
    }
  }

  static func findExecutable(_ name: String) -> URL? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for directory in path.split(separator: ":") {
      let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent(name)
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
    }
    return nil
  }

  @Test func gridAgreesWithStockLua() throws {
    guard let stockRun = try StockRun.start() else { return }
    let state = try makeState(budget: 2_000_000_000, memory: 512 << 20, time: .seconds(120))
    let result = try state.run(patternGridSource, chunkName: "grid.lua")
    let stock = try stockRun.lines()
    guard case .string(let text)? = result.first else {
      Issue.record("the grid returned \(result)")
      return
    }
    let ours = text.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(ours.count == stock.count, "the sandbox ran \(ours.count) cases, lua5.4 \(stock.count)")
    #expect(stock.count > 60_000, "the grid is smaller than expected: \(stock.count) cases")
    var differences: [String] = []
    for (mine, theirs) in zip(ours, stock) where mine != theirs {
      differences.append("sandbox: \(mine)\nlua5.4:  \(theirs)")
    }
    let report =
      "\(differences.count) of \(stock.count) cases differ; the first ones:\n"
      + differences.prefix(25).joined(separator: "\n")
    #expect(differences.count == 0, Comment(rawValue: report))
  }
}
