import Engine
import Foundation
import Testing

/// `rollout eval --strategy S --state snapshot.yaml`: one step on a snapshot, the decision as
/// JSON.
@Suite struct EvalTests {
  /// A ReplicaSet of the snapshot: revision, spec.replicas, status.availableReplicas.
  struct RS: Sendable {
    var revision: Int
    var replicas: Int
    var available: Int
    var name: String { "web-rev\(revision)" }

    var object: JSONValue {
      let labels: JSONValue = .object([
        "app": "web", "pod-template-hash": .string("rev\(revision)"),
      ])
      return .object([
        "apiVersion": "apps/v1", "kind": "ReplicaSet",
        "metadata": .object([
          "name": .string(name),
          "annotations": .object(["deployment.kubernetes.io/revision": .string("\(revision)")]),
        ]),
        "spec": .object([
          "replicas": .int(replicas), "selector": .object(["matchLabels": labels]),
          "template": .object([
            "metadata": .object(["labels": labels]),
            "spec": .object([
              "containers": .array([
                .object(["name": "web", "image": .string("example/web:\(revision).0")])
              ])
            ]),
          ]),
        ]),
        "status": .object([
          "replicas": .int(replicas), "readyReplicas": .int(available),
          "availableReplicas": .int(available),
        ]),
      ])
    }
  }

  static func deployment(type: String = "RollingUpdate") -> JSONValue {
    .object([
      "apiVersion": "apps/v1", "kind": "Deployment",
      "metadata": .object(["name": "web"]),
      "spec": .object([
        "replicas": 10, "selector": .object(["matchLabels": .object(["app": "web"])]),
        "strategy": .object(["type": .string(type)]),
        "template": .object([
          "metadata": .object(["labels": .object(["app": "web"])]),
          "spec": .object([
            "containers": .array([.object(["name": "web", "image": "example/web:2.0"])])
          ]),
        ]),
      ]),
    ])
  }

