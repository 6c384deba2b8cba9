/// A strategy that keeps changing its decision without the clock moving (a livelock): the
/// runner stops it here, and the rollout is Degraded until retried or re-applied.
extension DeploymentController {
  /// Keeps the last two applied decisions of `key`: what a livelock report names.
  func remember(_ decision: StrategyDecision, for key: ObjectKey) {
    var recent = recentDecisions[key] ?? []
    if recent.count == 2 { recent.removeFirst() }
    recent.append(decision)
    recentDecisions[key] = recent
  }

  /// Marks the rollout of `key` Degraded (`Livelock`) after `passes` passes at one instant, with
  /// a message naming the strategy and its last two decisions:
  /// `flip.lua changed its decision at each of 1000 passes at t=0s without the clock moving
  /// (livelock), alternating between: scale web-2 to 2; scale web-2 to 1`.
  func markLivelocked(_ key: ObjectKey, passes: Int) throws(ClusterError) {
    guard var deployment = cluster.get(Deployment.self, key) else { return }
    let name = (try? strategy(for: deployment).name) ?? "the strategy"
    let recent = (recentDecisions[key] ?? []).map(\.brief)
    let decisions =
      recent.count == 2 && recent[0] != recent[1]
      ? ", alternating between: \(recent[0]); \(recent[1])"
      : recent.last.map { ", deciding again and again: \($0)" } ?? ""
    let message =
      "\(name) changed its decision at each of \(passes) passes at t=\(formatDuration(cluster.now)) without the clock moving (livelock)\(decisions)"
    var state = RolloutState.read(from: deployment)
    state.phase = .degraded
    state.reason = RolloutState.Reason.livelock
    state.message = message
    state.pause = nil
    state.write(to: &deployment)
    try cluster.update(deployment)
    recentDecisions[key] = nil
    emit(
      .degraded(
        time: cluster.now, deployment: key, reason: RolloutState.Reason.livelock, message: message))
  }
}

extension StrategyDecision {
  /// The decision in a few words: its scales, else its state, else its message.
  var brief: String {
    if !scale.isEmpty {
      return "scale " + scale.map { "\($0.replicaSet) to \($0.replicas)" }.joined(separator: ", ")
    }
    if let state, let text = try? state.exactText() { return "state \(text)" }
    return message.map { "message \"\($0)\"" } ?? "nothing"
  }
}
