/// A decision in words, one line: what `rollout replay` and `rollout history --decisions` print
/// and what `rollout controller` puts in the Event for each decision.
public enum DecisionSummary {
  /// `web-7f8b4c 0->3, web-6c9d5f 10->8`: each scale with the size it had before it.
  public static func scale(_ decision: StrategyDecision?, in snapshot: StrategySnapshot) -> String {
    guard let decision, !decision.scale.isEmpty else { return "-" }
    var sizes = Dictionary(
      snapshot.allReplicaSets.map { ($0.name, $0.replicas) }, uniquingKeysWith: { a, _ in a })
    return decision.scale.map { operation in
      let from = sizes[operation.replicaSet].map(String.init) ?? "?"
      sizes[operation.replicaSet] = operation.replicas
      return "\(operation.replicaSet) \(from)->\(operation.replicas)"
    }.joined(separator: ", ")
  }

  /// The error of a refused or failed decision; else its message, pause and completion.
  public static func note(_ decision: StrategyDecision?, _ outcome: DecisionOutcome) -> String {
    if let error = outcome.error { return error }
    guard let decision else { return "" }
    var parts: [String] = []
    if let message = decision.message { parts.append(message) }
    if let pause = decision.pause {
      parts.append("pause \(pause.reason)" + (pause.seconds.map { " \(formatDuration($0))" } ?? ""))
    }
    for pointer in decision.services {
      parts.append("point \(pointer.service) at \(pointer.replicaSet ?? "every version")")
    }
    if decision.complete { parts.append("finish") }
    return parts.joined(separator: "; ")
  }

  /// One decision on one line for `rollout replay`: outcome, scales, then message or error.
  public static func summary(
    _ decision: StrategyDecision?, _ outcome: DecisionOutcome,
    in snapshot: StrategySnapshot
  ) -> String {
    var parts = [outcome.result.rawValue, "scale: \(scale(decision, in: snapshot))"]
    let note = note(decision, outcome)
    if !note.isEmpty { parts.append(note) }
    if let weight = decision?.weight { parts.append("weight \(weight)%") }
    if let step = decision?.step { parts.append("step \(step.index)/\(step.count)") }
    return parts.joined(separator: " | ")
  }
}
