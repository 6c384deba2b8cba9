import Engine
import Testing

/// The safety envelope's rule on single decisions (the worked example of
/// `SafetyEnvelope.check`), where its bounds come from, and what a refusal does to a rollout.
@Suite struct SafetyEnvelopeTests {
  static func rs(_ name: String, _ replicas: Int, available: Int) -> ReplicaSetView {
    ReplicaSetView(
      name: name, revision: name == "new" ? 2 : 1, replicas: replicas,
      readyReplicas: available, availableReplicas: available)
  }

  /// replicas 10, maxSurge 3, maxUnavailable 2: old 10 (`oldAvailable` available), new 3 (1).
  static func snapshot(oldAvailable: Int = 10, annotations: [String: String] = [:])
    -> StrategySnapshot
  {
    StrategySnapshot(
      deployment: DeploymentView(name: "web", replicas: 10, annotations: annotations),
      newReplicaSet: rs("new", 3, available: 1),
      oldReplicaSets: [rs("old", 10, available: oldAvailable)],
      fenceposts: Fenceposts(maxSurge: 3, maxUnavailable: 2), now: 0)
  }

  struct Case: Sendable, CustomTestStringConvertible {
    var name: String
    var oldAvailable = 10
    var scales: [(String, Int)]
    /// A piece of the refusal, nil when the decision passes.
    var refusal: String?
    var testDescription: String { name }
  }

  static let cases: [Case] = [
    Case(name: "old to 7 leaves 8 available", scales: [("old", 7)], refusal: nil),
    Case(
      name: "old to 6 leaves 7 available", scales: [("old", 6)],
      refusal:
        "x.lua:1: decision would leave 7 pods available, below the envelope of replicas - maxUnavailable = 8 (maxUnavailable 2, from the manifest)"
    ),
    Case(
      name: "new to twice the replicas", scales: [("new", 10)],
      refusal:
        "x.lua:1: decision would run 20 pods, above the envelope of replicas + maxSurge = 13 (maxSurge 3, from the manifest)"
    ),
    Case(name: "new to 0 keeps 10 available", scales: [("new", 0)], refusal: nil),
    Case(
      name: "below already, only unavailable pods go", oldAvailable: 7, scales: [("old", 7)],
      refusal: nil),
    Case(
      name: "below already, an available pod goes", oldAvailable: 7, scales: [("old", 6)],
      refusal: "would leave 7 pods available"),
    Case(
      name: "up then down in one decision peaks above", scales: [("new", 10), ("old", 3)],
      refusal: "would run 20 pods"),
    Case(
      name: "down then up stays within", scales: [("old", 8), ("new", 5)], refusal: nil),
    Case(
      name: "down to 0 and back up loses the available pods", scales: [("old", 0), ("old", 10)],
      refusal: "would leave 1 pods available"),
  ]

  @Test(arguments: cases)
  func workedExample(_ example: Case) throws {
    let snapshot = Self.snapshot(oldAvailable: example.oldAvailable)
    let decision = StrategyDecision(
      scale: example.scales.map {
        ScaleOperation(replicaSet: $0.0, replicas: $0.1, origin: "x.lua:1")
      })
    let envelope = try SafetyEnvelope.effective(for: snapshot, declared: nil)
    do {
      try envelope.check(decision, against: snapshot)
      #expect(example.refusal == nil, "passed, expected a refusal")
    } catch {
      let refusal = try #require(example.refusal, "refused: \(error)")
      #expect(error.message.contains(refusal), "\(error)")
    }
  }

  @Test func aTotalAboveTheBoundMayStayOrShrinkButNotGrow() throws {
    // replicas was just lowered to 10: 16 pods asked for, above 13.
    var snapshot = Self.snapshot()
    snapshot.newReplicaSet = Self.rs("new", 6, available: 6)
    let envelope = SafetyEnvelope(fenceposts: snapshot.fenceposts)
    let shrink = StrategyDecision(scale: [
      ScaleOperation(replicaSet: "old", replicas: 8),
      ScaleOperation(replicaSet: "new", replicas: 8),
    ])
    try envelope.check(shrink, against: snapshot)
    let grow = StrategyDecision(scale: [ScaleOperation(replicaSet: "new", replicas: 7)])
    #expect(throws: SafetyEnvelope.Violation.self) { try envelope.check(grow, against: snapshot) }
  }

  @Test func boundsComeFromManifestStrategyAndOperator() throws {
    let plain = try SafetyEnvelope.effective(for: Self.snapshot(), declared: nil)
    #expect(plain.maxSurge == .init(3, setBy: .manifest))
    #expect(plain.maxUnavailable == .init(2, setBy: .manifest))

    // A declaration widens; a declared bound below the manifest's is ignored.
    let declared = EnvelopeDeclaration(maxSurge: "100%", maxUnavailable: 1)
    let wide = try SafetyEnvelope.effective(for: Self.snapshot(), declared: declared)
    #expect(wide.maxSurge == .init(10, setBy: .strategy))
    #expect(wide.maxUnavailable == .init(2, setBy: .manifest))

    // The operator narrows, and never widens.
    let narrowed = try SafetyEnvelope.effective(
      for: Self.snapshot(annotations: [
        SafetyEnvelope.annotation: "{maxSurge: 1, maxUnavailable: 0}"
      ]),
      declared: declared)
    #expect(narrowed.maxSurge == .init(1, setBy: .operator))
    #expect(narrowed.maxUnavailable == .init(0, setBy: .operator))
    let notWider = try SafetyEnvelope.effective(
      for: Self.snapshot(annotations: [
        SafetyEnvelope.annotation: "{maxSurge: 10, maxUnavailable: '50%'}"
      ]),
      declared: nil)
    #expect(notWider == plain)
    let percent = try SafetyEnvelope.effective(
      for: Self.snapshot(annotations: [SafetyEnvelope.annotation: "{maxSurge: '10%'}"]),
      declared: nil)
    #expect(percent.maxSurge == .init(1, setBy: .operator))
  }

  @Test(arguments: [
    ("[1, 2]", "expected a map"), ("{maxSurge: -1}", "must not be negative"),
    ("{maxSurge: abc}", "maxSurge: invalid value \"abc\""), ("{surge: 1}", "unknown key \"surge\""),
  ])
  func aBadAnnotationIsAnInvalidSpec(_ text: String, _ quote: String) {
    let snapshot = Self.snapshot(annotations: [SafetyEnvelope.annotation: text])
    do {
      _ = try SafetyEnvelope.effective(for: snapshot, declared: nil)
      Issue.record("\(text) was accepted")
    } catch {
      #expect(error.reason == RolloutState.Reason.invalidSpec)
      #expect(error.message.contains(quote), "\(error)")
    }
  }
}
