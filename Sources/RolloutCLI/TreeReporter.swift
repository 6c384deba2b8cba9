import Engine

/// `get --watch`: the tree, redrawn in place on a terminal after every settled instant; printed
/// once at the end otherwise.
final class TreeReporter: Reporter {
  let live: Bool
  private var drawnLines = 0
  private var last = ""

  init(live: Bool) { self.live = live }

  func event(_ event: RolloutEvent) {}

  func settled(cluster: any ClusterBackend, keys: [ObjectKey]) {
    guard let key = keys.first, let deployment = cluster.get(Deployment.self, key) else { return }
    last = DeploymentTree(deployment: deployment, cluster: cluster).render()
    guard live else { return }
    if drawnLines > 0 { emit("\u{1B}[\(drawnLines)F\u{1B}[J") }
    emit(last)
    drawnLines = last.split(separator: "\n", omittingEmptySubsequences: false).count - 1
  }

  func finished(_ outcomes: [RolloutRunner.Outcome], keys: [ObjectKey], wallSeconds: Double) {
    if !live { emit(last) }
    for (outcome, key) in zip(outcomes, keys) {
      emit(outcome.summary(name: key.name, wallSeconds: wallSeconds))
    }
  }
}
