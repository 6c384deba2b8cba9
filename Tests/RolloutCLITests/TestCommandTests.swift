import Foundation
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// `rollout test` through the binary.
struct TestCommandTests {
  private static let strategies = RolloutProcess.packageRoot.appendingPathComponent("strategies")
    .path

  @Test func theStockStrategiesPassTheirOwnTests() throws {
    let sandbox = try Sandbox()
    let result = try sandbox.run(["test", Self.strategies])
    #expect(result.status == 0, "\(result)")
    let last = result.stdout.split(separator: "\n").last.map(String.init) ?? ""
    #expect(
      last.range(of: #"^\d+ passed, 0 failed$"#, options: .regularExpression) != nil, "\(result)")
    for name in ["rolling", "recreate", "canary", "blue-green", "pause-at-percentage"] {
      #expect(result.stdout.contains("\(name)_test.yaml (\(name).lua)"), "\(result)")
    }
  }

  /// A rolling test whose scenario expects fewer pods than the rollout uses.
  private func failingFile(_ sandbox: Sandbox) throws -> String {
    _ = try sandbox.copy(example: "web-v1.yaml", to: "web.yaml")
    return try sandbox.write(
      "rolling_test.yaml",
      """
      cases:
        - name: surges by at most one pod
          scenario:
            manifest: web.yaml
            update: {image: {web: example/web:2.0}}
            expect: {phase: Healthy, peakPodsAtMost: 11}
        - name: first step
          snapshot:
            deployment: {replicas: 10, maxSurge: 3, maxUnavailable: 2}
            replicaSets:
              - {name: web-1, revision: 1, replicas: 10, available: 10}
              - {name: web-2, revision: 2, replicas: 0}
          expect: {scale: {web-2: 3}}
      """)
  }

  @Test func aFailingCaseShowsItsExpectationAndTrace() throws {
    let sandbox = try Sandbox()
    let file = try failingFile(sandbox)
    let result = try sandbox.run(["test", file])
    #expect(result.status == 1, "\(result)")
    #expect(result.stdout.contains("FAIL  surges by at most one pod (scenario)"), "\(result)")
    #expect(result.stdout.contains("expected  peakPodsAtMost: 11"), "\(result)")
    #expect(result.stdout.contains("got       13 pods at t="), "\(result)")
    #expect(result.stdout.contains("trace (t=0 is the update):"), "\(result)")
    #expect(result.stdout.contains("web: scaled web-"), "\(result)")
    #expect(!result.stdout.contains("FAIL  first step"), "\(result)")
    #expect(result.stdout.hasSuffix("1 passed, 1 failed\n"), "\(result)")
    #expect(result.stdout.contains("(stock rolling)"), "no rolling.lua beside: the stock one")
  }

  @Test func junitReportParsesWithTheCounts() throws {
    let sandbox = try Sandbox()
    let file = try failingFile(sandbox)
    let report = sandbox.path("report.xml")
    let result = try sandbox.run(["test", file, "--junit", report])
    #expect(result.status == 1, "\(result)")
    let document = try XMLDocument(contentsOf: URL(fileURLWithPath: report))
    let root = try #require(document.rootElement())
    #expect(root.name == "testsuites")
    #expect(root.attribute(forName: "tests")?.stringValue == "2")
    #expect(root.attribute(forName: "failures")?.stringValue == "1")
    let cases = try root.nodes(forXPath: "//testcase")
    #expect(cases.count == 2)
    let failures = try root.nodes(forXPath: "//testcase/failure")
    #expect(failures.count == 1)
    let message = (failures.first as? XMLElement)?.attribute(forName: "message")?.stringValue
    #expect(message?.contains("peakPodsAtMost: 11") == true)
  }

  @Test func anInvalidTestFileExits2NamingFileAndField() throws {
    let sandbox = try Sandbox()
    let file = try sandbox.write(
      "rolling_test.yaml",
      """
      cases:
        - name: typo
          snapshot: {deployment: {replicas: 2}, replicaSets: [{name: a, revision: 1, replicas: 2}]}
          expect: {scael: {a: 2}}
      """)
    let result = try sandbox.run(["test", file])
    #expect(result.status == 2, "\(result)")
    #expect(
      result.stderr.contains("rolling_test.yaml: cases[0].expect.scael: unknown field"), "\(result)"
    )
  }

  @Test func aTestFileWithoutAStrategyExits2() throws {
    let sandbox = try Sandbox()
    let file = try sandbox.write(
      "mystery_test.yaml",
      "cases: [{name: a, snapshot: {deployment: {replicas: 1}, replicaSets: [{name: a, revision: 1, replicas: 1}]}, expect: {}}]\n"
    )
    let result = try sandbox.run(["test", file])
    #expect(result.status == 2, "\(result)")
    #expect(result.stderr.contains("mystery_test.yaml: strategy: no mystery.lua"), "\(result)")
  }

  /// A strategy whose message follows `pairs` order over string keys: Lua seeds string hashing
  /// per state, so two instances list the keys in different orders, and `rollout test` (which
  /// runs every case on two) fails the case, naming the step and the field.
  @Test func aStrategyThatDecidesDifferentlyOnTheSameInputsFails() throws {
    let sandbox = try Sandbox()
    _ = try sandbox.copy(example: "web-v1.yaml", to: "web.yaml")
    try sandbox.write(
      "order.lua",
      """
      local rolling = require "rollout.rolling"
      function step(ctx)
        local seen = {}
        for i = 1, 32 do seen["key" .. i] = i end
        local order = {}
        for key in pairs(seen) do order[#order + 1] = key end
        rolling.step(ctx)
        ctx:message(table.concat(order, ","))
      end
      """)
    let file = try sandbox.write(
      "order_test.yaml",
      """
      cases:
        - name: first step
          snapshot:
            deployment: {replicas: 10, maxSurge: 3, maxUnavailable: 2}
            replicaSets:
              - {name: web-1, revision: 1, replicas: 10, available: 10}
              - {name: web-2, revision: 2, replicas: 0}
          expect: {scale: {web-2: 3}}
        - name: a rollout
          scenario:
            manifest: web.yaml
            update: {image: {web: example/web:2.0}}
            expect: {phase: Healthy}
      """)
    let result = try sandbox.run(["test", file])
    #expect(result.status == 1, "\(result)")
    #expect(result.stdout.contains("FAIL  first step (decision)"), "\(result)")
    #expect(result.stdout.contains("FAIL  a rollout (scenario)"), "\(result)")
    #expect(
      result.stdout.contains("expected  invariant: the same inputs give the same decision"),
      "\(result)")
    #expect(
      result.stdout.contains("got       step 1 decided differently in a second run: message: \""),
      "\(result)")
    #expect(result.stdout.hasSuffix("0 passed, 2 failed\n"), "\(result)")
  }
}
