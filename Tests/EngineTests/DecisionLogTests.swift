import Engine
import Foundation
import Testing

/// The controller reports every decision with its inputs and outcome; records survive a JSON
/// line; replaying them tells identical decisions from changed ones.
@Suite struct DecisionLogTests {
  @Test func fnv1aKnownVectors() {
    #expect(FNV1a.digest("") == "fnv1a64:cbf29ce484222325")
    #expect(FNV1a.digest("a") == "fnv1a64:af63dc4c8601ec8c")
    #expect(FNV1a.digest("foobar") == "fnv1a64:85944171f73967e8")
  }

  /// Rolls web:v1 then web:v2 with `strategy`; returns the records of revision 2.
  static func recordedUpdate(to strategy: any RolloutStrategy) throws -> (
    ControllerHarness, [DecisionRecord]
  ) {
    let harness = try ControllerHarness(ControllerFixtures.deployment(replicas: 10))
    var records: [DecisionRecord] = []
    harness.controller.onDecision = { records.append($0) }
    #expect(try harness.run().result == .complete)
    #expect(!records.isEmpty)
    #expect(records.allSatisfy { $0.revision == 1 && $0.outcome == .applied })
    harness.box.strategy = strategy
    try harness.setImage("web:v2")
    _ = try harness.run()
    return (harness, records.filter { $0.revision == 2 })
  }

  @Test func appliedDecisionsAreRecordedWithTheirInputs() throws {
    let (harness, records) = try Self.recordedUpdate(to: NativeRollingStrategy())
    let first = try #require(records.first)
    #expect(first.deployment == "web")
    #expect(first.namespace == "default")
    #expect(first.outcome == DecisionOutcome(result: .applied))
    #expect(first.strategy == StrategyProvenance(name: "native-rolling"))
    #expect(first.snapshotDigest == nil, "worked out when written")
    #expect(first.digested().snapshotDigest == DecisionRecord.digest(of: first.snapshot))
    #expect(first.snapshot.deployment.replicas == 10)
    #expect(first.snapshot.oldReplicaSets.map(\.replicas) == [10])
    #expect(first.params == .object([:]))
    #expect(
      first.envelope == SafetyEnvelope(fenceposts: Fenceposts(maxSurge: 3, maxUnavailable: 2)))
    let new = try #require(harness.replicaSet(image: "web:v2")).metadata.name
    #expect(first.decision?.scale == [ScaleOperation(replicaSet: new, replicas: 3)])
    #expect(first.time == first.snapshot.now)
    // Equal digests for equal snapshots only; the last decision completes.
    for a in records {
      for b in records {
        let same = a.digested().snapshotDigest == b.digested().snapshotDigest
        #expect(same == (a.snapshot == b.snapshot))
      }
    }
    #expect(records.last?.decision?.complete == true)
  }

  @Test func aRefusedDecisionIsRecordedWithItsError() throws {
    let (_, records) = try Self.recordedUpdate(to: SafetyEnvelopeRolloutTests.twice)
    #expect(records.count == 1)
    let record = try #require(records.first)
    #expect(record.outcome.result == .refused)
    #expect(record.outcome.reason == RolloutState.Reason.envelopeViolation)
    #expect(record.outcome.error?.hasPrefix("surge.lua:3: decision would run 30 pods") == true)
    #expect(record.decision?.scale.first?.replicas == 20)
  }

  @Test func aFailingStrategyIsRecordedWithoutADecision() throws {
    struct Boom: Error, CustomStringConvertible { var description: String { "x.lua:2: boom" } }
    let (_, records) = try Self.recordedUpdate(to: ClosureStrategy { _ in throw Boom() })
    let record = try #require(records.first)
    #expect(record.decision == nil)
    #expect(
      record.outcome
        == DecisionOutcome(
          result: .failed, reason: DeploymentCondition.Reason.strategyFailed, error: "x.lua:2: boom"
        ))
  }

  @Test func aRecordSurvivesItsJSONLine() throws {
    let (_, records) = try Self.recordedUpdate(to: NativeRollingStrategy())
    for record in records {
      let line = try record.line()
      #expect(!line.contains("\n"))
      #expect(try DecisionRecord(line: line) == record.digested())
    }
  }

  @Test func replayTellsIdenticalFromChanged() throws {
    let (_, records) = try Self.recordedUpdate(to: NativeRollingStrategy())
    let same = records.map { DecisionReplay.replay($0, with: NativeRollingStrategy()) }
    #expect(same.allSatisfy { $0.identical })

    // The same decisions from other script lines are identical too.
    let moved = ClosureStrategy { snapshot in
      var decision = try NativeRollingStrategy().step(snapshot)
      decision.scale = decision.scale.map {
        ScaleOperation(replicaSet: $0.replicaSet, replicas: $0.replicas, origin: "moved.lua:99")
      }
      return decision
    }
    #expect(records.allSatisfy { DecisionReplay.replay($0, with: moved).identical })

    let first = DecisionReplay.replay(records[0], with: SafetyEnvelopeRolloutTests.twice)
    #expect(!first.identical)
    #expect(first.replayed.outcome.result == .refused)
  }
}
