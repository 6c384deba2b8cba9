/// Kubernetes' RollingUpdate (pkg/controller/deployment/rolling.go) written in Swift against the
/// strategy boundary: the reference the Lua `rolling.lua` is tested and benchmarked against. A
/// Lua strategy is what users run; this one exists so the two can be compared on the same
/// snapshots.
public struct NativeRollingStrategy: RolloutStrategy {
  public var name: String { "native-rolling" }
  /// Like the stock rolling strategy, no abort: `undo` goes back.
  public var supportsAbort: Bool { false }

  public init() {}

  public func step(_ snapshot: StrategySnapshot) throws -> StrategyDecision {
    var step = Step(snapshot: snapshot)
    if step.reconcileNewReplicaSet() || step.reconcileOldReplicaSets() {
      return StrategyDecision(scale: step.operations)
    }
    let done = step.new.replicas == step.replicas && step.old.allSatisfy { $0.replicas == 0 }
    return StrategyDecision(complete: done)
  }

  /// One step's working copy: scaling a ReplicaSet updates the copy, as the Lua handles do.
  struct Step {
    var replicas: Int
    var fenceposts: Fenceposts
    var new: ReplicaSetView
    var old: [ReplicaSetView]
    var operations: [ScaleOperation] = []

    init(snapshot: StrategySnapshot) {
      replicas = snapshot.deployment.replicas
      fenceposts = snapshot.fenceposts
      new = snapshot.newReplicaSet
      old = snapshot.oldReplicaSets
    }

    var specTotal: Int { old.reduce(new.replicas) { $0 + $1.replicas } }

    mutating func scaleNew(to count: Int) {
      new.replicas = count
      operations.append(ScaleOperation(replicaSet: new.name, replicas: count))
    }

    mutating func scaleOld(_ index: Int, to count: Int) {
      old[index].replicas = count
      operations.append(ScaleOperation(replicaSet: old[index].name, replicas: count))
    }

    /// reconcileNewReplicaSet with NewRSNewReplicas.
    mutating func reconcileNewReplicaSet() -> Bool {
      if new.replicas == replicas { return false }
      if new.replicas > replicas {
        scaleNew(to: replicas)
        return true
      }
      let maxTotal = replicas + fenceposts.maxSurge
      let current = specTotal
      guard current < maxTotal else { return false }
      let target = new.replicas + min(maxTotal - current, replicas - new.replicas)
      guard target != new.replicas else { return false }
      scaleNew(to: target)
      return true
    }

    /// reconcileOldReplicaSets: cleanupUnhealthyReplicas, then
    /// scaleDownOldReplicaSetsForRollingUpdate.
    mutating func reconcileOldReplicaSets() -> Bool {
      let active = old.indices.filter { old[$0].replicas > 0 }
      if active.isEmpty { return false }
      let minAvailable = replicas - fenceposts.maxUnavailable
      let newUnavailable = new.replicas - new.availableReplicas
      let maxScaledDown = specTotal - minAvailable - newUnavailable
      if maxScaledDown <= 0 { return false }
      var cleaned = 0
      for index in active {
        if cleaned >= maxScaledDown { break }
        let unhealthy = old[index].replicas - old[index].availableReplicas
        if unhealthy <= 0 { continue }
        let count = min(maxScaledDown - cleaned, unhealthy)
        scaleOld(index, to: old[index].replicas - count)
        cleaned += count
      }
      // A ReplicaSet counts at most `replicas` available pods (see rolling.lua).
      let available = active.reduce(min(new.availableReplicas, new.replicas)) {
        $0 + min(old[$1].availableReplicas, old[$1].replicas)
      }
      var scaledDown = 0
      if available > minAvailable {
        let toRemove = available - minAvailable
        for index in active {
          if scaledDown >= toRemove { break }
          if old[index].replicas == 0 { continue }
          let count = min(old[index].replicas, toRemove - scaledDown)
          scaleOld(index, to: old[index].replicas - count)
          scaledDown += count
        }
      }
      return cleaned + scaledDown > 0
    }
  }
}
