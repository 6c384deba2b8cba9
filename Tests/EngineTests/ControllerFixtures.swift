import Engine
import Simulator

/// Builders and a harness shared by the Deployment controller and rollout runner tests: a
/// Deployment on a `SimulatedCluster`, driven by a `DeploymentController` and `RolloutRunner`,
/// with every event recorded.
enum ControllerFixtures {
  static let key = ObjectKey("default", "web")

  /// A one-container template labelled `app: web`.
  static func template(image: String) -> PodTemplateSpec {
    PodTemplateSpec(
      metadata: .init(labels: ["app": "web"]),
      spec: .object([
        "containers": .array([.object(["name": .string("web"), "image": .string(image)])])
      ]))
  }

  /// A Deployment `web` in `default`; fenceposts only when given (25%/25% otherwise).
  static func deployment(
    replicas: Int = 10, image: String = "web:v1", maxSurge: IntOrString? = nil,
    maxUnavailable: IntOrString? = nil, type: String? = nil, minReadySeconds: Int? = nil,
    progressDeadlineSeconds: Int? = nil, revisionHistoryLimit: Int? = nil, paused: Bool? = nil
  ) -> Deployment {
    var strategy: DeploymentStrategy?
    if type != nil || maxSurge != nil || maxUnavailable != nil {
      let rolling =
        maxSurge != nil || maxUnavailable != nil
        ? RollingUpdateDeployment(maxSurge: maxSurge, maxUnavailable: maxUnavailable) : nil
      strategy = DeploymentStrategy(type: type, rollingUpdate: rolling)
    }
    return Deployment(
      metadata: ObjectMeta(name: key.name, namespace: key.namespace),
      spec: DeploymentSpec(
        replicas: replicas, selector: LabelSelector(matchLabels: ["app": "web"]),
        template: template(image: image), strategy: strategy, minReadySeconds: minReadySeconds,
        revisionHistoryLimit: revisionHistoryLimit,
        progressDeadlineSeconds: progressDeadlineSeconds, paused: paused))
  }
}

/// A strategy the test can swap while the controller holds on to it.
final class StrategyBox {
  var strategy: any RolloutStrategy
  /// How many times `step` was called through the box.
  var calls = 0

  init(_ strategy: any RolloutStrategy = NativeRollingStrategy()) {
    self.strategy = strategy
  }
}

/// Forwards to the box's current strategy, counting calls.
struct BoxedStrategy: RolloutStrategy {
  let box: StrategyBox
  var name: String { box.strategy.name }

  var declaredEnvelope: EnvelopeDeclaration? { box.strategy.declaredEnvelope }

  func step(_ snapshot: StrategySnapshot) throws -> StrategyDecision {
    box.calls += 1
    return try box.strategy.step(snapshot)
  }
}

/// A strategy made of a closure, for the fakes of one test.
struct ClosureStrategy: RolloutStrategy {
  var name = "fake"
  /// The safety envelope the fake declares (nil: the manifest's).
  var declaredEnvelope: EnvelopeDeclaration?
  let decide: (StrategySnapshot) throws -> StrategyDecision

  func step(_ snapshot: StrategySnapshot) throws -> StrategyDecision {
    try decide(snapshot)
  }
}

/// One `.scaled` event, with the ReplicaSet named by its image.
struct ScaleRecord: Hashable, CustomStringConvertible {
  var image: String
  var from: Int
  var to: Int
  var time: Double

  var description: String { "\(image) \(from)->\(to) @\(time)" }
}

/// A Deployment on a simulated cluster with a controller and a runner, recording everything.
final class ControllerHarness {
  let cluster: SimulatedCluster
  let box: StrategyBox
  let controller: DeploymentController
  let runner: RolloutRunner
  var events: [RolloutEvent] = []
  var key: ObjectKey { ControllerFixtures.key }

  convenience init(
    _ deployment: Deployment, settings: SimulationSettings = SimulationSettings(readyAfter: 2),
    strategy: any RolloutStrategy = NativeRollingStrategy()
  ) throws {
    let cluster = SimulatedCluster(settings: settings)
    try self.init(deployment, cluster: cluster, strategy: strategy, create: true)
  }

  /// A harness over an existing cluster (a restored one): the Deployment is already stored
  /// when `create` is false.
  init(
    _ deployment: Deployment?, cluster: SimulatedCluster, strategy: any RolloutStrategy,
    create: Bool
  ) throws {
    self.cluster = cluster
    let box = StrategyBox(strategy)
    self.box = box
    controller = DeploymentController(cluster: cluster) { _ in BoxedStrategy(box: box) }
    runner = RolloutRunner(controller: controller)
    controller.onEvent = { [unowned self] in self.events.append($0) }
    if create, let deployment { try cluster.create(deployment) }
  }

  var deployment: Deployment { cluster.get(Deployment.self, key)! }

  /// The Deployment's ReplicaSets, by revision.
  var replicaSets: [ReplicaSet] {
    cluster.list(ReplicaSet.self, namespace: key.namespace).sorted { $0.revision < $1.revision }
  }

  /// The ReplicaSet running `image`.
  func replicaSet(image: String) -> ReplicaSet? {
    replicaSets.first { $0.spec.template.images == [image] }
  }

  /// `spec.replicas` of every ReplicaSet, by name.
  var specs: [String: Int] {
    Dictionary(uniqueKeysWithValues: replicaSets.map { ($0.metadata.name, $0.replicas) })
  }

  /// Available pods over all ReplicaSets.
  var available: Int { replicaSets.reduce(0) { $0 + $1.availableReplicas } }

  @discardableResult
  func run() throws -> RolloutRunner.Outcome { try runner.run(key) }

  /// Changes the Deployment (its template, replicas, pause) as `kubectl apply` would.
  func edit(_ change: (inout Deployment) -> Void) throws {
    var current = deployment
    change(&current)
    try cluster.update(current)
  }

  func setImage(_ image: String) throws {
    try edit { $0.spec.template = ControllerFixtures.template(image: image) }
  }

  /// Syncs to a fixpoint at the current instant, then lets the cluster apply the writes'
  /// effects (same instant). Returns the controller's wake-up time.
  @discardableResult
  func settleInstant() throws -> Double? {
    var wakeAt: Double?
    while true {
      let result = try controller.sync(key)
      if let time = result.wakeAt { wakeAt = min(wakeAt ?? time, time) }
      if !result.changed { break }
    }
    return wakeAt
  }

  /// One runner-like instant: settle, then move the clock to the next change.
  func step() throws {
    let wakeAt = try settleInstant()
    _ = cluster.waitForChange(until: wakeAt)
  }

  /// The `.scaled` events recorded so far, from `index` on.
  func scales(from index: Int = 0) -> [ScaleRecord] {
    let names = Dictionary(
      uniqueKeysWithValues: replicaSets.map {
        ($0.metadata.name, $0.spec.template.images.first ?? "")
      })
    return events[index...].compactMap { event in
      guard case .scaled(let time, _, let name, _, let from, let to, _) = event else {
        return nil
      }
      return ScaleRecord(image: names[name] ?? name, from: from, to: to, time: time)
    }
  }

  /// Events of one kind, by a predicate.
  func count(where predicate: (RolloutEvent) -> Bool) -> Int {
    events.filter(predicate).count
  }
}
