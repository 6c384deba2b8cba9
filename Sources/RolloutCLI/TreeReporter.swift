import Engine

/// `get --watch` and `--until-done`: the tree, redrawn in place on a terminal after every
/// settled instant that changed it; otherwise printed again after each change (as a JSON line
/// with `json`), and once more at the end of a run that printed nothing.
final class TreeReporter: Reporter {
  let live: Bool
  let json: Bool
  private var drawnLines = 0
  private var last = ""
  private var printed = ""
  /// Print every change, on a terminal or not (`--watch`, once the first run has ended).
  var following = false

  init(live: Bool, json: Bool = false) {
    self.live = live
    self.json = json
  }

  func event(_ event: RolloutEvent) {}

  func settled(cluster: any ClusterBackend, keys: [ObjectKey]) {
    guard let key = keys.first, let deployment = cluster.get(Deployment.self, key) else { return }
    let tree = DeploymentTree(deployment: deployment, cluster: cluster)
    last = json ? tree.json.compactJSON + "\n" : tree.render()
    guard live || json || following else { return }
    show()
  }

  func finished(_ outcomes: [RolloutRunner.Outcome], keys: [ObjectKey], wallSeconds: Double) {
    if !live { show() }
    guard !json else { return }
    for (outcome, key) in zip(outcomes, keys) {
      emit(outcome.summary(name: key.name, wallSeconds: wallSeconds))
    }
    drawnLines = 0
  }

  /// Prints the last tree unless it is what was printed last.
  private func show() {
    guard last != printed else { return }
    if live, drawnLines > 0 {
      emit("\u{1B}[\(drawnLines)F\u{1B}[J")
    } else if !printed.isEmpty, !json {
      emit("\n")
    }
    printed = last
    emit(last)
    if live { drawnLines = last.split(separator: "\n", omittingEmptySubsequences: false).count - 1 }
  }
}
