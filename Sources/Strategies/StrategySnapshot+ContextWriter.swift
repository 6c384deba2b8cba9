import Engine
import LuaBridge

/// Writing `ctx` at every step without `Codable` or Swift dictionaries: straight onto the Lua
/// stack with interned field names, the host's Context and ReplicaSet metatables already set.
/// (Reading the decision back is `LuaStrategy+DecisionReader.swift`.)
enum SnapshotKeys {
  static let names = [
    "deployment", "newRS", "oldRSs", "fenceposts", "now", "state", "params",
    "name", "namespace", "replicas", "generation", "paused", "minReadySeconds",
    "progressDeadlineSeconds", "strategyType", "labels", "annotations", "revision",
    "currentReplicas", "readyReplicas", "availableReplicas", "terminatingReplicas", "images",
    "createdAt", "maxSurge", "maxUnavailable", "stableRS", "services", "operator",
    "selector", "replicaSet", "promoted", "promoteFull", "aborted",
    // The decision table the host returns (LuaStrategy+DecisionReader.swift).
    "scale", "message", "complete", "requeueAfter", "weight", "step", "pause", "origin",
    "service", "index", "count", "reason", "seconds", "analysis",
  ]
  static let deployment = 0, newRS = 1, oldRSs = 2, fenceposts = 3, now = 4
  static let state = 5, params = 6, name = 7, namespace = 8, replicas = 9, generation = 10
  static let paused = 11, minReadySeconds = 12, progressDeadlineSeconds = 13
  static let strategyType = 14, labels = 15, annotations = 16, revision = 17
  static let currentReplicas = 18, readyReplicas = 19, availableReplicas = 20
  static let terminatingReplicas = 21, images = 22, createdAt = 23, maxSurge = 24
  static let maxUnavailable = 25, stableRS = 26, services = 27, operatorIntents = 28
  static let selector = 29, replicaSet = 30, promoted = 31, promoteFull = 32, aborted = 33
  static let scale = 34, message = 35, complete = 36, requeueAfter = 37, weight = 38
  static let step = 39, pause = 40, origin = 41, service = 42, index = 43, count = 44
  static let reason = 45, seconds = 46, analysis = 47
  /// Fields of `ctx`.
  static let contextFieldCount = 11
}

/// The host's metatables for `ctx` and the ReplicaSet handles.
struct HostMetatables {
  var context: LuaReference
  var replicaSet: LuaReference
}

extension StrategySnapshot {
  /// Writes `ctx` (11 fields) as the strategy sees it. Fresh tables at every step for scripts,
  /// so nothing a step does to them reaches the next one.
  ///
  /// A writer that reuses (trusted stock strategies, which change nothing in `ctx` but
  /// `replicas`, through `scale`, and `ctx.state`) refills the tables the last step left, and
  /// skips what is `unchanged` since the snapshot they were written from (see ContextPool):
  /// every ReplicaSet's `replicas`, `now` and `state` are written always, the rest record by
  /// record. Maps (labels, annotations, Services) are emptied before a rewrite, and
  /// `state`, `params` and each Service's record are made afresh.
  func write(
    to table: inout LuaTableWriter, metatables: HostMetatables, unchanged: Unchanged = Unchanged()
  ) {
    typealias K = SnapshotKeys
    let same = table.isReusing ? unchanged : Unchanged()
    table.setMetatable(metatables.context)
    if !same.deployment {
      let view = deployment
      table.reusableTable(K.deployment, fieldCount: 10) { view.write(to: &$0) }
    }
    table.reusableTable(K.newRS, fieldCount: 9) {
      $0.setMetatable(metatables.replicaSet)
      newReplicaSet.write(to: &$0, onlyReplicas: same.newReplicaSet)
    }
    var stable: Int?
    table.reusableTable(K.oldRSs, arrayCount: oldReplicaSets.count) { list in
      for index in oldReplicaSets.indices {
        if oldReplicaSets[index].name == stableReplicaSet { stable = index + 1 }
        list.reusableTable(at: index + 1, fieldCount: 9) {
          $0.setMetatable(metatables.replicaSet)
          oldReplicaSets[index].write(to: &$0, onlyReplicas: same.oldReplicaSet(index))
        }
      }
      list.truncate(after: oldReplicaSets.count)
    }
    // The stable may be the new ReplicaSet itself (a rollback to the stable's template); else
    // the last old one of that name.
    if let stable {
      table.alias(K.stableRS, to: K.oldRSs, element: stable)
    } else if let stableReplicaSet, newReplicaSet.name == stableReplicaSet {
      table.alias(K.stableRS, to: K.newRS)
    } else if table.isReusing {
      table.clear(K.stableRS)
    }
    if !same.fenceposts {
      table.reusableTable(K.fenceposts, fieldCount: 2) { f in
        f.set(K.maxSurge, fenceposts.maxSurge)
        f.set(K.maxUnavailable, fenceposts.maxUnavailable)
      }
    }
    table.set(K.now, now)
    table.set(K.state, json: state)
    if !same.params { table.set(K.params, json: params) }
    if !same.noServices { writeServices(to: &table) }
    table.set(K.analysis, json: analysisView)
    if !same.operatorIntents {
      let intents = operatorIntents
      table.reusableTable(K.operatorIntents, fieldCount: 3) { o in
        o.set(K.promoted, intents.promoted)
        o.set(K.promoteFull, intents.promoteFull)
        o.set(K.aborted, intents.aborted)
      }
    }
  }

