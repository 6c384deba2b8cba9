extension SafetyEnvelope {
  /// A decision that would leave the envelope. The message names the bound and the script line
  /// that crossed it: `surge.lua:3: decision would run 20 pods, above the envelope of replicas +
  /// maxSurge = 13 (maxSurge 3, from the manifest)`.
  public struct Violation: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
  }

  /// Refuses `decision` if it would leave the envelope. The scales are applied, in order, to a
  /// copy of the snapshot's sizes, and two things are checked after every one of them.
  ///
  /// **Surge.** The total of `spec.replicas` over every ReplicaSet must stay at most
  /// `replicas + maxSurge`. A total that already was above (`replicas` was just lowered, or the
  /// envelope narrowed) may stay where it is or go down, never up.
  ///
  /// **Availability.** A scale-down removes pods that are not available first (Kubernetes'
  /// ReplicaSet controller deletes unscheduled, then pending, then not-ready pods, then the
  /// most recently ready, which are the ones not yet available for `minReadySeconds`), so a
  /// ReplicaSet with `available` pods scaled to `n` keeps `min(available, n)` of them, and a
  /// scale-up adds none yet. Over a sequence of scales a ReplicaSet keeps
  /// `min(available, smallest size it was given)`: pods deleted on the way down do not come back
  /// available. The pods left available must be at least `replicas - maxUnavailable`, unless the
  /// decision does not lower availability at all: it only removes pods that are not available,
  /// or availability was already below the bound and stays where it is.
  ///
  /// Worked example: replicas 10, maxSurge 3, maxUnavailable 2 (bounds 13 and 8). Old has 10
  /// pods, 10 available; new has 3 pods, 1 available; 11 available now.
  /// - `old:scale(7)` leaves min(10, 7) + 1 = 8 available (≥ 8): passes; total 10.
  /// - `old:scale(6)` leaves 6 + 1 = 7 (< 8 and < 11): refused, "would leave 7 pods available".
  /// - `new:scale(10)` runs 10 + 10 = 20 pods (> 13): refused, "would run 20 pods".
  /// - `new:scale(0)` removes the new ReplicaSet's available pod: 10 available (≥ 8): passes.
  /// - with only 7 available (3 old pods crashed), `old:scale(7)` removes only unavailable pods:
  ///   still 7 + 1 available, not lower than before: passes although below 8.
  ///
  /// Kubernetes' own rolling steps always pass: a scale-up of the new ReplicaSet fills at most
  /// the room left under `replicas + maxSurge`, and `scaleDownOldReplicaSetsForRollingUpdate`
  /// removes at most `available - minAvailable` pods, after `cleanupUnhealthyReplicas` removed
  /// only unavailable ones.
  public func check(_ decision: StrategyDecision, against snapshot: StrategySnapshot)
    throws(Violation)
  {
    let replicas = snapshot.deployment.replicas
    let maxTotal = replicas + maxSurge.count
    let minAvailable = replicas - maxUnavailable.count
    var sizes = [String: Int]()
    var kept = [String: Int]()
    for rs in snapshot.allReplicaSets {
      sizes[rs.name] = rs.replicas
      kept[rs.name] = min(rs.availableReplicas, rs.replicas)
    }
    let totalBefore = sizes.values.reduce(0, +)
    let availableBefore = kept.values.reduce(0, +)
    for operation in decision.scale {
      guard let size = sizes[operation.replicaSet] else { continue }
      sizes[operation.replicaSet] = operation.replicas
      kept[operation.replicaSet] = min(kept[operation.replicaSet] ?? 0, operation.replicas)
      let at = operation.origin.map { "\($0): " } ?? ""
      let total = sizes.values.reduce(0, +)
      if operation.replicas > size, total > maxTotal, total > totalBefore {
        throw Violation(
          message:
            "\(at)decision would run \(total) pods, above the envelope of replicas + maxSurge = \(maxTotal) (maxSurge \(maxSurge.count), \(Self.phrase(maxSurge.setBy)))"
        )
      }
      let available = kept.values.reduce(0, +)
      if available < minAvailable, available < availableBefore {
        throw Violation(
          message:
            "\(at)decision would leave \(available) pods available, below the envelope of replicas - maxUnavailable = \(minAvailable) (maxUnavailable \(maxUnavailable.count), \(Self.phrase(maxUnavailable.setBy)))"
        )
      }
    }
  }

  private static func phrase(_ source: Source) -> String {
    switch source {
    case .manifest: return "from the manifest"
    case .strategy: return "declared by the strategy"
    case .operator: return "narrowed by \(annotation)"
    }
  }
}
