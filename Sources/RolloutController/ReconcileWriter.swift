import Engine
import KubeClient

/// Writes a `ReconcilePlan` to the API server in its safe order, each write conditional on the
/// resourceVersion it was planned from. The first failure stops the rest: what was written is a
/// prefix of a safe order, and the next reconcile plans again from what the cluster then says.
struct ReconcileWriter {
  let client: KubeClient
  let caches: ControllerCaches
  /// Who writes Events (`source.component`).
  let component: String
  /// The decision logs as last written (used by `record` only, from one task).
  var logs = DecisionLogMap.Written()
  /// Told when the decision log could not be written.
  var onLogFailure: @Sendable (String) -> Void = { _ in }
  /// Takes the decision log and Events of a written plan, to `record` them in order later.
  var recordLater: @Sendable (ReconcilePlan, JSONValue) -> Void = { _, _ in }
  /// Told once the ReplicaSets' writes are done (when there were any).
  var onReplicaSetsWritten: @Sendable () -> Void = {}

  func write(_ plan: ReconcilePlan) async throws {
    let namespace = plan.object["metadata"]?["namespace"]?.stringValue
    for change in plan.changes.replicaSets {
      try await write(change, namespace: namespace)
    }
    if !plan.changes.replicaSets.isEmpty { onReplicaSetsWritten() }
    for change in plan.changes.services {
      let written = try await client.patch(
        .services, namespace: namespace, name: change.current.metadata.name,
        ServiceObject.selectorPatch(from: change.original, to: change.current))
      await caches.services.observe(written)
    }
    var latest = plan.object
    if let update = plan.rolloutUpdate {
      latest = try await client.replace(.rollouts, namespace: namespace, update)
      await caches.rollouts.observe(latest)
    }
    if let status = plan.statusUpdate {
      var object = latest
      object["status"] = status
      latest = try await client.replace(
        .rollouts, namespace: namespace, object, subresource: "status")
      await caches.rollouts.observe(latest)
    }
    // The log and Events are not on the rollout's path: the next reconcile need not wait.
    recordLater(plan, latest)
  }

  private func write(_ change: ReplicaSetChange, namespace: String?) async throws {
    switch change {
    case .create(let replicaSet):
      let created = try await client.create(
        .replicaSets, namespace: namespace, ReplicaSetObject.encode(replicaSet))
      await caches.replicaSets.observe(created)
    case .update(let replicaSet, _):
      guard let cached = await caches.replicaSets.object(replicaSet.key) else {
        throw KubeError.malformed("replicaset \(replicaSet.key) left the cache")
      }
      let updated = try await client.replace(
        .replicaSets, namespace: namespace, ReplicaSetObject.update(cached, to: replicaSet))
      await caches.replicaSets.observe(updated)
    case .delete(let replicaSet):
      let cached = await caches.replicaSets.object(replicaSet.key)
      try await client.delete(
        .replicaSets, namespace: namespace, name: replicaSet.metadata.name,
        uid: replicaSet.metadata.uid,
        resourceVersion: cached?["metadata"]?["resourceVersion"]?.stringValue)
      await caches.replicaSets.forget(replicaSet.key)
    }
  }

  /// The decision log (`DecisionLogMap`), and Kubernetes Events on the Rollout: each decision
  /// (Warning when not applied) and what the controller did. Best effort: a log or Event that
  /// cannot be written is logged, not a failed reconcile (the writes it describes are done).
  func record(_ plan: ReconcilePlan, rollout: JSONValue) async {
    var decisions = plan.decisions
    do {
      decisions = try await DecisionLogMap.append(
        plan.decisions, rollout: rollout, client: client, cache: logs)
    } catch {
      onLogFailure("\(error)")
    }
    var notes: [(reason: String, type: String, message: String, time: Double)] = []
    for record in decisions where Self.isNoteworthy(record) {
      let digest = record.strategy.sourceDigest.map { " \($0.suffix(8))" } ?? ""
      let message =
        "revision \(record.revision) step \(record.step) (\(record.strategy.name)\(digest)): "
        + DecisionSummary.summary(record.decision, record.outcome, in: record.snapshot)
      notes.append(
        (
          "StrategyDecision", record.outcome.result == .applied ? "Normal" : "Warning", message,
          record.time
        ))
    }
    for event in plan.events {
      if let (reason, type, message) = event.kubernetesEvent {
        notes.append((reason, type, message, event.time))
      }
    }
    guard !notes.isEmpty else { return }
    let meta = rollout["metadata"]
    let namespace = meta?["namespace"]?.stringValue ?? "default"
    for note in notes {
      let time = JSONValue.string(RFC3339.format(note.time))
      let event: JSONValue = [
        "apiVersion": "v1", "kind": "Event",
        "metadata": ["generateName": .string("\(meta?["name"]?.stringValue ?? "rollout").")],
        "involvedObject": [
          "apiVersion": "argoproj.io/v1alpha1", "kind": "Rollout",
          "name": meta?["name"] ?? .null, "namespace": .string(namespace),
          "uid": meta?["uid"] ?? .null,
        ],
        "reason": .string(note.reason), "message": .string(note.message),
        "type": .string(note.type), "count": 1, "firstTimestamp": time, "lastTimestamp": time,
        "source": ["component": .string(component)],
        "reportingComponent": .string(component),
      ]
      _ = try? await client.create(.events, namespace: namespace, event)
    }
  }

  /// Whether a decision deserves an Event: it changed something (a scale, a pause, a Service,
  /// the end) or was not applied. Waiting decisions are in the log, not in Events.
  static func isNoteworthy(_ record: DecisionRecord) -> Bool {
    guard record.outcome.result == .applied, let decision = record.decision else { return true }
    return !decision.scale.isEmpty || decision.pause != nil || !decision.services.isEmpty
      || decision.complete
  }
}

/// The informers a controller reads from and tells of its own writes.
struct ControllerCaches: Sendable {
  let rollouts: Informer
  let replicaSets: Informer
  let services: Informer
  let configMaps: Informer
  let deployments: Informer
}