  /// `ctx.analysis`: this revision's analysis runs by label.
  var analysisView: JSONValue {
    var runs: [String: JSONValue] = [:]
    for run in analysisRuns ?? [] { runs[run.label] = run.strategyView }
    return .object(runs)
  }

  /// `ctx.services`: Services by name, the first of a name winning.
  private func writeServices(to table: inout LuaTableWriter) {
    typealias K = SnapshotKeys
    table.reusableTable(K.services, fieldCount: services.count, emptied: true) { t in
      for (index, service) in services.enumerated() {
        if index > 0, services[..<index].contains(where: { $0.name == service.name }) {
          continue
        }
        t.table(name: service.name, fieldCount: 3) { s in
          s.set(K.name, service.name)
          s.table(K.selector, fieldCount: service.selector.count) { selector in
            for (key, value) in service.selector { selector.set(name: key, value) }
          }
          if let replicaSet = service.replicaSet { s.set(K.replicaSet, replicaSet) }
        }
      }
    }
  }
}

/// What a snapshot shares with the one `ctx` was last written from: the parts that need no
/// rewriting. Nothing, when there is no such snapshot.
struct Unchanged {
  var deployment = false
  var fenceposts = false
  var params = false
  var operatorIntents = false
  /// No Services, then or now (ctx:pointService changes a Service's record, so Services are
  /// otherwise always rewritten).
  var noServices = false
  /// The new ReplicaSet differs at most in `replicas`.
  var newReplicaSet = false
  /// Bit i: old ReplicaSet i differs at most in `replicas` (the first 64).
  var oldReplicaSets: UInt64 = 0

  init() {}

  init(_ snapshot: borrowing StrategySnapshot, since before: borrowing StrategySnapshot) {
    deployment = snapshot.deployment == before.deployment
    fenceposts = snapshot.fenceposts == before.fenceposts
    params = snapshot.params == before.params
    operatorIntents = snapshot.operatorIntents == before.operatorIntents
    noServices = snapshot.services.isEmpty && before.services.isEmpty
    newReplicaSet = snapshot.newReplicaSet.sameApartFromReplicas(as: before.newReplicaSet)
    let count = min(snapshot.oldReplicaSets.count, before.oldReplicaSets.count, 64)
    for index in 0..<count
    where snapshot.oldReplicaSets[index].sameApartFromReplicas(as: before.oldReplicaSets[index]) {
      oldReplicaSets |= 1 << UInt64(index)
    }
  }

