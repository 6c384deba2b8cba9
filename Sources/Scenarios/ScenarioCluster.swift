import Engine
import Manifests
import Simulator

/// The simulated cluster as a scenario's runner sees it: every call is forwarded, but waiting
/// stops at the next scheduled operator action and at the scenario's horizon, and every change
/// is sampled for the trace and the invariants.
///
/// `RolloutRunner` runs until a rollout completes, pauses or fails; an action due while it is
/// progressing must interrupt that. The runner waits only through `waitForChange`, so capping
/// the wait at the action's time brings the runner back at exactly that time; the action is
/// applied in `afterInstant`, and the next wait returns at once so the controller sees it.
final class ScenarioCluster: ClusterBackend {
  let base: SimulatedCluster
  /// The time of the next action still to apply.
  var nextAction: Double?
  /// The cluster time beyond which waiting stops (`.idle`).
  var horizon: Double = .infinity
  /// Set when waiting stopped at the horizon.
  private(set) var reachedHorizon = false
  /// An action was just applied: the next wait returns at once so the controller runs.
  var poke = false
  /// Called after every change the cluster made by itself.
  var onChange: () -> Void = {}

  init(_ base: SimulatedCluster) {
    self.base = base
  }

  var now: Double { base.now }

  func list<Object: ClusterObject>(_ type: Object.Type, namespace: String?) -> [Object] {
    base.list(type, namespace: namespace)
  }

  func get<Object: ClusterObject>(_ type: Object.Type, _ key: ObjectKey) -> Object? {
    base.get(type, key)
  }

  @discardableResult func create<Object: ClusterObject>(_ object: Object) throws(ClusterError)
    -> Object
  { try base.create(object) }

  @discardableResult func update<Object: ClusterObject>(_ object: Object) throws(ClusterError)
    -> Object
  { try base.update(object) }

  func delete<Object: ClusterObject>(_ type: Object.Type, _ key: ObjectKey) throws(ClusterError) {
    try base.delete(type, key)
  }

  func waitForChange(until deadline: Double?) -> ClusterWait {
    if poke {
      poke = false
      return .deadline
    }
    if base.now >= horizon {
      reachedHorizon = true
      return .idle
    }
    let cap = min(nextAction ?? .infinity, horizon)
    let capped = min(deadline ?? .infinity, cap)
    let wait = base.waitForChange(until: capped.isFinite ? capped : nil)
    onChange()
    return wait
  }
}
