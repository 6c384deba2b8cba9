import Engine
import Foundation
import Testing

/// The closing summary says what is true of the rollout, whichever command drove it.
@Suite struct SummaryTests {
  /// A canary pausing for 5 minutes, then until promoted.
  static let steps = "[{setWeight: 20}, {pause: {duration: 300}}, {setWeight: 50}, {pause: {}}]"

  @Test func promoteAfterAPauseReportsTheRolloutsDuration() throws {
    let box = try Sandbox()
    let v1 = try box.write(
      "v1.yaml", CanaryTests.manifest(.deployment, steps: Self.steps, image: "example/web:1.0"))
    let v2 = try box.write(
      "v2.yaml", CanaryTests.manifest(.deployment, steps: Self.steps, image: "example/web:2.0"))
    #expect(try box.run(["--state", box.state, v1]).status == 0)
    let paused = try box.run(["--state", box.state, "--output", "jsonl", v2])
    #expect(paused.status == 3, "\(paused)")
    let pausedSummary = try paused.summary()
    let pausedFor = try #require(pausedSummary["duration"]?.doubleValue)
    let started = try #require(pausedSummary["time"]?.doubleValue) - pausedFor
    #expect(pausedFor >= 300)

    let promoted = try box.run(["promote", "--state", box.state, "web", "--output", "jsonl"])
    #expect(promoted.status == 0, "\(promoted)")
    let summary = try promoted.summary()
    let end = try #require(summary["time"]?.doubleValue)
    // From the first step of revision 2, before the 5-minute pause, to its completion.
    #expect(summary["duration"]?.doubleValue == end - started)
    #expect(try #require(summary["duration"]?.doubleValue) > pausedFor)

    let text = try box.run(["status", "--state", box.state, "web"])
    #expect(text.status == 0, "\(text)")
  }

  @Test func aFirstDeployReportsWhatIsAvailableNotAMinimumOfZero() throws {
    let box = try Sandbox()
    let first = try box.run(["--state", box.state, Sandbox.example("web-v1.yaml")])
    #expect(first.status == 0, "\(first)")
    // Nothing ran before a first deploy: its minimum, 0, is no loss of availability.
    #expect(!first.stdout.contains("minimum 0 available"), "\(first.stdout)")
    #expect(first.stdout.contains("peak 10 pods, 10 available (no pods before)"), "\(first.stdout)")
    // An update keeps reporting its minimum: 10 - 25% of 10 (rounded down) = 8.
    let update = try box.run(["--state", box.state, Sandbox.example("web-v2.yaml")])
    #expect(update.stdout.contains("peak 13 pods, minimum 8 available"), "\(update.stdout)")
  }

  @Test func promoteOnACompletedRolloutSaysSoWithoutSuggestingFull() throws {
    let box = try Sandbox()
    #expect(try box.run(["--state", box.state, Sandbox.example("web-v1.yaml")]).status == 0)
    for extra in [[], ["--full"]] {
      let promote = try box.run(["promote", "--state", box.state, "web"] + extra)
      #expect(promote.status == 2, "\(promote)")
      #expect(
        promote.stderr.contains(
          "deployment \"web\" is fully rolled out (revision 1); nothing to promote"),
        "\(promote)")
      #expect(!promote.stderr.contains("--full"), "\(promote)")
    }
  }
}
