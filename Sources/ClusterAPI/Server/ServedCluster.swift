import Engine
import Foundation
import RolloutAPI
import Simulator
import Strategies

/// The simulated cluster served as a Kubernetes API, without HTTP: requests in, responses out,
/// and a clock that runs `speed` virtual seconds per wall second, rolling out every Deployment
/// with the engine and its strategies. The HTTP face (`KubeAPI`) is a thin layer over it.
public actor ServedCluster {
  let state: ServedState
  /// The OpenAPI v3 documents, rendered and hashed once.
  let openAPI: OpenAPIV3.Published
  /// Virtual seconds per wall second.
  public let speed: Double
  let wallStart = ContinuousClock.now
  /// Faults injected into the API (`--inject-faults`), nil for none.
  var faults: APIFaults?
  var dice = FaultDice(seed: 1)
  private let virtualStart: Double
  private var lastBookmark = ContinuousClock.now
  private var lastActions = ContinuousClock.now
  private var stopped = false

  /// Opens (and locks) the store in `directory`, creating it when new, with `settings` applied
  /// over the stored simulation settings.
  /// - Parameter externalRollouts: Argo Rollouts are decided by a controller outside (`rollout
  ///   controller`), not by this server's engine; they are stored as a real API server stores a
  ///   custom resource with a status subresource.
  public init(
    directory: String, speed: Double = 1, externalRollouts: Bool = false,
    settings: ((SimulationSettings) throws -> SimulationSettings)? = nil
  ) throws {
    let strategies = ClusterStrategies()
    let session = try RolloutSession(
      directory: directory, existing: false, settings: settings,
      strategyResolver: { try strategies.resolve($0, $1) })
    let serve = try session.store.load(Self.serveDocument, as: ServeRecord.self)
    let epoch = serve?.epoch ?? (Date().timeIntervalSince1970 - session.cluster.now).rounded(.down)
    try session.store.save(ServeRecord(epoch: epoch), as: Self.serveDocument)
    let state = try ServedState(
      session: session, epoch: epoch, externalRollouts: externalRollouts)
    strategies.lookup = { [unowned state] namespace, name, key in
      state.cache.object(state.configMaps, ObjectKey(namespace, name))?["data"]?[key]?.stringValue
    }
    self.state = state
    self.openAPI = OpenAPIV3.Published(state.registry)
    self.speed = speed
    self.virtualStart = session.cluster.now
    try state.settle()
    try state.save()
  }

  static let serveDocument = "serve.json"

  struct ServeRecord: Codable {
    /// Unix seconds at cluster time 0: wire timestamps are `epoch + cluster time`.
    var epoch: Double
  }

  /// The cluster time the wall clock says it is now.
  private var target: Double {
    let elapsed = ContinuousClock.now - wallStart
    let seconds =
      Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    return virtualStart + seconds * speed
  }

  /// Moves the cluster on to the wall clock's time, rolling out as it goes, and saves.
  public func tick() {
    guard !stopped else { return }
    do {
      try state.advance(until: target)
      try state.checkpoint()
    } catch {
      state.lastRunError = "\(error)"
    }
    if ContinuousClock.now - lastActions >= .milliseconds(100) {
      lastActions = ContinuousClock.now
      carryOutActions()
    }
    if ContinuousClock.now - lastBookmark >= .seconds(1) {
      lastBookmark = ContinuousClock.now
      state.bookmark()
    }
  }

  /// Moves the cluster `seconds` of cluster time on, whatever the wall clock says (tests, and
  /// scripted drives).
  public func advance(by seconds: Double) throws {
    try state.advance(until: state.cluster.now + seconds)
    try state.checkpoint()
  }

  /// Carries out the operator verbs other `rollout` commands left in the store
  /// (`ServedActions`), each through `OperatorActions` as the CLI does, and answers them.
  public func carryOutActions() {
    let directory = state.session.store.directory
    for (id, request) in ServedActions.take(directory: directory) {
      guard let request, let action = request.action else {
        ServedActions.answer(
          .init(done: false, message: "rollout serve does not know this request"), id: id,
          directory: directory)
        continue
      }
      do {
        let message = try carryOut(action, on: request.key)
        ServedActions.answer(.init(done: true, message: message), id: id, directory: directory)
      } catch {
        ServedActions.answer(.init(done: false, message: "\(error)"), id: id, directory: directory)
      }
    }
  }

  /// Carries out `action` on the Deployment or Rollout `key` through `OperatorActions`, as the
  /// CLI verbs do, lets the controllers react at once, and says what was done.
  func carryOut(_ action: OperatorAction, on key: ObjectKey) throws -> String {
    let provider = state.session.strategies
    let updated = try OperatorActions.perform(action, on: key, cluster: state.cluster) {
      try provider.strategy(for: $0)
    }
    state.writtenRollouts.insert(key)
    try state.settleWrites()
    try state.checkpoint()
    let kind = updated.kind == "Rollout" ? "rollout.argoproj.io" : "deployment.apps"
    return "\(kind)/\(updated.metadata.name): \(action) done by rollout serve"
  }

  /// Ticks every `interval` until cancelled.
  public func run(interval: Duration = .milliseconds(5)) async {
    while !Task.isCancelled && !stopped {
      tick()
      try? await Task.sleep(for: interval)
    }
  }

  /// Ends every watch and saves; requests afterwards are refused.
  public func stop() throws {
    guard !stopped else { return }
    stopped = true
    state.hub.closeAll()
    try state.save()
    state.session.close()
  }

  /// The cluster's clock, for tests and the start message.
  public var now: Double { state.cluster.now }

  /// Starts recording when each change is published, for `publishedAt(_:)`.
  public func probeLatency() { state.hub.publishTimes = [:] }

  /// When the change with `resourceVersion` was published, while probing.
  public func publishedAt(_ resourceVersion: Int) -> ContinuousClock.Instant? {
    state.hub.publishTimes?[resourceVersion]
  }

  /// The recorded publish times, while probing.
  public var publishTimes: [Int: ContinuousClock.Instant] { state.hub.publishTimes ?? [:] }

  /// Sends a BOOKMARK to every watch that asked for them (the clock loop does every second).
  func sendBookmarks() { state.bookmark() }

  /// The last resourceVersion handed out.
  public var currentResourceVersion: Int { state.cluster.currentResourceVersion }

  /// How many watches are open.
  public var watcherCount: Int { state.hub.watcherCount }

  /// Answers one request. Writes take effect at once: the controllers react at the same cluster
  /// instant before the answer is sent.
  public func handle(_ request: APIRequest) -> APIResponse {
    var request = request
    if let fault = injectedFault(request) { return fault }
    guard !stopped else {
      return state.body(
        503,
        APIError(code: 503, reason: "ServiceUnavailable", message: "the server is shutting down")
          .status)
    }
    do {
      if let type = request.contentType, !request.body.isEmpty,
        type.hasPrefix("application/vnd.kubernetes.protobuf")
      {
        // kubectl's typed commands send protobuf: read into the JSON form handled below.
        request.body = try KubeProtobuf.decode(request.body).exactBytes()
        request.contentType = "application/json"
      }
      if request.contentType == "application/cbor", !request.body.isEmpty {
        // CBOR is not read here; client-go then sends JSON.
        throw APIError(
          code: 415, reason: "UnsupportedMediaType",
          message:
            "the body of the request was in an unknown format - accepted media types include: application/json, application/yaml"
        )
      }
      let response = try route(request)
      if request.method != "GET" {
        try state.settleWrites()
        try state.checkpoint()
      }
      return response
    } catch let error as APIError {
      return state.body(error.code, error.status)
    } catch {
      let failure = APIError(code: 500, reason: "InternalError", message: "\(error)")
      return state.body(500, failure.status)
    }
  }

  /// Opens the watch `request` asks for; it ends after `timeoutSeconds` (default 30 minutes,
  /// with jitter as the API server) or when the server stops.
  func startWatch(
    _ type: ResourceType, namespace: String?, name: String?, request: APIRequest
  ) throws(APIError) -> APIResponse {
    let (id, stream) = try state.watch(type, namespace: namespace, name: name, request: request)
    var timeout = request.query["timeoutSeconds"].flatMap { Double($0) } ?? 1800
    if appliesFaults(to: request), let end = faults?.watchEnd(openedAt: elapsed) {
      timeout = min(timeout, end - elapsed)
    }
    Task { [weak self] in
      try? await Task.sleep(for: .seconds(timeout))
      await self?.closeWatch(id)
    }
    return .watch(
      contentType: "application/json", stream: stream,
      onEnd: { [weak self] in Task { await self?.closeWatch(id) } })
  }

  func closeWatch(_ id: Int) { state.hub.close(id) }
}
