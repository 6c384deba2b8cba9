import Engine
import Foundation
import Manifests
import Simulator
import Yams

extension StrategyTestFile {
  /// Reads a test file. The format:
  ///
  /// ```yaml
  /// strategy: canary        # optional: a stock name or a .lua path; default the .lua beside
  /// cases:
  ///   - name: setWeight 20 from a full stable          # a decision case
  ///     snapshot: testdata/full_stable.yaml            # as `rollout eval --snapshot` takes, or inline:
  ///     # snapshot: {deployment: {name: web, replicas: 10, maxSurge: 1, maxUnavailable: 0},
  ///     #            replicaSets: [{name: web-1, revision: 1, replicas: 10, available: 10}, ...],
  ///     #            services: [{name: web-active, replicaSet: web-1}]}
  ///     stable: web-1        # optional: the stable ReplicaSet
  ///     params: {steps: [{setWeight: 20}]}
  ///     state: {}            # optional: the strategy's persisted state
  ///     now: 0               # optional: the clock
  ///     operator: {promoted: false, promoteFull: false, aborted: false}
  ///     expect: {scale: {web-2: 3, web-1: 9}, pause: null, complete: false,
  ///              message: "substring", state: {subset: 1}, weight: 20}   # or {error: "substring"}
  ///   - name: pauses, is promoted, completes           # a scenario case
  ///     scenario:
  ///       manifest: testdata/web.yaml                  # v1: rolled out first, not recorded
  ///       update: {image: {web: example/web:2.0}}      # or {manifest: testdata/web-v2.yaml}
  ///       params: {steps: [{setWeight: 20}, {pause: {}}]}
  ///       simulation: {readyAfter: 2s, terminateAfter: 0s, readyJitter: 1s, seed: 7,
  ///                    faults: ["example/web:bad=never-ready"]}
  ///       actions:              # at: virtual time since the update
  ///         - {at: 5m, promote: {}}          # also {full: true}; abort, retry, pause, resume: {}
  ///         - {at: 10m, scale: 20}           # undo: {} or {toRevision: 1}; setImage: {web: img}
  ///       promise: {maxPods: 13, minAvailable: 8}   # optional: override the stock promise
  ///       horizon: 24h                              # optional: stop a run that never settles
  ///       expect: {phase: Healthy, reason: null, result: complete, revision: 2,
  ///                images: [example/web:2.0], pauses: [CanaryPauseStep], completeWithin: 30m,
  ///                peakPodsAtMost: 13, availableNeverBelow: 8, message: "substring"}
  /// ```
  public static func parse(path: String) throws(TestFileError) -> StrategyTestFile {
    let value = try TestFileYAML.load(path: path)
    let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
    let root = TestFileReader(value: value, file: path, path: "", directory: directory)
    _ = try root.only(["strategy", "cases"])
    let strategy = try root.optional("strategy")?.string()
    let cases = try root.required("cases").list()
    guard !cases.isEmpty else { throw root.child("cases", .null).error("no cases") }
    var parsed: [StrategyTestCase] = []
    for item in cases {
      parsed.append(try parseCase(item))
    }
    return StrategyTestFile(path: path, strategy: strategy, cases: parsed)
  }

  private static func parseCase(_ item: TestFileReader) throws(TestFileError)
    -> StrategyTestCase
  {
    let members = try item.only([
      "name", "snapshot", "stable", "params", "state", "now", "operator", "analysis", "expect",
      "scenario",
    ])
    let name = try item.required("name").string()
    if let scenario = item.optional("scenario") {
      if let extra = members.keys.first(where: { !["name", "scenario"].contains($0) }) {
        throw item.child(extra, .null).error("belongs to a decision case, not beside scenario:")
      }
      return StrategyTestCase(name: name, kind: .scenario(try ScenarioParser.parse(scenario)))
    }
    guard item.optional("snapshot") != nil else {
      throw item.error("a case needs either snapshot: (a decision case) or scenario:")
    }
    return StrategyTestCase(name: name, kind: .decision(try DecisionCaseParser.parse(item)))
  }
}
