import Engine
import Scenarios
import Simulator
import Testing

/// Operator actions at virtual times, applied as the CLI verbs apply them.
struct ScenarioActionTests {
  @Test func aScaleMidRolloutEndsAtTheNewSize() {
    let scenario = ScenarioFixtures.update(
      settings: SimulationSettings(readyAfter: 10),
      actions: [ScheduledAction(at: 5, action: .scale(replicas: 20))])
    let run = ScenarioFixtures.runner().run(scenario)
    #expect(run.failures.isEmpty, "\(run.failureLines)")
    #expect(run.deployment?.replicas == 20)
    #expect(run.samples.last?.available == 20)
    let action = run.trace.first {
      if case .action = $0.kind { return true }
      return false
    }
    #expect(action.map { $0.time - run.start } == 5, "applied when the clock reached 5s")
  }

  @Test func pauseHoldsTheRolloutUntilResume() {
    var expect = ScenarioExpectation()
    expect.completeWithin = 200
    let scenario = ScenarioFixtures.update(
      settings: SimulationSettings(readyAfter: 10),
      actions: [
        ScheduledAction(at: 1, action: .pause), ScheduledAction(at: 120, action: .resume),
      ], expect: expect)
    let run = ScenarioFixtures.runner().run(scenario)
    #expect(run.failures.isEmpty, "\(run.failureLines)")
    let completed = run.trace.first {
      if case .event(.completed) = $0.kind { return true }
      return false
    }
    #expect((completed?.time ?? 0) - run.start > 120, "nothing completes while paused")
  }

  @Test func aRefusedActionIsAFailure() {
    let scenario = ScenarioFixtures.update(
      actions: [ScheduledAction(at: 30, action: .promote(full: false))])
    let run = ScenarioFixtures.runner().run(scenario)
    #expect(
      run.failureLines == [
        "actions: at 30s: promote: refused: deployment \"web\" is fully rolled out "
          + "(revision 2); nothing to promote"
      ])
  }

  @Test func undoGoesBackToThePreviousTemplate() {
    let scenario = ScenarioFixtures.update(
      actions: [ScheduledAction(at: 60, action: .undo(toRevision: 0))])
    let run = ScenarioFixtures.runner().run(scenario)
    #expect(run.failures.isEmpty, "\(run.failureLines)")
    #expect(run.outcome?.revision == 3)
    #expect(run.deployment?.spec.template.images == ["web:v1"])
  }

  @Test func theSummaryCountsWavesAndSurge() {
    let run = ScenarioFixtures.runner().run(ScenarioFixtures.update())
    let summary = ScenarioSummary(run)
    #expect(summary.peakPods == 13)
    #expect(summary.minAvailable == 8)
    #expect(summary.waves >= 2)
    #expect(summary.surgePodSeconds > 0)
    #expect(summary.result == "complete")
  }
}
