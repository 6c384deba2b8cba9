import Engine
import Foundation
import KubeClient
import Logging
import Strategies

/// `rollout controller`: the engine's Deployment controller and strategy host deciding every
/// Argo `Rollout` on a Kubernetes API server, as Argo Rollouts' controller does: informers on
/// Rollouts, ReplicaSets, Services and ConfigMaps; a rate-limited work queue keyed by Rollout;
/// a few reconciles at a time (never two of one Rollout), each planned over the caches
/// (`ReconcilePlan`) and written back with optimistic concurrency (`ReconcileWriter`). A failed write requeues the Rollout with back-off.
public actor ClusterController {
  public struct Options: Sendable {
    /// The namespace to manage; nil manages every namespace.
    public var namespace: String?
    /// How often every object is handed to the handlers again.
    public var resyncInterval: Duration
    /// `source.component` of the Events written.
    public var component: String
    /// Reconciles under way at once (of different Rollouts). Planning runs on the controller's
    /// actor, one at a time; the workers overlap their requests to the API server.
    public var workers: Int

    public init(
      namespace: String?, resyncInterval: Duration = .seconds(900),
      component: String = "rollout-controller", workers: Int = 4
    ) {
      self.namespace = namespace
      self.resyncInterval = resyncInterval
      self.component = component
      self.workers = max(1, workers)
    }
  }

  let client: KubeClient
  let options: Options
  let logger: Logger
  let queue = WorkQueue<ObjectKey>(maxDelay: .seconds(30))
  private(set) var caches: ControllerCaches!
  private let clusterStrategies = ClusterStrategies()
  private let strategies: StrategyProvider
  private var configMapTexts: [ObjectKey: JSONValue] = [:]
  private let specs = RolloutObject.SpecCache()
  /// When a ReplicaSet of each Rollout last changed on the watch (for the scale latency).
  private var replicaSetSeen: [ObjectKey: ContinuousClock.Instant] = [:]
  private let observer: ControllerObserver
  /// Decision logs and Events, written in order by one task, off the reconciles' path.
  private let (recordings, recorder) = AsyncStream<(ReconcilePlan, JSONValue)>.makeStream()

  public init(
    client: KubeClient, options: Options, observer: ControllerObserver = ControllerObserver(),
    logger: Logger = Logger(label: "rollout.controller")
  ) {
    self.client = client
    self.options = options
    self.logger = logger
    self.observer = observer
    let strategies = clusterStrategies
    self.strategies = StrategyProvider { try strategies.resolve($0, $1) }
  }

  /// Runs until the task is cancelled: the informers, then the workers once they have synced.
  public func run() async {
    let caches = makeCaches()
    self.caches = caches
    clusterStrategies.lookup = { [unowned self] namespace, name, key in
      self.assumeIsolated { $0.configMapTexts[ObjectKey(namespace, name)]?[key]?.stringValue }
    }
    await withTaskGroup(of: Void.self) { group in
      for informer in [
        caches.rollouts, caches.replicaSets, caches.services, caches.configMaps,
        caches.deployments,
      ] {
        group.addTask { await informer.run() }
      }
      group.addTask { [self] in
        var writer = ReconcileWriter(
          client: client, caches: caches, component: options.component)
        writer.onLogFailure = { [logger] in logger.warning("the decision log: \($0)") }
        for await (plan, rollout) in recordings { await writer.record(plan, rollout: rollout) }
      }
      group.addTask { [self] in
        for informer in [
          caches.replicaSets, caches.services, caches.configMaps, caches.deployments,
          caches.rollouts,
        ] {
          await informer.waitForSync()
        }
        observer.ready()
        await withTaskGroup(of: Void.self) { workers in
          for _ in 0..<options.workers { workers.addTask { await self.work() } }
        }
      }
      await withTaskCancellationHandler {
        await group.waitForAll()
      } onCancel: {
        Task { await self.queue.shutDown() }
        recorder.finish()
      }
    }
  }

  private func makeCaches() -> ControllerCaches {
    let namespace = options.namespace
    let resync = options.resyncInterval
    func informer(
      _ resource: APIResource, labelSelector: String? = nil,
      _ handle: @escaping @Sendable (InformerChange) async -> Void
    )
      -> Informer
    {
      Informer(
        client: client, resource: resource, namespace: namespace, labelSelector: labelSelector,
        resyncInterval: resync, logger: logger, onChange: handle)
    }
    return ControllerCaches(
      rollouts: informer(.rollouts) { [weak self] change in
        await self?.rolloutChanged(change)
      },
      replicaSets: informer(.replicaSets) { [weak self] change in
        await self?.replicaSetChanged(change)
      },
      services: informer(.services) { [weak self] change in
        await self?.enqueueNamespace(change.key.namespace)
      },
      // Strategies live in ConfigMaps; the decision logs the controller writes are not watched.
      configMaps: informer(.configMaps, labelSelector: "!\(DecisionLogMap.label)") {
        [weak self] change in
        await self?.configMapChanged(change)
      },
      deployments: informer(.deployments) { [weak self] change in
        await self?.deploymentChanged(change)
      })
  }

  private func rolloutChanged(_ change: InformerChange) async {
    guard change.object != nil else { return specs.forget(change.key) }
    await queue.add(change.key)
  }

  private func replicaSetChanged(_ change: InformerChange) async {
    let object = change.object ?? change.previous
    let references = object?["metadata"]?["ownerReferences"]?.arrayValue ?? []
    if let owner = references.first(where: { $0["controller"] == .bool(true) }) {
      guard owner["kind"]?.stringValue == "Rollout",
        let name = owner["name"]?.stringValue
      else { return }
      let key = ObjectKey(change.key.namespace, name)
      if replicaSetSeen[key] == nil { replicaSetSeen[key] = .now }
      await queue.add(key)
      return
    }
    // An orphan: a Rollout whose selector matches may adopt it.
    await enqueueNamespace(change.key.namespace)
  }

  /// Every Rollout of `namespace` (a Service came or changed: one may be waiting for it).
  private func enqueueNamespace(_ namespace: String) async {
    guard let caches else { return }
    for rollout in await caches.rollouts.list(namespace: namespace) {
      await queue.add(Informer.key(of: rollout))
    }
  }

  /// A Deployment changed: the Rollouts whose `workloadRef` names it read it again.
  private func deploymentChanged(_ change: InformerChange) async {
    for rollout in await caches.rollouts.list(namespace: change.key.namespace)
    where rollout["spec"]?["workloadRef"]?["name"]?.stringValue == change.key.name {
      await queue.add(Informer.key(of: rollout))
    }
  }

  private func configMapChanged(_ change: InformerChange) async {
    let prefix = "configmap/\(change.key.name)/"
    for rollout in await caches.rollouts.list(namespace: change.key.namespace) {
      let spec = rollout["metadata"]?["annotations"]?[Annotations.strategy]?.stringValue ?? ""
      if spec.hasPrefix(prefix) { await queue.add(Informer.key(of: rollout)) }
    }
  }

  private func work() async {
    while let key = await queue.next() {
      let started = ContinuousClock.now
      do {
        try await reconcile(key)
        await queue.forget(key)
        observer.reconciled(outcome: "success", since: started)
      } catch let error as KubeError where error.isConflict {
        logger.debug("\(key): \(error); reconciling again from the newer version")
        await queue.addRateLimited(key)
        observer.reconciled(outcome: "conflict", since: started)
      } catch {
        logger.warning("\(key): \(error)")
        await queue.addRateLimited(key)
        observer.reconciled(outcome: "error", since: started)
      }
      await queue.done(key)
      observer.queueDepth(await queue.depth)
    }
  }

  /// One reconcile of the Rollout `key`.
  func reconcile(_ key: ObjectKey) async throws {
    guard let stored = await caches.rollouts.object(key),
      stored["metadata"]?["deletionTimestamp"] == nil
    else { return }
    var object = stored
    let workload: (reference: WorkloadRef, deployment: JSONValue)?
    switch try await referencedWorkload(of: stored, in: key.namespace) {
    case .none: workload = nil
    case .some(.success(let found)):
      workload = found
      object = WorkloadRef.resolved(stored, deployment: found.deployment)
    case .some(.failure(let problem)):
      if let status = problem.status { try await writeStatus(status, of: stored) }
      return
    }
    let spec = object["metadata"]?["annotations"]?[Annotations.strategy]?.stringValue ?? ""
    if let reference = ClusterStrategies.configMapReference(spec) {
      let mapKey = ObjectKey(key.namespace, reference.name)
      configMapTexts[mapKey] = await caches.configMaps.object(mapKey)?["data"]
    }
    // This Rollout's ReplicaSets, and orphans it may adopt, from the owner index: a namespace
    // of a thousand Rollouts costs each reconcile its own few.
    let replicaSets = await caches.replicaSets.objects(
      ownedBy: object["metadata"]?["uid"]?.stringValue ?? "", orphansIn: key.namespace)
    let services = await caches.services.list(namespace: key.namespace)
    let seen = replicaSetSeen.removeValue(forKey: key)
    let now = Date().timeIntervalSince1970.rounded(.down)
    let planning = ContinuousClock.now
    let plan = ReconcilePlan.make(
      object: object, replicaSets: replicaSets, services: services, now: now,
      strategies: strategies, specs: specs, stored: stored)
    let planned = ContinuousClock.now
    for record in plan.decisions { observer.decided(record) }
    var writer = ReconcileWriter(client: client, caches: caches, component: options.component)
    writer.recordLater = { [recorder] in recorder.yield(($0, $1)) }
    writer.onReplicaSetsWritten = { [observer] in
      if let seen { observer.scaleLatency(.now - seen) }
    }
    try await writer.write(plan)
    logger.debug(
      "\(key): planned in \(planned - planning), written in \(ContinuousClock.now - planned)")
    if let workload {
      try await scaleDown(workload.deployment, per: workload.reference, plan: plan, object: object)
    }
    if let phase = (plan.statusUpdate ?? object["status"])?["phase"]?.stringValue {
      observer.phase(of: key, phase)
    }
    if let wake = plan.wakeAt {
      await queue.add(key, after: .seconds(max(1, wake - now)))
    }
  }
}