  /// Encodes `value` as JSON (which is YAML too).
  static func json(_ value: JSONValue) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return String(decoding: try encoder.encode(value), as: UTF8.self)
  }

  /// Separate YAML documents, the ReplicaSets listed newest first (eval must not care).
  static func documents(_ replicaSets: [RS], type: String = "RollingUpdate") throws -> String {
    try ([deployment(type: type)] + replicaSets.reversed().map(\.object)).map(json)
      .joined(separator: "\n---\n")
  }

  /// Runs eval and decodes the decision.
  func eval(_ snapshot: String, file: String = "snapshot.yaml", strategy: String = "rolling")
    throws -> (RolloutResult, JSONValue?)
  {
    let box = try Sandbox()
    let path = try box.write(file, snapshot)
    let result = try box.run(["eval", "--strategy", strategy, "--snapshot", path])
    let decision = try? JSONDecoder().decode(JSONValue.self, from: Data(result.stdout.utf8))
    return (result, decision)
  }

  /// The scale map of a decision as [name: replicas].
  func scale(_ decision: JSONValue?) -> [String: Int] {
    (decision?["scale"]?.objectValue ?? [:]).compactMapValues(\.intValue)
  }

  struct Case: Sendable, CustomTestStringConvertible {
    var old: RS
    var new: RS
    var expected: [String: Int]
    var complete = false
    var testDescription: String {
      "old \(old.replicas)/\(old.available) new \(new.replicas)/\(new.available)"
    }
  }

  /// replicas 10, maxSurge 3, maxUnavailable 2: the steps of a rollout, one at a time.
  static let rollingCases: [Case] = [
    // 10 pods, room for 3 more: new 0 -> 3.
    Case(
      old: RS(revision: 1, replicas: 10, available: 10),
      new: RS(revision: 2, replicas: 0, available: 0), expected: ["web-rev2": 3]),
    // 13 pods (no room); 10 available, min 8, 3 new unavailable: old down by 13 - 8 - 3 = 2.
    Case(
      old: RS(revision: 1, replicas: 10, available: 10),
      new: RS(revision: 2, replicas: 3, available: 0), expected: ["web-rev1": 8]),
    // 11 pods: room for 2: new 3 -> 5.
    Case(
      old: RS(revision: 1, replicas: 8, available: 8),
      new: RS(revision: 2, replicas: 3, available: 0), expected: ["web-rev2": 5]),
    // 13 pods, all available: old down by 13 - 8 = 5.
    Case(
      old: RS(revision: 1, replicas: 8, available: 8),
      new: RS(revision: 2, replicas: 5, available: 5), expected: ["web-rev1": 3]),
    // 8 pods: new up by min(5, 10 - 5): 10.
    Case(
      old: RS(revision: 1, replicas: 3, available: 3),
      new: RS(revision: 2, replicas: 5, available: 5), expected: ["web-rev2": 10]),
    // Done: nothing to scale, the strategy says it is complete.
    Case(
      old: RS(revision: 1, replicas: 0, available: 0),
      new: RS(revision: 2, replicas: 10, available: 10), expected: [:], complete: true),
  ]

  @Test(arguments: rollingCases)
  func stockRollingStep(_ step: Case) throws {
    let (result, decision) = try eval(try Self.documents([step.old, step.new]))
    #expect(result.status == 0, "\(result)")
    #expect(scale(decision) == step.expected, "\(result)")
    #expect(decision?["complete"] == .bool(step.complete), "\(result)")
  }

  @Test func jsonSnapshot() throws {
    let list = JSONValue.object([
      "apiVersion": "v1", "kind": "List",
      "items": .array([
        Self.deployment(), RS(revision: 1, replicas: 10, available: 10).object,
        RS(revision: 2, replicas: 0, available: 0).object,
      ]),
    ])
    let (result, decision) = try eval(try Self.json(list), file: "snapshot.json")
    #expect(result.status == 0, "\(result)")
    #expect(scale(decision) == ["web-rev2": 3])
  }

  @Test func yamlListSnapshot() throws {
    let yaml = """
      apiVersion: v1
      kind: List
      items:
      - \(try Self.json(Self.deployment()))
      - \(try Self.json(RS(revision: 2, replicas: 3, available: 0).object))
      - \(try Self.json(RS(revision: 1, replicas: 10, available: 10).object))
      """
    let (result, decision) = try eval(yaml)
    #expect(result.status == 0, "\(result)")
    #expect(scale(decision) == ["web-rev1": 8])
  }

  @Test func shippedExampleSnapshot() throws {
    let box = try Sandbox()
    let result = try box.run([
      "eval", "--strategy", "rolling", "--snapshot", Sandbox.example("snapshot.yaml"),
    ])
    #expect(result.status == 0, "\(result)")
    let decision = try JSONDecoder().decode(JSONValue.self, from: Data(result.stdout.utf8))
    #expect(scale(decision) == ["web-5f5686cbbf": 3])
  }

  @Test func stockRecreateScalesOldToZeroFirst() throws {
    let snapshot = try Self.documents(
      [RS(revision: 1, replicas: 10, available: 10), RS(revision: 2, replicas: 0, available: 0)],
      type: "Recreate")
    let (result, decision) = try eval(snapshot, strategy: "recreate")
    #expect(result.status == 0, "\(result)")
    #expect(scale(decision) == ["web-rev1": 0])
  }

  @Test func customStrategyParamsAndPause() throws {
    let box = try Sandbox()
    let snapshot = try box.write(
      "snapshot.yaml",
      try Self.documents([
        RS(revision: 1, replicas: 10, available: 10), RS(revision: 2, replicas: 2, available: 2),
      ]))
    let result = try box.run([
      "eval", "--strategy", Sandbox.example("strategies/batches.lua"), "--snapshot", snapshot,
    ])
    // No params in the snapshot: batch 1, no bake: one more new pod.
    #expect(result.status == 0, "\(result)")
    let decision = try JSONDecoder().decode(JSONValue.self, from: Data(result.stdout.utf8))
    #expect(scale(decision) == ["web-rev2": 3])
    let hold = try box.write("hold.lua", "function step(ctx) ctx:pause(\"Gate\", 90) end\n")
    let paused = try box.run(["eval", "--strategy", hold, "--snapshot", snapshot])
    #expect(paused.status == 0, "\(paused)")
    let pause = try JSONDecoder().decode(JSONValue.self, from: Data(paused.stdout.utf8))["pause"]
    #expect(pause?["reason"]?.stringValue == "Gate")
    #expect(pause?["seconds"]?.doubleValue == 90)
  }

  @Test func failingScriptExitsOneAndBadSnapshotExitsTwo() throws {
    let box = try Sandbox()
    let snapshot = try box.write(
      "snapshot.yaml",
      try Self.documents([
        RS(revision: 1, replicas: 10, available: 10), RS(revision: 2, replicas: 0, available: 0),
      ]))
    let script = try box.write("fail.lua", "function step(ctx)\n  error(\"nope\")\nend\n")
    let failing = try box.run(["eval", "--strategy", script, "--snapshot", snapshot])
    #expect(failing.status == 1, "\(failing)")
    #expect(failing.stderr.contains("fail.lua:2:"), "\(failing)")
    let onlyDeployment = try box.write("deployment.yaml", try Self.json(Self.deployment()))
    let bad = try box.run(["eval", "--strategy", "rolling", "--snapshot", onlyDeployment])
    #expect(bad.status == 2, "\(bad)")
    #expect(bad.stderr.contains("ReplicaSet"), "\(bad)")
  }

  /// Errors the sandbox stops name the script's line, never the host: exhausted memory (a
  /// string doubled until the 64 MiB cap refuses it), and a host method called with a dot.
  @Test(arguments: [
    (
      "local s = 'x'\n  while true do s = s .. s end", 3,
      "not enough memory (memory limit of 67108864 bytes exceeded)"
    ),
    (
      "local parts = {}\n  for i = 1, 1e9 do parts[i] = string.rep('x', 1 << 20) end", 3,
      "not enough memory (memory limit of 67108864 bytes exceeded)"
    ),
    ("ctx.newRS.scale(1)", 2, "attempt to index a number value"),
  ])
  func sandboxErrorsNameTheScriptLine(_ body: String, _ line: Int, _ says: String) throws {
    let box = try Sandbox()
    let snapshot = try box.write(
      "snapshot.yaml",
      try Self.documents([
        RS(revision: 1, replicas: 10, available: 10), RS(revision: 2, replicas: 0, available: 0),
      ]))
    let script = try box.write("my.lua", "function step(ctx)\n  \(body)\nend\n")
    let result = try box.run(["eval", "--strategy", script, "--state", snapshot])
    #expect(result.status == 1, "\(result)")
    #expect(result.stderr.contains("my.lua:\(line): \(says)"), "\(result)")
    #expect(!result.stderr.contains("host.lua"), "\(result)")
    #expect(result.stdout.isEmpty, "\(result)")
  }
}
