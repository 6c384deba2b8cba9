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
    "service", "index", "count", "reason", "seconds",
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
  static let reason = 45, seconds = 46
  /// Fields of `ctx`.
  static let contextFieldCount = 10
}

/// The host's metatables for `ctx` and the ReplicaSet handles.
struct HostMetatables {
  var context: LuaReference
  var replicaSet: LuaReference
}

extension StrategySnapshot {
  /// Writes `ctx` (10 fields) as the strategy sees it. Fresh tables at every step for scripts,
  /// so nothing a step does to them reaches the next one; a writer that reuses (trusted stock
  /// strategies, which only ever change `replicas` through `scale`) refills the fixed-shape
  /// records in place, empties and refills the maps (labels, annotations, Services) and makes
  /// `state`, `params` and each Service's record afresh.
  func write(to table: inout LuaTableWriter, metatables: HostMetatables) {
    typealias K = SnapshotKeys
    table.setMetatable(metatables.context)
    let view = deployment
    table.reusableTable(K.deployment, fieldCount: 10) { d in
      d.set(K.name, view.name)
      d.set(K.namespace, view.namespace)
      d.set(K.replicas, view.replicas)
      d.set(K.generation, view.generation)
      d.set(K.paused, view.paused)
      d.set(K.minReadySeconds, view.minReadySeconds)
      d.set(K.progressDeadlineSeconds, view.progressDeadlineSeconds)
      d.set(K.strategyType, view.strategyType)
      d.reusableTable(K.labels, fieldCount: view.labels.count, emptied: true) { t in
        for (key, value) in view.labels { t.set(name: key, value) }
      }
      d.reusableTable(K.annotations, fieldCount: view.annotations.count, emptied: true) { t in
        for (key, value) in view.annotations { t.set(name: key, value) }
      }
    }
    table.reusableTable(K.newRS, fieldCount: 9) {
      $0.setMetatable(metatables.replicaSet)
      newReplicaSet.write(to: &$0)
    }
    var stable: Int?
    table.reusableTable(K.oldRSs, arrayCount: oldReplicaSets.count) { list in
      for (index, rs) in oldReplicaSets.enumerated() {
        if rs.name == stableReplicaSet { stable = index + 1 }
        list.reusableTable(at: index + 1, fieldCount: 9) {
          $0.setMetatable(metatables.replicaSet)
          rs.write(to: &$0)
        }
      }
      if list.isReusing { list.truncate(after: oldReplicaSets.count) }
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
    table.reusableTable(K.fenceposts, fieldCount: 2) { f in
      f.set(K.maxSurge, fenceposts.maxSurge)
      f.set(K.maxUnavailable, fenceposts.maxUnavailable)
    }
    table.set(K.now, now)
    table.set(K.state, json: state)
    table.set(K.params, json: params)
    table.reusableTable(K.services, fieldCount: services.count, emptied: true) { t in
      for (index, service) in services.enumerated() {
        // Services by name, the first of a name winning.
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
    let intents = operatorIntents
    table.reusableTable(K.operatorIntents, fieldCount: 3) { o in
      o.set(K.promoted, intents.promoted)
      o.set(K.promoteFull, intents.promoteFull)
      o.set(K.aborted, intents.aborted)
    }
  }
}

extension ReplicaSetView {
  func write(to table: inout LuaTableWriter) {
    typealias K = SnapshotKeys
    table.set(K.name, name)
    table.set(K.revision, revision)
    table.set(K.replicas, replicas)
    table.set(K.currentReplicas, currentReplicas)
    table.set(K.readyReplicas, readyReplicas)
    table.set(K.availableReplicas, availableReplicas)
    table.set(K.terminatingReplicas, terminatingReplicas)
    table.reusableTable(K.images, arrayCount: images.count) { list in
      for (index, image) in images.enumerated() { list.append(index + 1, image) }
      if list.isReusing { list.truncate(after: images.count) }
    }
    table.set(K.createdAt, createdAt)
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
