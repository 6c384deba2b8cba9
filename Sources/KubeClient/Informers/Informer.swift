import Engine
import Logging

/// A cache of one resource kept current by list and watch, as client-go's informers keep one:
/// list, then watch from the list's resourceVersion; a watch that ends is started again from the
/// last version seen, a 410 Expired lists again, and failures back off (0.5 s doubling to 30 s).
/// Every change is handed to `onChange`; every `resyncInterval` each object is handed again, so a
/// missed reaction is retried.
public actor Informer {
  public let resource: APIResource
  public let namespace: String?
  public let labelSelector: String?
  private let client: KubeClient
  private let resyncInterval: Duration?
  private let onChange: @Sendable (InformerChange) async -> Void
  private let logger: Logger
  private var objects: [ObjectKey: JSONValue] = [:]
  /// Keys by the UID of each owner their ownerReferences name, and those with no controller:
  /// a controller finds its own objects without reading everyone else's.
  private var ownedBy: [String: Set<ObjectKey>] = [:]
  private var orphans: Set<ObjectKey> = []
  private var resourceVersion = ""
  private var synced = false
  private var syncWaiters: [CheckedContinuation<Void, Never>] = []

  /// - Parameter namespace: nil watches every namespace.
  public init(
    client: KubeClient, resource: APIResource, namespace: String?, labelSelector: String? = nil,
    resyncInterval: Duration? = .seconds(900), logger: Logger = Logger(label: "rollout.informer"),
    onChange: @escaping @Sendable (InformerChange) async -> Void
  ) {
    self.client = client
    self.resource = resource
    self.namespace = namespace
    self.labelSelector = labelSelector
    self.resyncInterval = resyncInterval
    self.logger = logger
    self.onChange = onChange
  }

  /// The cached object, if any.
  public func object(_ key: ObjectKey) -> JSONValue? { objects[key] }

  /// The cached objects, in `namespace` when given, that `including` accepts, sorted by key.
  public func list(
    namespace: String? = nil, where including: (JSONValue) -> Bool = { _ in true }
  ) -> [JSONValue] {
    objects.filter { (namespace == nil || $0.key.namespace == namespace) && including($0.value) }
      .sorted { $0.key < $1.key }.map(\.value)
  }

  public var hasSynced: Bool { synced }

  /// Returns once the first list is in the cache.
  public func waitForSync() async {
    if synced { return }
    await withCheckedContinuation { syncWaiters.append($0) }
  }

  /// Puts an object this process just wrote into the cache, so the next reconcile reads its own
  /// write before the watch brings it. An older version never replaces a newer one.
  public func observe(_ object: JSONValue) {
    let key = Self.key(of: object)
    if let cached = objects[key], Self.isNewer(cached, than: object) { return }
    store(key, object)
  }

  /// An object this process just deleted.
  public func forget(_ key: ObjectKey) { store(key, nil) }

  /// The objects an ownerReference ties to the owner `uid`, and the objects of `namespace`
  /// without a controller (orphans an owner may adopt), sorted by key.
  public func objects(ownedBy uid: String, orphansIn namespace: String) -> [JSONValue] {
    let keys = (ownedBy[uid] ?? []).union(orphans.filter { $0.namespace == namespace })
    return keys.sorted().compactMap { objects[$0] }
  }

  /// Sets (or, with nil, removes) the cached object of `key`, keeping the owner index.
  private func store(_ key: ObjectKey, _ object: JSONValue?) {
    if let old = objects[key] {
      for uid in Self.ownerUIDs(of: old) { ownedBy[uid]?.remove(key) }
      orphans.remove(key)
    }
    objects[key] = object
    guard let object else { return }
    for uid in Self.ownerUIDs(of: object) { ownedBy[uid, default: []].insert(key) }
    let references = object["metadata"]?["ownerReferences"]?.arrayValue ?? []
    if !references.contains(where: { $0["controller"] == .bool(true) }) { orphans.insert(key) }
  }

  private static func ownerUIDs(of object: JSONValue) -> [String] {
    (object["metadata"]?["ownerReferences"]?.arrayValue ?? []).compactMap { $0["uid"]?.stringValue }
  }

  /// Lists and watches until the task is cancelled.
  public func run() async {
    var failures = 0
    var needsList = true
    var lastResync = ContinuousClock.now
    while !Task.isCancelled {
      do {
        if needsList {
          try await relist()
          needsList = false
          lastResync = .now
        }
        let events = try await client.watch(
          resource, namespace: namespace, resourceVersion: resourceVersion,
          labelSelector: labelSelector, timeoutSeconds: 240)
        // The server answers again: the next failure backs off from the start.
        failures = 0
        for try await event in events {
          failures = 0
          await apply(event)
          if let interval = resyncInterval, ContinuousClock.now - lastResync >= interval {
            lastResync = .now
            await resync()
          }
        }
        // The server ended the watch (its timeout, or the connection dropped): watch again
        // from where this one stopped.
        if let interval = resyncInterval, ContinuousClock.now - lastResync >= interval {
          lastResync = .now
          await resync()
        }
      } catch let error as KubeError where error.isExpired {
        logger.debug("\(resource): resourceVersion \(resourceVersion) expired; listing again")
        needsList = true
      } catch {
        if Task.isCancelled { return }
        failures += 1
        let delay = min(30.0, 0.5 * Double(1 << min(failures - 1, 6)))
        logger.warning("\(resource): \(error); retrying in \(delay) s")
        try? await Task.sleep(for: .seconds(delay))
        // After an outage the version may be gone; a list is cheap and always right. A list
        // still owed (the one that failed) stays owed.
        needsList = needsList || failures > 1
      }
    }
  }

  private func relist() async throws {
    let result = try await client.list(
      resource, namespace: namespace, labelSelector: labelSelector)
    var fresh: [ObjectKey: JSONValue] = [:]
    for item in result.items { fresh[Self.key(of: item)] = item }
    let previous = objects
    objects = [:]
    ownedBy = [:]
    orphans = []
    for (key, object) in fresh { store(key, object) }
    resourceVersion = result.resourceVersion
    for (key, old) in previous where fresh[key] == nil {
      await onChange(InformerChange(key: key, object: nil, previous: old))
    }
    for (key, object) in fresh.sorted(by: { $0.key < $1.key })
    where previous[key] != object {
      await onChange(InformerChange(key: key, object: object, previous: previous[key]))
    }
    if !synced {
      synced = true
      for waiter in syncWaiters { waiter.resume() }
      syncWaiters.removeAll()
    }
  }

  private func apply(_ event: WatchEvent) async {
    if let version = event.resourceVersion { resourceVersion = version }
    let key = Self.key(of: event.object)
    switch event.kind {
    case .bookmark: return
    case .added, .modified:
      let previous = objects[key]
      // A version seen already (our own write, observed early) changes nothing.
      if previous == event.object { return }
      store(key, event.object)
      await onChange(InformerChange(key: key, object: event.object, previous: previous))
    case .deleted:
      let previous = objects[key]
      store(key, nil)
      await onChange(InformerChange(key: key, object: nil, previous: previous ?? event.object))
    }
  }

  private func resync() async {
    for (key, object) in objects.sorted(by: { $0.key < $1.key }) {
      await onChange(InformerChange(key: key, object: object, previous: object))
    }
  }

  /// The cache key of an object: its namespace ("" for a cluster-scoped one) and name.
  public static func key(of object: JSONValue) -> ObjectKey {
    ObjectKey(
      object["metadata"]?["namespace"]?.stringValue ?? "",
      object["metadata"]?["name"]?.stringValue ?? "")
  }

  /// Whether `a` is a later version than `b`. resourceVersions are opaque to clients; the
  /// servers we know number them, and where they do not this answers false (the write wins).
  static func isNewer(_ a: JSONValue, than b: JSONValue) -> Bool {
    guard let left = UInt64(a["metadata"]?["resourceVersion"]?.stringValue ?? ""),
      let right = UInt64(b["metadata"]?["resourceVersion"]?.stringValue ?? "")
    else { return false }
    return left > right
  }
}

/// One change an informer saw: `object` nil is a deletion; `object == previous` a resync.
public struct InformerChange: Sendable {
  public var key: ObjectKey
  public var object: JSONValue?
  public var previous: JSONValue?
}
