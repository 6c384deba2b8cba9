import Foundation

/// A `rollout` process the controller suite starts (the server, the controller), its output
/// in a file, stopped with SIGTERM.
final class BenchProcess: @unchecked Sendable {
  let process = Process()
  let output: URL

  init(_ binary: String, _ arguments: [String], directory: URL, name: String) throws {
    output = directory.appendingPathComponent("\(name).log")
    _ = FileManager.default.createFile(atPath: output.path, contents: nil)
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = arguments
    let handle = try FileHandle(forWritingTo: output)
    process.standardOutput = handle
    process.standardError = handle
    try process.run()
  }

  var text: String { (try? String(contentsOf: output, encoding: .utf8)) ?? "" }

  /// Waits for a line starting with `prefix`; returns the rest of it.
  func line(startingWith prefix: String, timeout: Duration = .seconds(30)) throws -> String {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
      if let line = text.split(separator: "\n").first(where: { $0.hasPrefix(prefix) }) {
        return String(line.dropFirst(prefix.count))
      }
      usleep(20_000)
    }
    throw BenchError("no \"\(prefix)\" from \(process.arguments?.first ?? ""): \(text)")
  }

  /// Resident memory (KiB) and CPU seconds used so far, from /proc.
  var usage: (residentKiB: Int, cpuSeconds: Double) {
    let pid = process.processIdentifier
    var resident = 0
    if let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) {
      for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") {
        resident = Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
      }
    }
    var cpu = 0.0
    if let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
      let close = stat.lastIndex(of: ")")
    {
      let fields = stat[stat.index(after: close)...].split(separator: " ")
      // Fields 14 and 15 of stat (utime, stime), counted after the command's closing paren.
      if fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) {
        cpu = (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
      }
    }
    return (resident, cpu)
  }

  func stop() {
    if process.isRunning { kill(process.processIdentifier, SIGTERM) }
    process.waitUntilExit()
  }
}

/// Prometheus text read back: the value of each series, by its full text
/// (`name{labels}`).
struct ScrapedMetrics {
  var values: [String: Double] = [:]

  init(_ text: String) {
    for line in text.split(separator: "\n") where !line.hasPrefix("#") {
      guard let space = line.lastIndex(of: " "),
        let value = Double(line[line.index(after: space)...])
      else { continue }
      values[String(line[..<space])] = value
    }
  }

  /// The sum of the series of `name` whose labels contain every one of `matching`.
  func sum(_ name: String, _ matching: [String] = []) -> Double {
    values.filter { key, _ in
      (key == name || key.hasPrefix(name + "{")) && matching.allSatisfy { key.contains($0) }
    }.values.reduce(0, +)
  }

  /// The bucket bound under which `quantile` of a histogram's observations fall.
  func quantileBound(_ name: String, _ quantile: Double) -> String {
    let buckets = values.compactMap { key, value -> (Double, Double)? in
      guard key.hasPrefix(name + "_bucket{le=\""), let end = key.lastIndex(of: "\"") else {
        return nil
      }
      let bound = key[key.index(key.startIndex, offsetBy: name.count + 12)..<end]
      return (bound == "+Inf" ? .infinity : Double(bound) ?? .infinity, value)
    }.sorted { $0.0 < $1.0 }
    guard let total = buckets.last?.1, total > 0 else { return "no observations" }
    let bound = buckets.first { $0.1 >= quantile * total }?.0 ?? .infinity
    return bound.isInfinite ? "> 5 s" : "≤ \(Bench.format(bound * 1000, digits: 0)) ms"
  }
}
