import DequeModule
import Engine
import Foundation
import Manifests
import RolloutAPI
import Simulator
import Strategies

/// The served cluster on one isolation domain: the session (the store, the simulated cluster,
/// the strategies), the wire-form cache every read is served from, the watches, and the runner
/// that rolls out every Deployment as time passes.
final class ServedState {
  let session: RolloutSession
  let registry: ResourceRegistry
  var cache = ObjectCache()
  let hub: WatchHub
  let runner: RolloutRunner
  var encoding: WireEncoding
  let decisions: DecisionLogWriter
  /// The earliest cluster time a rollout asked to be looked at again.
  var wakeAt: Double?
  /// The controllers must look at every rollout (at start).
  var needsSync = true
  /// Rollouts written since the controllers last looked: a write is answered after only these
  /// have been synced (syncing all of a 1,000-deployment fleet per write would make a fleet's
  /// writes quadratic); the clock's next change syncs everything as usual.
  var writtenRollouts: Set<ObjectKey> = []
  /// Objects stored beside the cluster changed since the last save.
  var unsavedObjects = false
  /// Each Rollout's spec as written (the engine runs it as a Deployment with strategy
  /// parameters; clients see what they sent).
  var rolloutSources: [ObjectKey: JSONValue] = [:]
  /// Server-side apply: each field manager's last applied configuration, by
  /// `resource/namespace/name/manager`.
  var appliedConfigurations: [String: JSONValue] = [:]
  /// When the store was last saved, and how long that took.
  var lastSave = ContinuousClock.now
  var lastSaveCost = Duration.zero
  /// The Events this server recorded, oldest first, for expiry.
  var eventTimes: Deque<(time: Double, key: ObjectKey)> = []
  /// Rollouts are decided by a controller outside (`rollout controller` against this API): they
  /// are stored as written, status and all, as a real API server stores a custom resource, and
  /// the engine here leaves them alone. Their ReplicaSets and pods are still simulated.
  var externalRollouts = false
  /// The last error the clock loop met (a livelock the runner refused), for the log.
  var lastRunError: String?

  static let objectsDocument = "api-objects.json"

  var cluster: SimulatedCluster { session.cluster }

  init(
    session: RolloutSession, epoch: Double, registry: ResourceRegistry = .served,
    externalRollouts: Bool = false
  ) throws {
    self.session = session
    self.externalRollouts = externalRollouts
    self.registry = registry
    self.encoding = WireEncoding(clock: WireClock(epoch: epoch))
    self.decisions = DecisionLogWriter(store: session.store)
    session.cluster.recordsTouches = true
    hub = WatchHub(startingAt: session.cluster.currentResourceVersion)
    runner = session.makeRunner()
    runner.controller.onDecision = { [decisions] in decisions.record($0) }
    runner.controller.onEvent = { [weak self] in self?.record($0) }
    try restoreObjects()
    eventTimes = Deque(
      cache.keys(events, namespace: nil).compactMap { key in
        guard let stamp = cache.object(events, key)?["lastTimestamp"]?.stringValue,
          let seconds = RFC3339.parse(stamp)
        else { return nil }
        return (seconds - epoch, key)
      }.sorted { $0.0 < $1.0 })
    ensureNamespace("default")
    ensureNamespace("kube-system")
    ensureNamespace("kube-public")
    _ = cluster.drainTouched()
    for type in [deployments, replicaSets, pods, services, rollouts] where isSimulated(type) {
      refreshAll(type)
    }
    deriveAllAnalysisRuns()
  }

  // MARK: Resource types the simulated cluster stores

  var deployments: ResourceType { registry.type(apiVersion: "apps/v1", kind: "Deployment")! }
  var replicaSets: ResourceType { registry.type(apiVersion: "apps/v1", kind: "ReplicaSet")! }
  var pods: ResourceType { registry.type(apiVersion: "v1", kind: "Pod")! }
  var services: ResourceType { registry.type(apiVersion: "v1", kind: "Service")! }
  var namespaces: ResourceType { registry.type(apiVersion: "v1", kind: "Namespace")! }
  var events: ResourceType { registry.type(apiVersion: "v1", kind: "Event")! }
  var configMaps: ResourceType { registry.type(apiVersion: "v1", kind: "ConfigMap")! }
  var rollouts: ResourceType { registry.type(apiVersion: "argoproj.io/v1alpha1", kind: "Rollout")! }

  /// Whether the simulated cluster stores objects of `type` (the rest live in the cache).
  func isSimulated(_ type: ResourceType) -> Bool {
    if type == rollouts { return !externalRollouts }
    return [deployments, replicaSets, pods, services].contains(type)
  }

