import Foundation
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// `rollout simulate --compare`: both strategies in the summary table, aligned, and in the chart.
struct SimulateCompareTests {
  private func compare(_ sandbox: Sandbox, chart: String? = nil) throws -> RolloutResult {
    let manifest = try sandbox.copy(example: "web-v1.yaml", to: "web.yaml")
    let result = try sandbox.run(
      [
        "simulate", manifest, "--strategy", "canary", "--image", "web=example/web:2.0",
        "--param", "steps=[{setWeight: 50}, {pause: {duration: 1m}}]", "--compare", "rolling",
      ] + (chart.map { ["--chart", $0] } ?? []))
    #expect(result.status == 0, "\(result)")
    return result
  }

  /// Every row of the summary has its second column where the header's second column starts,
  /// with at least two spaces before it, however long the first column's values are.
  @Test func summaryColumnsAreAligned() throws {
    let result = try compare(try Sandbox())
    let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
    guard let header = lines.firstIndex(where: { $0.hasPrefix("summary ") }) else {
      Issue.record("no summary:\n\(result)")
      return
    }
    let rows = lines[header...].prefix { !$0.isEmpty && !$0.hasPrefix("chart") }
    #expect(rows.count == 7, "\(rows)")
    guard let second = lines[header].range(of: "stock rolling") else {
      Issue.record("no second column:\n\(lines[header])")
      return
    }
    let column = lines[header].distance(from: lines[header].startIndex, to: second.lowerBound)
    for row in rows {
      let characters = Array(row)
      #expect(characters.count > column, "row too short: \(row)")
      guard characters.count > column else { continue }
      #expect(characters[column] != " ", "second column not at \(column): \(row)")
      #expect(characters[column - 2..<column] == [" ", " "], "columns run together: \(row)")
    }
    #expect(lines[header + 1].contains("complete (Healthy)  complete (Healthy)"), "\(result)")
  }

  @Test func theChartDrawsBothStrategies() throws {
    let sandbox = try Sandbox()
    let chart = sandbox.path("compare.svg")
    _ = try compare(sandbox, chart: chart)
    let document = try XMLDocument(contentsOf: URL(fileURLWithPath: chart))
    let panels = try document.nodes(forXPath: "//*[@class='panel']")
    let strategies = try panels.map { try $0.nodes(forXPath: "@data-strategy").first?.stringValue }
    #expect(strategies == ["stock canary", "stock rolling"])
    for panel in panels {
      #expect(try panel.nodes(forXPath: ".//*[@class='series']").count == 2, "old and new")
      #expect(try panel.nodes(forXPath: ".//*[@class='available']").count == 1)
    }
    // The canary's timed pause is shaded in its own panel only.
    #expect(try panels[0].nodes(forXPath: ".//*[@class='pause']").count == 1)
    #expect(try panels[1].nodes(forXPath: ".//*[@class='pause']").count == 0)
  }
}