  func oldReplicaSet(_ index: Int) -> Bool {
    index < 64 && oldReplicaSets & (1 << UInt64(index)) != 0
  }
}

extension DeploymentView {
  func write(to d: inout LuaTableWriter) {
    typealias K = SnapshotKeys
    d.set(K.name, name)
    d.set(K.namespace, namespace)
    d.set(K.replicas, replicas)
    d.set(K.generation, generation)
    d.set(K.paused, paused)
    d.set(K.minReadySeconds, minReadySeconds)
    d.set(K.progressDeadlineSeconds, progressDeadlineSeconds)
    d.set(K.strategyType, strategyType)
    d.reusableTable(K.labels, fieldCount: labels.count, emptied: true) { t in
      for (key, value) in labels { t.set(name: key, value) }
    }
    d.reusableTable(K.annotations, fieldCount: annotations.count, emptied: true) { t in
      for (key, value) in annotations { t.set(name: key, value) }
    }
  }
}

extension ReplicaSetView {
  /// Writes the handle's fields; only `replicas` when nothing else changed since the handle
  /// was last written (`scale` may have changed `replicas` in Lua since).
  func write(to table: inout LuaTableWriter, onlyReplicas: Bool = false) {
    typealias K = SnapshotKeys
    table.set(K.replicas, replicas)
    if onlyReplicas { return }
    table.set(K.name, name)
    table.set(K.revision, revision)
    table.set(K.currentReplicas, currentReplicas)
    table.set(K.readyReplicas, readyReplicas)
    table.set(K.availableReplicas, availableReplicas)
    table.set(K.terminatingReplicas, terminatingReplicas)
    table.reusableTable(K.images, arrayCount: images.count) { list in
      for (index, image) in images.enumerated() { list.append(index + 1, image) }
      list.truncate(after: images.count)
    }
    table.set(K.createdAt, createdAt)
  }

  /// Every field but `replicas` (StockFastPathTests counts them: add new ones here).
  func sameApartFromReplicas(as other: ReplicaSetView) -> Bool {
    availableReplicas == other.availableReplicas && readyReplicas == other.readyReplicas
      && currentReplicas == other.currentReplicas
      && terminatingReplicas == other.terminatingReplicas && revision == other.revision
      && createdAt == other.createdAt && name == other.name && images == other.images
  }
}

extension LuaTableWriter {
  /// Sets `key` to a JSON value as `LuaValue(JSONValue)` converts it (nulls are absent).
  mutating func set(_ key: Int, json: JSONValue) {
    switch json {
    case .null: if isReusing { clear(key) }
    case .bool(let flag): set(key, flag)
    case .int(let number): set(key, number)
    case .double(let number): set(key, number)
    case .string(let text): set(key, text)
    case .array(let elements): table(key, arrayCount: elements.count) { $0.fill(array: elements) }
    case .object(let members): table(key, fieldCount: members.count) { $0.fill(object: members) }
    }
  }

  mutating func fill(object: [String: JSONValue]) {
    for (name, value) in object {
      switch value {
      case .null: break
      case .bool(let flag): set(name: name, flag)
      case .int(let number): set(name: name, number)
      case .double(let number): set(name: name, number)
      case .string(let text): set(name: name, text)
      case .array(let elements):
        table(name: name, arrayCount: elements.count) { $0.fill(array: elements) }
      case .object(let members):
        table(name: name, fieldCount: members.count) { $0.fill(object: members) }
      }
    }
  }

  mutating func fill(array: [JSONValue]) {
    for (offset, value) in array.enumerated() {
      let index = offset + 1
      switch value {
      case .null: break
      case .bool(let flag): append(index, flag)
      case .int(let number): append(index, number)
      case .double(let number): append(index, number)
      case .string(let text): append(index, text)
      case .array(let elements):
        table(at: index, arrayCount: elements.count) { $0.fill(array: elements) }
      case .object(let members):
        table(at: index, fieldCount: members.count) { $0.fill(object: members) }
      }
    }
  }
}
