import Engine
import Scenarios
import Simulator
import Testing

/// Each scenario expectation passes when it holds and names itself and what happened when not.
struct ScenarioExpectationTests {
  @Test func aRollingUpdateMeetsEveryExpectation() {
    var expect = ScenarioExpectation()
    expect.phase = .healthy
    expect.reason = .some(nil)
    expect.result = .complete
    expect.revision = 2
    expect.images = ["web:v2"]
    expect.pauses = []
    expect.completeWithin = 60
    expect.peakPodsAtMost = 13
    expect.availableNeverBelow = 8
    let run = ScenarioFixtures.runner().run(ScenarioFixtures.update(expect: expect))
    #expect(run.failures.isEmpty, "\(run.failureLines)")
    #expect(run.outcome?.result == .complete)
    #expect(run.start > 0, "the starting manifest rolls out before the update")
  }

  @Test func everyExpectationThatDoesNotHoldIsReported() {
    var expect = ScenarioExpectation()
    expect.phase = .paused
    expect.reason = .some("CanaryPauseStep")
    expect.message = "no such message"
    expect.result = .paused
    expect.revision = 3
    expect.images = ["web:v9"]
    expect.pauses = ["CanaryPauseStep"]
    expect.completeWithin = 1
    expect.peakPodsAtMost = 10
    expect.availableNeverBelow = 10
    let run = ScenarioFixtures.runner().run(
      ScenarioFixtures.update(settings: SimulationSettings(readyAfter: 5), expect: expect))
    let lines = run.failureLines
    #expect(lines.contains("phase: Paused: the phase is Healthy"), "\(lines)")
    #expect(lines.contains("reason: CanaryPauseStep: the reason is null"), "\(lines)")
    #expect(run.failure("message: no such message")?.message.contains("the message is") == true)
    #expect(lines.contains("result: paused: the run ended complete"), "\(lines)")
    #expect(lines.contains("revision: 3: the revision is 2"), "\(lines)")
    #expect(lines.contains("images: [web:v9]: running [web:v2]"), "\(lines)")
    #expect(lines.contains("pauses: [CanaryPauseStep]: the pauses hit were []"), "\(lines)")
    #expect(run.failure("completeWithin: 1s")?.message.hasPrefix("completed at t=") == true)
    #expect(run.failure("peakPodsAtMost: 10")?.message.hasPrefix("13 pods at t=") == true)
    #expect(run.failure("availableNeverBelow: 10")?.message.hasPrefix("8 available at t=") == true)
    #expect(run.failure("peakPodsAtMost")?.time != nil, "a failure with a time gets a trace")
    #expect(run.failures.count == 10)
  }

  @Test func aRolloutThatNeverCompletesSaysSo() {
    var expect = ScenarioExpectation()
    expect.completeWithin = 3600
    let run = ScenarioFixtures.runner().run(
      ScenarioFixtures.update(
        to: "web:bad",
        settings: SimulationSettings(
          imageRules: [ImageRule(pattern: "web:bad", behaviour: .neverReady)]),
        expect: expect))
    let failure = run.failure("completeWithin: 1h")
    #expect(failure?.message.contains("did not complete") == true, "\(run.failureLines)")
    #expect(run.failure("invariant") == nil, "a faulty new version is not the strategy's breach")
  }
}
