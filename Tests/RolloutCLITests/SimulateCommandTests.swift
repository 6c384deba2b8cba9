import Foundation
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// `rollout simulate` through the binary.
struct SimulateCommandTests {
  private let canary = "steps=[{setWeight: 20}, {pause: {}}, {setWeight: 60}]"

  @Test func aManifestPrintsTimelineAndSummaryAndLeavesNoStore() throws {
    let sandbox = try Sandbox()
    let manifest = try sandbox.copy(example: "web-v1.yaml", to: "web.yaml")
    let result = try sandbox.run([
      "simulate", manifest, "--strategy", "canary", "--image", "web=example/web:2.0",
      "--param", canary, "--action", "3m:promote",
    ])
    #expect(result.status == 0, "\(result)")
    #expect(
      result.stdout.contains(
        "simulating stock canary: web, 10 replicas: example/web:1.0 -> example/web:2.0"))
    #expect(result.stdout.contains("des/rdy/av"), "\(result)")
    #expect(result.stdout.contains("Paused (CanaryPauseStep)"), "\(result)")
    #expect(result.stdout.contains("t=3m0s     operator: promote"), "\(result)")
    for row in ["duration", "peak pods", "minimum available", "surge pod-seconds", "waves"] {
      #expect(result.stdout.contains("  \(row)"), "\(result)")
    }
    #expect(!FileManager.default.fileExists(atPath: sandbox.path(".rollout")))
    #expect(!FileManager.default.fileExists(atPath: sandbox.state))
  }

  @Test func theChartIsAnSVGWithOneSeriesPerReplicaSet() throws {
    let sandbox = try Sandbox()
    let manifest = try sandbox.copy(example: "web-v1.yaml", to: "web.yaml")
    let chart = sandbox.path("rollout.svg")
    let result = try sandbox.run([
      "simulate", manifest, "--strategy", "canary", "--image", "web=example/web:2.0",
      "--param", canary, "--action", "3m:promote", "--chart", chart,
    ])
    #expect(result.status == 0, "\(result)")
    let document = try XMLDocument(contentsOf: URL(fileURLWithPath: chart))
    #expect(document.rootElement()?.name == "svg")
    let series = try document.nodes(forXPath: "//*[@class='series']")
    #expect(series.count == 2, "one per ReplicaSet: old and new")
    #expect(try document.nodes(forXPath: "//*[@class='available']").count == 1)
    #expect(try document.nodes(forXPath: "//*[@class='pause']").count == 1)
    #expect(try document.nodes(forXPath: "//*[@class='action']").count == 1)
  }

  @Test func compareRunsBothStrategiesSideBySide() throws {
    let sandbox = try Sandbox()
    let v1 = try sandbox.copy(example: "web-v1.yaml", to: "v1.yaml")
    let v2 = try sandbox.copy(example: "web-v2.yaml", to: "v2.yaml")
    let result = try sandbox.run([
      "simulate", v2, "--from", v1, "--strategy", "rolling", "--compare", "recreate",
    ])
    #expect(result.status == 0, "\(result)")
    #expect(result.stdout.contains("simulating stock rolling"), "\(result)")
    #expect(result.stdout.contains("simulating stock recreate"), "\(result)")
    let header = result.stdout.split(separator: "\n").first { $0.hasPrefix("summary") }
    #expect(header?.contains("stock rolling") == true && header?.contains("stock recreate") == true)
    let minimum = result.stdout.split(separator: "\n").first { $0.contains("minimum available") }
    #expect(minimum?.split(separator: " ").suffix(2) == ["8", "0"], "\(result)")
  }

  @Test func aScenarioFileIsCheckedAndExits1WhenAnExpectationFails() throws {
    let sandbox = try Sandbox()
    _ = try sandbox.copy(example: "web-v1.yaml", to: "web.yaml")
    let file = try sandbox.write(
      "scenario.yaml",
      """
      strategy: rolling
      manifest: web.yaml
      update: {image: {web: example/web:2.0}}
      expect: {peakPodsAtMost: 12}
      """)
    let result = try sandbox.run(["simulate", file])
    #expect(result.status == 1, "\(result)")
    #expect(result.stdout.contains("expected  peakPodsAtMost: 12"), "\(result)")
  }
}
