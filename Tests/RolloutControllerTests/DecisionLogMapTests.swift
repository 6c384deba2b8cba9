import Engine
import Foundation
import Strategies
import Testing

@testable import RolloutController

@Suite struct DecisionLogMapTests {
  /// A real record: the stock canary's first decision for the test Rollout.
  static let template: DecisionRecord? = {
    var rollout = RolloutObjectTests.rollout
    rollout["status"] = nil
    let plan = ReconcilePlan.make(
      object: rollout, replicaSets: [], services: [], now: 100,
      strategies: StrategyProvider { spec, _ in
        guard let source = StrategySource.stock(spec) else { throw CancellationError() }
        return source
      })
    return plan.decisions.first
  }()

  static func record(revision: Int, time: Double) throws -> DecisionRecord {
    var record = try #require(template)
    record.revision = revision
    record.time = time
    return record
  }

  @Test func recordsAreNumberedPerRevisionAfterThoseKept() throws {
    let (first, text) = DecisionLogMap.appending(
      [try Self.record(revision: 1, time: 1), try Self.record(revision: 1, time: 2)], to: nil)
    #expect(first.map(\.step) == [1, 2])
    let map: JSONValue = ["data": [DecisionLogMap.key: .string(text)]]
    let (second, _) = DecisionLogMap.appending(
      [try Self.record(revision: 1, time: 3), try Self.record(revision: 2, time: 4)], to: map)
    #expect(second.map(\.step) == [3, 1])
    #expect(DecisionLogMap.records(in: map).count == 2)
  }

  @Test func theLogKeepsTheLastRecordsOnly() throws {
    var map: JSONValue = ["data": [:]]
    for time in 0..<(DecisionLogMap.maxRecords + 15) {
      let (_, text) = DecisionLogMap.appending(
        [try Self.record(revision: 1, time: Double(time))], to: map)
      map["data"] = [DecisionLogMap.key: .string(text)]
    }
    let kept = DecisionLogMap.records(in: map)
    #expect(kept.count == DecisionLogMap.maxRecords)
    #expect(kept.first?.time == 15)
    #expect(kept.last?.step == DecisionLogMap.maxRecords + 15)
  }
}
