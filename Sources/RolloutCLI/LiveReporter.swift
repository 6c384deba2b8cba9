import Engine
import Foundation

/// On a terminal: event lines scroll above a table of ReplicaSets that is redrawn in place after
/// every settled instant (revision, desired/current/ready/available, a bar, the phase and the
/// strategy's latest message).
final class LiveReporter: Reporter {
  private var drawnLines = 0
  private var table: [String] = []
  private var filter = EchoFilter()

  func event(_ event: RolloutEvent) {
    guard filter.shows(event) else { return }
    clear()
    emit("\u{1B}[2m\(pad(clock(event.time), 10))\u{1B}[0m \(event.line)\n")
    draw()
  }

  func settled(cluster: any ClusterBackend, keys: [ObjectKey]) {
    table = keys.flatMap { Self.rows(cluster: cluster, key: $0) }
    clear()
    draw()
  }

  func finished(_ outcomes: [RolloutRunner.Outcome], keys: [ObjectKey], wallSeconds: Double) {
    drawnLines = 0
    for (outcome, key) in zip(outcomes, keys) {
      emit(outcome.summary(name: key.name, wallSeconds: wallSeconds))
    }
  }

  private func clear() {
    guard drawnLines > 0 else { return }
    emit("\u{1B}[\(drawnLines)F\u{1B}[J")
    drawnLines = 0
  }

  private func draw() {
    guard !table.isEmpty else { return }
    emit(table.joined(separator: "\n") + "\n")
    drawnLines = table.count
  }

  /// The table rows for one deployment.
  static func rows(cluster: any ClusterBackend, key: ObjectKey) -> [String] {
    guard let deployment = cluster.get(Deployment.self, key) else { return [] }
    let state = RolloutState.read(from: deployment)
    let replicaSets = cluster.replicaSets(controlledBy: deployment)
      .filter { $0.replicas > 0 || $0.currentReplicas > 0 || $0.terminatingReplicas > 0 }
      .sorted { $0.revision > $1.revision }
    let width = max(deployment.replicas, 1)
    var rows = [
      "\u{1B}[1m\(key.name)\u{1B}[0m  \(clock(cluster.now))  \(state.phase.rawValue)"
        + (state.message.map { "  \($0)" } ?? "")
    ]
    rows.append("  REV  REPLICASET                  DESIRED  CURRENT  READY  AVAILABLE")
    for rs in replicaSets {
      let bar = Self.bar(available: rs.availableReplicas, current: rs.currentReplicas, of: width)
      rows.append(
        "  \(pad(String(rs.revision), 4)) \(pad(rs.metadata.name, 27)) \(pad(String(rs.replicas), 8)) "
          + "\(pad(String(rs.currentReplicas), 8)) \(pad(String(rs.readyReplicas), 6)) "
          + "\(pad(String(rs.availableReplicas), 10)) \(bar)")
    }
    return rows
  }

  /// `█` per available pod, `▒` per pod not yet available, scaled to 30 columns.
  static func bar(available: Int, current: Int, of total: Int) -> String {
    let columns = 30
    let full = min(columns, available * columns / total)
    let partial = min(columns - full, max(0, current - available) * columns / total)
    return String(repeating: "█", count: full) + String(repeating: "▒", count: partial)
  }
}

/// `text` left-aligned in `width` columns.
func pad(_ text: String, _ width: Int) -> String {
  text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
}
