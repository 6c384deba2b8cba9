import Foundation
import Testing

/// The real Prometheus the analysis tests query, and the exporter whose error rates they set.
@Suite struct PrometheusHarnessTests {
  /// Prometheus scrapes the exporter and follows the error rate the test sets, both as the
  /// gauge and as the ratio of the request counters' rates.
  @Test func prometheusFollowsTheErrorRateTheTestSets() throws {
    let harness = try PrometheusHarness()
    defer { harness.stop() }
    #expect(harness.address.hasPrefix("http://127.0.0.1:"))
    let ready = try HTTP.request("\(harness.address)/-/ready")
    #expect(ready.status == 200)

    let gauge = #"app_error_rate{version="2"}"#
    try harness.setErrorRate(version: "2", rate: 0.25)
    #expect(try harness.waitFor(gauge) { $0 == 0.25 } == 0.25)
    #expect(try harness.value(#"app_error_rate{version="1"}"#) == 0)
    let raw = try harness.query(gauge)
    #expect(raw.contains(#""status":"success""#), "\(raw)")
    #expect(raw.contains(#""version":"2""#), "\(raw)")

    // Once the 10 s window holds only scrapes at 0.25, the counters say 0.25 too.
    let ratio =
      #"sum(rate(http_requests_total{code="500",version="2"}[10s]))"#
      + #" / sum(rate(http_requests_total{version="2"}[10s]))"#
    let measured = try harness.waitFor(ratio, timeout: 60) { abs($0 - 0.25) < 0.005 }
    #expect(abs(measured - 0.25) < 0.005)

    try harness.setErrorRate(version: "2", rate: 0.01)
    #expect(try harness.waitFor(gauge) { $0 == 0.01 } == 0.01)
    #expect(try harness.value(#"app_error_rate{version="absent"}"#) == nil)
    #expect(throws: RolloutProcessError.self) { try harness.query("sum(") }
  }

  /// Each scrape adds 100 requests per version, the rate's share of them errors, with the
  /// fraction carried to the next scrape: (rate, errors after 3 scrapes).
  static let counted: [(Double, Int)] = [
    (0, 0), (0.25, 75), (0.3, 90), (0.01, 3), (0.005, 1), (0.333, 99), (1, 300),
  ]

  /// The exporter alone: valid exposition format (promtool agrees), counters that count the
  /// rate's share of errors, the gauge, its errors for bad requests.
  @Test func exporterServesItsRatesInTheTextFormat() throws {
    let sandbox = try Sandbox()
    let exporter = try MetricsExporter(directory: sandbox.directory, rates: ["1": 0.5])
    defer { exporter.stop() }
    for (index, (rate, _)) in Self.counted.enumerated() {
      try exporter.setErrorRate(version: "v\(index)", rate: rate)
    }
    try exporter.setErrorRate(version: #"odd "quoted\ one"#, rate: 0.5)
    var metrics = ""
    for _ in 0..<3 {
      let answer = try exporter.get("/metrics")
      #expect(answer.status == 200)
      metrics = answer.body
    }
    try Self.expectValidExposition(metrics)
    let samples = Self.samples(metrics)
    for (index, (rate, errors)) in Self.counted.enumerated() {
      let version = #"version="v\#(index)""#
      #expect(samples[#"http_requests_total{\#(version),code="500"}"#] == Double(errors))
      #expect(samples[#"http_requests_total{\#(version),code="200"}"#] == Double(300 - errors))
      #expect(samples["app_error_rate{\(version)}"] == rate)
    }
    #expect(samples[#"app_error_rate{version="1"}"#] == 0.5)
    #expect(samples[#"app_error_rate{version="2"}"#] == 0)
    #expect(samples[#"app_error_rate{version="odd \"quoted\\ one"}"#] == 0.5, "\(metrics)")

    #expect(try exporter.get("/healthz").status == 200)
    #expect(try exporter.get("/nothing").status == 404)
    for query in ["version=2&error_rate=1.5", "version=2&error_rate=x", "error_rate=0.1"] {
      let answer = try HTTP.request("\(exporter.address)/set?\(query)", method: "PUT")
      #expect(answer.status == 400, "\(query)")
    }
    #expect(try exporter.get("/metrics").body.contains(#"app_error_rate{version="2"} 0"#))
  }

  /// `name{labels}` to value, for each sample line.
  static func samples(_ text: String) -> [String: Double] {
    var samples: [String: Double] = [:]
    for line in text.split(separator: "\n") where !line.hasPrefix("#") {
      guard let space = line.lastIndex(of: " ") else { continue }
      samples[String(line[..<space])] = Double(line[line.index(after: space)...])
    }
    return samples
  }

  /// `promtool check metrics` (from the prometheus package) finds nothing to say.
  static func expectValidExposition(_ text: String) throws {
    let promtool = "/usr/bin/promtool"
    guard FileManager.default.isExecutableFile(atPath: promtool) else {
      throw RolloutProcessError(
        description: "\(promtool) is missing: run scripts/setup (it installs prometheus)")
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: promtool)
    process.arguments = ["check", "metrics"]
    let input = Pipe()
    let output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = output
    try process.run()
    input.fileHandleForWriting.write(Data(text.utf8))
    try input.fileHandleForWriting.close()
    let said = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0 && said.isEmpty, "\(said)\n\(text)")
  }
}
