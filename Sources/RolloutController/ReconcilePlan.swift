import Engine
import Strategies

/// One reconcile of one Rollout, planned without I/O: the engine's controller run over a
/// `SnapshotCluster` of what the informers hold, to a fixpoint at this instant. What it wants
/// written is in `changes`; `ReconcileWriter` writes it.
struct ReconcilePlan {
  /// The Rollout as read from the cache.
  var object: JSONValue
  var changes = ReconcileChanges(replicaSets: [], rollouts: [])
  /// The Rollout object to write back (annotations, spec) and its status, when they changed.
  var rolloutUpdate: JSONValue?
  var statusUpdate: JSONValue?
  var decisions: [DecisionRecord] = []
  var events: [RolloutEvent] = []
  /// When the engine wants to look again though nothing changes (a timed pause, the deadline).
  var wakeAt: Double?

  /// Passes at one instant before the plan is written anyway (the engine's own livelock guard
  /// lives in the runner; a pass that keeps changing here is written and looked at again).
  static let maxPasses = 20

  /// - Parameters:
  ///   - replicaSets: the ReplicaSets of the Rollout's namespace (the controller's own, and
  ///     orphans it may adopt).
  ///   - strategies: loads the Rollout's strategy.
  static func make(
    object: JSONValue, replicaSets: [JSONValue], services: [JSONValue], now: Double,
    strategies: StrategyProvider, specs: RolloutObject.SpecCache? = nil,
    stored: JSONValue? = nil
  ) -> ReconcilePlan {
    // `object` is what the engine reads (a `workloadRef` resolved into a template); `stored`,
    // the Rollout as the server has it, is what the writes start from: its spec is the user's.
    let stored = stored ?? object
    var plan = ReconcilePlan(object: stored)
    let original: Deployment
    do {
      original = try RolloutObject.decode(object, cache: specs)
    } catch {
      plan.statusUpdate = invalidSpecStatus(stored, message: "\(error)")
      return plan
    }
    // What the engine would fail on for want of another object: check first, so a Rollout
    // applied before its Services or its strategy's ConfigMap waits for them instead of
    // degrading (their informers requeue it when they come).
    do {
      _ = try strategies.source(named: StrategySource.defaultSpec(for: original), for: original)
    } catch {
      plan.statusUpdate = invalidSpecStatus(stored, message: "\(error)")
      return plan
    }
    let present = Set(services.compactMap { $0["metadata"]?["name"]?.stringValue })
    let params = (try? original.strategyParameters()) ?? .object([:])
    for field in ["activeService", "previewService", "stableService", "canaryService"] {
      if let name = params[field]?.stringValue, !present.contains(name) {
        plan.statusUpdate = waitingStatus(
          stored, message: "waiting for Service \"\(name)\" (spec.strategy \(field))")
        return plan
      }
    }
    let owned = ownedReplicaSets(of: original, among: replicaSets)
    let cluster = SnapshotCluster(
      now: now, deployments: [original], replicaSets: owned,
      services: services.compactMap(ServiceObject.decode))
    let controller = DeploymentController(cluster: cluster) { try strategies.strategy(for: $0) }
    var decisions: [DecisionRecord] = []
    var events: [RolloutEvent] = []
    controller.onDecision = { decisions.append($0) }
    controller.onEvent = { events.append($0) }
    for _ in 0..<maxPasses {
      let result: DeploymentController.SyncResult
      do {
        result = try controller.sync(original.key)
      } catch {
        // The snapshot refused a write (a name taken): write nothing, look again.
        plan.wakeAt = now + 1
        return plan
      }
      if let wake = result.wakeAt { plan.wakeAt = min(plan.wakeAt ?? wake, wake) }
      if !result.changed || result.awaitsReplicaSets { break }
    }
    plan.decisions = decisions
    plan.events = events
    plan.changes = cluster.changes
    if let current = cluster.get(Deployment.self, original.key) {
      let newHash = cluster.replicaSets(controlledBy: current).first {
        equalIgnoringHash($0.spec.template, current.spec.template)
      }?.podTemplateHash
      let updates = RolloutObject.updates(
        of: stored, from: original, to: current, newHash: newHash)
      plan.rolloutUpdate = updates.object
      plan.statusUpdate = updates.status
    }
    return plan
  }

  /// The ReplicaSets the Rollout controls (by UID), and the orphans its selector matches, with
  /// a controller reference added (adoption, as Kubernetes' controller-ref manager does).
  static func ownedReplicaSets(of rollout: Deployment, among objects: [JSONValue])
    -> [ReplicaSet]
  {
    let currentHash = podTemplateHash(
      rollout.spec.template, collisionCount: rollout.status?.collisionCount)
    return objects.compactMap(ReplicaSetObject.decode).map { replicaSet in
      // A real API server defaults a ReplicaSet's pod template (imagePullPolicy,
      // terminationMessagePath, ...) and a Rollout's is a custom resource's, not defaulted: the
      // ReplicaSet carrying the current template's hash is that template's, as Argo matches it.
      guard replicaSet.podTemplateHash == currentHash else { return replicaSet }
      var matched = replicaSet
      var template = rollout.spec.template
      var meta = template.metadata ?? PodTemplateSpec.TemplateMeta()
      meta.labels = (meta.labels ?? [:]).merging([Labels.podTemplateHash: currentHash]) { $1 }
      template.metadata = meta
      matched.spec.template = template
      return matched
    }.compactMap { replicaSet in
      if rollout.controls(replicaSet) { return replicaSet }
      guard replicaSet.metadata.controllerReference == nil,
        replicaSet.metadata.deletionTimestamp == nil,
        rollout.spec.selector.matches(replicaSet.metadata.labels ?? [:])
      else { return nil }
      var adopted = replicaSet
      var references = adopted.metadata.ownerReferences ?? []
      references.append(
        OwnerReference(
          apiVersion: rollout.apiVersion, kind: rollout.kind, name: rollout.metadata.name,
          uid: rollout.metadata.uid))
      adopted.metadata.ownerReferences = references
      return adopted
    }
  }

  /// A Rollout waiting for an object it names.
  static func waitingStatus(_ object: JSONValue, message: String) -> JSONValue? {
    var status = object["status"] ?? .object([:])
    if status["phase"] == nil { status["phase"] = "Progressing" }
    status["message"] = .string(message)
    if status == object["status"] { return .none }
    return .some(status)
  }

  /// A Rollout whose spec the engine cannot read: Degraded with the reason, as Argo's
  /// `InvalidSpec` condition says it.
  static func invalidSpecStatus(_ object: JSONValue, message: String) -> JSONValue? {
    var status = object["status"] ?? .object([:])
    status["phase"] = "Degraded"
    status["message"] = .string("InvalidSpec: \(message)")
    status["observedGeneration"] = .string(String(object["metadata"]?["generation"]?.intValue ?? 0))
    if status == object["status"] { return .none }
    return .some(status)
  }
}