  /// The simulated cluster's kind name for a served type.
  func simulatedType(_ kind: String) -> ResourceType? {
    switch kind {
    case Deployment.kind: deployments
    case ReplicaSet.kind: replicaSets
    case Pod.kind: pods
    case Service.kind: services
    default: nil
    }
  }

  // MARK: Refreshing the cache from the cluster

  /// Brings the cache up to date with what the cluster wrote and publishes each change to the
  /// watches, in resourceVersion order.
  func refresh() {
    let touched = cluster.drainTouched()
    guard !touched.isEmpty else { return }
    var seen = Set<SimulatedCluster.Touch>()
    var changes: [WatchEvent] = []
    for touch in touched.reversed() where seen.insert(touch).inserted {
      guard var type = simulatedType(touch.kind) else { continue }
      if type == deployments {
        // A Rollout is stored as a Deployment of kind Rollout.
        let stored = cluster.get(Deployment.self, touch.key)
        if stored?.kind == "Rollout"
          || (stored == nil && !externalRollouts && cache.entry(rollouts, touch.key) != nil)
        {
          type = rollouts
        }
      }
      if let event = refresh(type, touch.key) {
        changes.append(event)
        changes += deriveAnalysisRuns(of: type, touch.key, at: event.resourceVersion)
      }
    }
    changes.sort { $0.resourceVersion < $1.resourceVersion }
    hub.publish(changes)
  }

  /// Re-reads one object of the cluster into the cache; the change as a watch event, if any.
  private func refresh(_ type: ResourceType, _ key: ObjectKey) -> WatchEvent? {
    guard let object = wireObject(type, key) else {
      guard var gone = cache.remove(type, key)?.object else { return nil }
      let version = cluster.allocateResourceVersion()
      gone["metadata"]?["resourceVersion"] = .string(String(version))
      return WatchEvent(
        kind: .deleted, type: type, key: key, object: gone, resourceVersion: version)
    }
    let version = Self.resourceVersion(of: object)
    let previous = cache.entry(type, key)
    guard previous?.resourceVersion != version else { return nil }
    cache.put(type, key, object, version: version)
    return WatchEvent(
      kind: previous == nil ? .added : .modified, type: type, key: key, object: object,
      resourceVersion: version)
  }

  private func refreshAll(_ type: ResourceType) {
    let keys: [ObjectKey]
    switch type.kind {
    case Deployment.kind:
      keys = cluster.list(Deployment.self, namespace: nil).filter { $0.kind != "Rollout" }.map(
        \.key)
    case "Rollout":
      keys = cluster.list(Deployment.self, namespace: nil).filter { $0.kind == "Rollout" }.map(
        \.key)
    case ReplicaSet.kind: keys = cluster.list(ReplicaSet.self, namespace: nil).map(\.key)
    case Pod.kind: keys = cluster.list(Pod.self, namespace: nil).map(\.key)
    default: keys = cluster.list(Service.self, namespace: nil).map(\.key)
    }
    for key in keys {
      if let object = wireObject(type, key) {
        cache.put(type, key, object, version: Self.resourceVersion(of: object))
      }
    }
  }

  /// The cluster's object in wire form.
  func wireObject(_ type: ResourceType, _ key: ObjectKey) -> JSONValue? {
    switch type.kind {
    case Deployment.kind:
      return cluster.get(Deployment.self, key).flatMap {
        $0.kind == "Rollout" ? nil : encoding.deployment($0)
      }
    case "Rollout":
      guard let stored = cluster.get(Deployment.self, key), stored.kind == "Rollout" else {
        return nil
      }
      let newest = cluster.replicaSets(controlledBy: stored).max { $0.revision < $1.revision }
      return encoding.rollout(
        stored, source: rolloutSources[key], newHash: newest?.podTemplateHash)
    case ReplicaSet.kind: return cluster.get(ReplicaSet.self, key).map(encoding.replicaSet)
    case Service.kind: return cluster.get(Service.self, key).map(encoding.service)
    case Pod.kind:
      guard let pod = cluster.get(Pod.self, key) else { return nil }
      let owner = pod.metadata.ownerReferences?.first { $0.controller == true }
      let template = owner.flatMap {
        cluster.get(ReplicaSet.self, ObjectKey(key.namespace, $0.name))?.spec.template
      }
      return encoding.pod(
        pod, template: template, serial: Int(FNV1a.hash(key.name.utf8) & 0xFFFFFF))
    default: return nil
    }
  }

  static func resourceVersion(of object: JSONValue) -> Int {
    object["metadata"]?["resourceVersion"]?.stringValue.flatMap { Int($0) } ?? 0
  }

  // MARK: Objects stored beside the cluster

