import Engine
import Foundation
import Testing

@testable import Simulator

@Suite struct SimulatorSettingsTests {
  @Test(arguments: [
    ("web:v3=never-ready", ImageRule(pattern: "web:v3", behaviour: .neverReady)),
    (
      "*:canary=crash-after:30s",
      ImageRule(pattern: "*:canary", behaviour: .crashAfter(seconds: 30))
    ),
    ("img=ready-after:10s", ImageRule(pattern: "img", behaviour: .readyAfter(seconds: 10))),
    ("img=ready-after:500ms", ImageRule(pattern: "img", behaviour: .readyAfter(seconds: 0.5))),
    ("img=ready-after:1m30s", ImageRule(pattern: "img", behaviour: .readyAfter(seconds: 90))),
    ("img=crash-after:1h", ImageRule(pattern: "img", behaviour: .crashAfter(seconds: 3600))),
    ("img=crash-after:10m", ImageRule(pattern: "img", behaviour: .crashAfter(seconds: 600))),
    ("img=ready-after:7", ImageRule(pattern: "img", behaviour: .readyAfter(seconds: 7))),
  ])
  func parsesFaultRules(text: String, expected: ImageRule) throws {
    #expect(try ImageRule.parse(text) == expected)
    #expect(try ImageRule.parse(expected.description) == expected)
  }

  @Test(arguments: [
    ("web:v3", "expected PATTERN=BEHAVIOUR"),
    ("=never-ready", "pattern is empty"),
    ("web=explode", "unknown behaviour \"explode\""),
    ("web=crash-after", "needs a duration"),
    ("web=crash-after:soon", "bad duration \"soon\""),
    ("web=ready-after:10x", "bad duration"),
    ("web=never-ready:5s", "takes no duration"),
  ])
  func rejectsBadFaultRules(text: String, message: String) {
    #expect {
      try ImageRule.parse(text)
    } throws: { error in
      "\(error)".contains(message) && "\(error)".contains(text)
    }
  }

  @Test(arguments: [
    ("*:bad", "web:bad", true), ("*:bad", "web:good", false), ("web:v3*", "web:v3.1", true),
    ("web:v3*", "web:v2", false), ("web:v?", "web:v7", true), ("*", "anything", true),
    ("a*b*c", "aXXbYYc", true), ("a*b*c", "aXXbYY", false), ("web", "web:v1", false),
  ])
  func globMatching(pattern: String, image: String, matches: Bool) {
    #expect(ImageRule(pattern: pattern, behaviour: .neverReady).matches(image: image) == matches)
  }

  @Test func imageRulesCombine() {
    let settings = SimulationSettings(
      readyAfter: 2,
      imageRules: [
        ImageRule(pattern: "slow:*", behaviour: .readyAfter(seconds: 9)),
        ImageRule(pattern: "*:crashy", behaviour: .crashAfter(seconds: 5)),
        ImageRule(pattern: "*:broken", behaviour: .neverReady),
      ])
    #expect(settings.podBehaviour(images: ["web:v1"]).readyAfter == 2)
    #expect(settings.podBehaviour(images: ["slow:v1", "side:crashy"]).readyAfter == 9)
    #expect(settings.podBehaviour(images: ["slow:v1", "side:crashy"]).crashAfter == 5)
    #expect(settings.podBehaviour(images: ["web:v1", "side:broken"]).readyAfter == nil)
  }

  @Test func settingsDecodeWithDefaults() throws {
    let decoded = try JSONDecoder().decode(
      SimulationSettings.self, from: Data(#"{"readyAfter": 5}"#.utf8))
    #expect(decoded == SimulationSettings(readyAfter: 5))
    let full = SimulationSettings(
      readyAfter: 1, terminateAfter: 3, readyJitter: 0.5, seed: 42,
      imageRules: [ImageRule(pattern: "*", behaviour: .crashAfter(seconds: 1))])
    let roundTripped = try JSONDecoder().decode(
      SimulationSettings.self, from: JSONEncoder().encode(full))
    #expect(roundTripped == full)
  }
}
