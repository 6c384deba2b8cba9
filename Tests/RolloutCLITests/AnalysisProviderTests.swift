import Engine
import Foundation
import Testing

/// Analysis against real metric servers, on the wall clock: Debian's Prometheus scraping a test
/// exporter whose error rate per version the test sets, and a web endpoint. A healthy canary
/// completes on its own; one whose new version errors aborts back to stable within its failure
/// limit.
@Suite(.serialized) struct AnalysisProviderTests {
  /// The template's metric asking Prometheus for the exporter's error rate of `{{args.version}}`.
  static func prometheus(_ address: String, failureLimit: Int) -> String {
    AnalysisManifests.errorRate(
      provider:
        "prometheus: {address: \"\(address)\", query: 'app_error_rate{version=\"{{args.version}}\"}', timeout: 5}",
      interval: "1s", count: 3, failureLimit: failureLimit)
  }

  @Test func prometheusPassesAHealthyCanaryAndAbortsAnErroringOne() throws {
    let box = try Sandbox()
    let prometheus = try PrometheusHarness()
    defer { prometheus.stop() }
    try prometheus.setErrorRate(version: "2", rate: 0.01)
    try prometheus.waitFor("app_error_rate{version=\"2\"}", timeout: 60) { $0 == 0.01 }

    let (v1, v2) = try AnalysisManifests.write(
      box, metric: Self.prometheus(prometheus.address, failureLimit: 1))
    #expect(try box.run([v1, "--state", box.state]).status == 0)
    let healthy = try box.run([v2, "--state", box.state, "-o", "jsonl"])
    #expect(healthy.status == 0, "\(healthy)")
    let get = try box.run(["get", "web", "--state", box.state])
    #expect(get.stdout.contains("(step-2) ✔ Successful"), "\(get)")
    #expect(get.stdout.contains("3 measured: [0.01] ✔, [0.01] ✔, [0.01] ✔"), "\(get)")

    // Version 3 errors: two failures are over failureLimit 1, and the rollout goes back.
    try prometheus.setErrorRate(version: "3", rate: 0.3)
    try prometheus.waitFor("app_error_rate{version=\"3\"}", timeout: 60) { $0 == 0.3 }
    let v3 = try box.write(
      "v3.yaml",
      AnalysisManifests.app(
        image: "example/web:3.0", metric: Self.prometheus(prometheus.address, failureLimit: 1)
      ).replacingOccurrences(of: "value: \"2\"", with: "value: \"3\""))
    let failing = try box.run([v3, "--state", box.state])
    #expect(failing.status == 1, "\(failing)")
    #expect(
      failing.stdout.contains(
        "metric \"error-rate\" assessed Failed due to failed (2) > failureLimit (1); last value [0.3]"
      ), "\(failing)")
    let after = try box.run(["get", "web", "--state", box.state])
    #expect(after.stdout.contains("example/web:2.0 (stable)"), "\(after)")

    // A query that returns nothing is an Error measurement, until consecutiveErrorLimit.
    let empty = try box.write(
      "v4.yaml",
      AnalysisManifests.app(
        image: "example/web:4.0", metric: Self.prometheus(prometheus.address, failureLimit: 1)
      )
      .replacingOccurrences(of: "value: \"2\"", with: "value: \"404\"")
      .replacingOccurrences(of: "consecutiveErrorLimit: 4", with: "consecutiveErrorLimit: 1"))
    let nothing = try box.run([empty, "--state", box.state])
    #expect(nothing.status == 1, "\(nothing)")
    #expect(
      nothing.stdout.contains(
        "assessed Error due to consecutiveErrors (2) > consecutiveErrorLimit (1)"),
      "\(nothing)")
    #expect(nothing.stdout.contains("no series"), "\(nothing)")
  }

  @Test func aWebProviderReadsAJSONPathFromALocalEndpoint() throws {
    let box = try Sandbox()
    let exporter = try MetricsExporter(directory: box.directory, rates: ["2": 0.02])
    defer { exporter.stop() }
    let metric = AnalysisManifests.errorRate(
      provider:
        "web: {url: \"\(exporter.address)/status\", jsonPath: \"{$.versions['{{args.version}}'].errorRate}\", timeoutSeconds: 5}",
      interval: "1s", count: 2
    ).replacingOccurrences(of: "result[0]", with: "result")
    let (v1, v2) = try AnalysisManifests.write(box, metric: metric)
    #expect(try box.run([v1, "--state", box.state]).status == 0)
    let result = try box.run([v2, "--state", box.state, "--speed", "4"])
    #expect(result.status == 0, "\(result)")
    let get = try box.run(["get", "web", "--state", box.state])
    #expect(get.stdout.contains("2 measured: 0.02 ✔, 0.02 ✔"), "\(get)")

    // A malformed answer (no such version) is an Error measurement, never a success.
    try exporter.setErrorRate(version: "3", rate: 0.0)
    let broken = try box.write(
      "v3.yaml",
      AnalysisManifests.app(image: "example/web:3.0", metric: metric)
        .replacingOccurrences(of: "value: \"2\"", with: "value: \"9\"")
        .replacingOccurrences(of: "consecutiveErrorLimit: 4", with: "consecutiveErrorLimit: 0"))
    let failed = try box.run([broken, "--state", box.state, "--speed", "4"])
    #expect(failed.status == 1, "\(failed)")
    #expect(failed.stdout.contains("assessed Error due to consecutiveErrors (1)"), "\(failed)")
  }
}
