import Engine
import Foundation
import Scenarios
import Testing

/// Test files: parsing, errors that name the file and the field, decision cases.
struct ScenarioFileTests {
  private func write(_ text: String, name: String = "x_test.yaml") throws -> String {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("scenario-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let url = directory.appendingPathComponent(name)
    try Data(text.utf8).write(to: url)
    return url.path
  }

  private let inline = """
    cases:
      - name: surge
        snapshot:
          deployment: {replicas: 10, maxSurge: 3, maxUnavailable: 2}
          replicaSets:
            - {name: web-1, revision: 1, replicas: 10, available: 10}
            - {name: web-2, revision: 2, replicas: 0}
        expect: {scale: {web-2: 3}, pause: null, complete: false}
    """

  @Test func aDecisionCaseRunsOnItsSnapshot() throws {
    let file = try StrategyTestFile.parse(path: try write(inline))
    guard case .decision(let check) = file.cases[0].kind else {
      Issue.record("expected a decision case")
      return
    }
    #expect(check.snapshot.fenceposts == Fenceposts(maxSurge: 3, maxUnavailable: 2))
    let result = DecisionCheck.run(check, strategy: NativeRollingStrategy())
    #expect(result.failures.isEmpty, "\(result.failures)")
  }

  @Test func aWrongDecisionNamesTheExpectation() throws {
    let text = inline.replacingOccurrences(of: "web-2: 3", with: "web-2: 5")
    let file = try StrategyTestFile.parse(path: try write(text))
    guard case .decision(let check) = file.cases[0].kind else { return }
    let result = DecisionCheck.run(check, strategy: NativeRollingStrategy())
    #expect(
      result.failures.map(\.description) == ["scale: {web-2: 5}: the decision scales {web-2: 3}"])
  }

  @Test func anUnknownFieldNamesTheFileAndTheField() throws {
    let path = try write(
      inline.replacingOccurrences(of: "complete: false", with: "compelte: false"))
    let error = #expect(throws: TestFileError.self) { try StrategyTestFile.parse(path: path) }
    #expect(error?.file == path)
    #expect(error?.field == "cases[0].expect.compelte")
    #expect(error?.description.contains("unknown field") == true)
  }

  @Test func aBadActionTimeNamesTheField() throws {
    let manifest = try write(
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web}
      spec:
        replicas: 2
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web}}
          spec: {containers: [{name: web, image: web:v1}]}
      """, name: "web.yaml")
    let path = try write(
      """
      cases:
        - name: s
          scenario:
            manifest: \(manifest)
            actions: [{at: soon, promote: {}}]
      """)
    let error = #expect(throws: TestFileError.self) { try StrategyTestFile.parse(path: path) }
    #expect(error?.field == "cases[0].scenario.actions[0].at")
  }
}