  /// Stores (or replaces) an object that lives only in the cache, publishing the change.
  @discardableResult
  func putStored(_ type: ResourceType, _ key: ObjectKey, _ object: JSONValue) -> JSONValue {
    var object = object
    let version = cluster.allocateResourceVersion()
    object["metadata"]?["resourceVersion"] = .string(String(version))
    let existed = cache.entry(type, key) != nil
    cache.put(type, key, object, version: version)
    unsavedObjects = true
    hub.publish(
      WatchEvent(
        kind: existed ? .modified : .added, type: type, key: key, object: object,
        resourceVersion: version))
    hub.publish(deriveAnalysisRuns(of: type, key, at: version))
    return object
  }

  /// Removes an object that lives only in the cache, publishing the deletion.
  func removeStored(_ type: ResourceType, _ key: ObjectKey) {
    guard var gone = cache.remove(type, key)?.object else { return }
    let version = cluster.allocateResourceVersion()
    gone["metadata"]?["resourceVersion"] = .string(String(version))
    unsavedObjects = true
    hub.publish(
      WatchEvent(kind: .deleted, type: type, key: key, object: gone, resourceVersion: version))
    hub.publish(deriveAnalysisRuns(of: type, key, at: version))
  }

  private func ensureNamespace(_ name: String) {
    guard cache.entry(namespaces, .cluster(name)) == nil else { return }
    let now = encoding.clock.timestamp(cluster.now)
    putStored(
      namespaces, .cluster(name),
      .object([
        "apiVersion": "v1", "kind": "Namespace",
        "metadata": .object([
          "name": .string(name), "uid": .string("ns-\(name)"), "creationTimestamp": now,
          "labels": .object(["kubernetes.io/metadata.name": .string(name)]),
        ]),
        "spec": .object(["finalizers": .array(["kubernetes"])]),
        "status": .object(["phase": "Active"]),
      ]))
  }

  // MARK: Saving

  /// The objects stored beside the cluster, as saved.
  struct StoredObjects: Codable {
    var objects: [StoredObject]
    /// Rollouts as written, by `namespace/name`.
    var rolloutSources: [String: String]?
    /// Server-side apply configurations, by `resource/namespace/name/manager`.
    var appliedConfigurations: [String: String]?
  }

  struct StoredObject: Codable {
    var resource: String
    var json: String
  }

  private func restoreObjects() throws {
    guard let stored = try session.store.load(Self.objectsDocument, as: StoredObjects.self) else {
      return
    }
    for (name, text) in stored.rolloutSources ?? [:] {
      let parts = name.split(separator: "/", maxSplits: 1).map(String.init)
      if parts.count == 2, let source = try? JSONValue(exactText: text) {
        rolloutSources[ObjectKey(parts[0], parts[1])] = source
      }
    }
    for (name, text) in stored.appliedConfigurations ?? [:] {
      appliedConfigurations[name] = try? JSONValue(exactText: text)
    }
    for item in stored.objects {
      guard let type = registry.types.first(where: { $0.qualifiedName == item.resource }),
        let object = try? JSONValue(exactText: item.json),
        let name = object["metadata"]?["name"]?.stringValue
      else { continue }
      let namespace =
        type.namespaced ? object["metadata"]?["namespace"]?.stringValue ?? "default" : ""
      cache.put(type, ObjectKey(namespace, name), object, version: Self.resourceVersion(of: object))
    }
  }

  /// Saves the cluster, the objects beside it and the decision log (each atomically).
  func save() throws {
    try decisions.flush()
    try session.save()
    try saveObjects()
  }

  /// Saves at most every `RolloutSession.saveInterval`, and never more than a tenth of the
  /// time: a 10,000-pod cluster takes about half a second to save, and saving it after every
  /// write would leave no time to serve.
  func checkpoint() throws {
    try decisions.checkpoint()
    let interval = max(RolloutSession.saveInterval, lastSaveCost * 10)
    guard ContinuousClock.now - lastSave >= interval else { return }
    let started = ContinuousClock.now
    try session.save()
    if unsavedObjects { try saveObjects() }
    lastSave = ContinuousClock.now
    lastSaveCost = lastSave - started
  }

  private func saveObjects() throws {
    var objects: [StoredObject] = []
    for type in registry.types where !isSimulated(type) && !isDerived(type) {
      for key in cache.keys(type, namespace: nil) {
        if let object = cache.object(type, key), let text = try? object.exactText() {
          objects.append(StoredObject(resource: type.qualifiedName, json: text))
        }
      }
    }
    var sources: [String: String] = [:]
    for (key, source) in rolloutSources {
      sources["\(key.namespace)/\(key.name)"] = try? source.exactText()
    }
    let applied = appliedConfigurations.compactMapValues { try? $0.exactText() }
    try session.store.save(
      StoredObjects(objects: objects, rolloutSources: sources, appliedConfigurations: applied),
      as: Self.objectsDocument)
    unsavedObjects = false
  }
}
