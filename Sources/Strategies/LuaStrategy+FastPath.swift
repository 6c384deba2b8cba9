import Engine
import LuaBridge

/// The per-step conversions without `Codable` or Swift dictionaries: `ctx` is written straight
/// onto the Lua stack with interned field names (the host's Context and ReplicaSet metatables
/// already set), and the host's decision table is read field by field. The `Decodable` shape
/// remains the fallback for anything unexpected in the decision.
enum SnapshotKeys {
  static let names = [
    "deployment", "newRS", "oldRSs", "fenceposts", "now", "state", "params",
    "name", "namespace", "replicas", "generation", "paused", "minReadySeconds",
    "progressDeadlineSeconds", "strategyType", "labels", "annotations", "revision",
    "currentReplicas", "readyReplicas", "availableReplicas", "terminatingReplicas", "images",
    "createdAt", "maxSurge", "maxUnavailable", "stableRS", "services", "operator",
    "selector", "replicaSet", "promoted", "promoteFull", "aborted",
  ]
  static let deployment = 0, newRS = 1, oldRSs = 2, fenceposts = 3, now = 4
  static let state = 5, params = 6, name = 7, namespace = 8, replicas = 9, generation = 10
  static let paused = 11, minReadySeconds = 12, progressDeadlineSeconds = 13
  static let strategyType = 14, labels = 15, annotations = 16, revision = 17
  static let currentReplicas = 18, readyReplicas = 19, availableReplicas = 20
  static let terminatingReplicas = 21, images = 22, createdAt = 23, maxSurge = 24
  static let maxUnavailable = 25, stableRS = 26, services = 27, operatorIntents = 28
  static let selector = 29, replicaSet = 30, promoted = 31, promoteFull = 32, aborted = 33
  /// Fields of `ctx`.
  static let contextFieldCount = 10
}

/// The host's metatables for `ctx` and the ReplicaSet handles.
struct HostMetatables {
  var context: LuaReference
  var replicaSet: LuaReference
}

extension StrategySnapshot {
  /// Writes `ctx` (10 fields) as the strategy sees it: fresh tables at every step, so nothing
  /// a step does to them reaches the next one.
  func write(to table: inout LuaTableWriter, metatables: HostMetatables) {
    typealias K = SnapshotKeys
    table.setMetatable(metatables.context)
    let view = deployment
    table.table(K.deployment, fieldCount: 10) { d in
      d.set(K.name, view.name)
      d.set(K.namespace, view.namespace)
      d.set(K.replicas, view.replicas)
      d.set(K.generation, view.generation)
      d.set(K.paused, view.paused)
      d.set(K.minReadySeconds, view.minReadySeconds)
      d.set(K.progressDeadlineSeconds, view.progressDeadlineSeconds)
      d.set(K.strategyType, view.strategyType)
      d.table(K.labels, fieldCount: view.labels.count) { t in
        for (key, value) in view.labels { t.set(name: key, value) }
      }
      d.table(K.annotations, fieldCount: view.annotations.count) { t in
        for (key, value) in view.annotations { t.set(name: key, value) }
      }
    }
    table.table(K.newRS, fieldCount: 9) {
      $0.setMetatable(metatables.replicaSet)
      newReplicaSet.write(to: &$0)
    }
    var stable: Int?
    table.table(K.oldRSs, arrayCount: oldReplicaSets.count) { list in
      for (index, rs) in oldReplicaSets.enumerated() {
        if rs.name == stableReplicaSet { stable = index + 1 }
        list.table(at: index + 1, fieldCount: 9) {
          $0.setMetatable(metatables.replicaSet)
          rs.write(to: &$0)
        }
      }
    }
    // The stable may be the new ReplicaSet itself (a rollback to the stable's template); else
    // the last old one of that name.
    if let stableReplicaSet {
      if let stable {
        table.alias(K.stableRS, to: K.oldRSs, element: stable)
      } else if newReplicaSet.name == stableReplicaSet {
        table.alias(K.stableRS, to: K.newRS)
      }
    }
    table.table(K.fenceposts, fieldCount: 2) { f in
      f.set(K.maxSurge, fenceposts.maxSurge)
      f.set(K.maxUnavailable, fenceposts.maxUnavailable)
    }
    table.set(K.now, now)
    table.set(K.state, json: state)
    table.set(K.params, json: params)
    table.table(K.services, fieldCount: services.count) { t in
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
    table.table(K.operatorIntents, fieldCount: 3) { o in
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
    table.table(K.images, arrayCount: images.count) { list in
      for (index, image) in images.enumerated() { list.append(index + 1, image) }
    }
    table.set(K.createdAt, createdAt)
  }
}

extension LuaTableWriter {
  /// Sets `key` to a JSON value as `LuaValue(JSONValue)` converts it (nulls are absent).
  mutating func set(_ key: Int, json: JSONValue) {
    switch json {
    case .null: break
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

extension StrategyDecision {
  /// The host's decision table (less `state`) read directly; nil when anything is not the
  /// shape the host builds, so the `Decodable` path can say what is wrong.
  init?(hostTable fields: [String: LuaValue]) {
    self.init()
    if let value = fields["scale"] {
      guard let list = value.listElements else { return nil }
      scale.reserveCapacity(list.count)
      for element in list {
        guard case .map(let op) = element, case .string(let name)? = op["replicaSet"],
          case .integer(let replicas)? = op["replicas"], let count = Int(exactly: replicas)
        else { return nil }
        var origin: String?
        switch op["origin"] {
        case nil, .nil?: break
        case .string(let text)?: origin = text
        default: return nil
        }
        scale.append(ScaleOperation(replicaSet: name, replicas: count, origin: origin))
      }
    }
    switch fields["message"] {
    case nil, .nil?: break
    case .string(let text)?: message = text
    default: return nil
    }
    switch fields["complete"] {
    case nil, .nil?: break
    case .boolean(let flag)?: complete = flag
    default: return nil
    }
    if let value = fields["requeueAfter"], value != .nil {
      guard let seconds = value.seconds else { return nil }
      requeueAfter = seconds
    }
    if let value = fields["services"] {
      guard let list = value.listElements else { return nil }
      for element in list {
        guard case .map(let pointer) = element, case .string(let service)? = pointer["service"]
        else { return nil }
        var replicaSet: String?
        switch pointer["replicaSet"] {
        case nil, .nil?: break
        case .string(let name)?: replicaSet = name
        default: return nil
        }
        var origin: String?
        switch pointer["origin"] {
        case nil, .nil?: break
        case .string(let text)?: origin = text
        default: return nil
        }
        services.append(ServicePointer(service: service, replicaSet: replicaSet, origin: origin))
      }
    }
    switch fields["weight"] {
    case nil, .nil?: break
    case .integer(let value)?:
      guard let percent = Int(exactly: value) else { return nil }
      weight = percent
    default: return nil
    }
    if let value = fields["step"], value != .nil {
      guard case .map(let progress) = value, case .integer(let index)? = progress["index"],
        case .integer(let count)? = progress["count"], let i = Int(exactly: index),
        let n = Int(exactly: count)
      else { return nil }
      step = StepProgress(index: i, count: n)
    }
    if let value = fields["pause"], value != .nil {
      guard case .map(let pause) = value, case .string(let reason)? = pause["reason"] else {
        return nil
      }
      var seconds: Double?
      if let value = pause["seconds"], value != .nil {
        guard let number = value.seconds else { return nil }
        seconds = number
      }
      self.pause = PauseRequest(reason: reason, seconds: seconds)
    }
  }
}

extension LuaValue {
  /// The elements of a sequence (an empty table converts as an empty map).
  fileprivate var listElements: [LuaValue]? {
    switch self {
    case .array(let elements): return elements
    case .map(let entries) where entries.isEmpty: return []
    default: return nil
    }
  }

  fileprivate var seconds: Double? {
    switch self {
    case .integer(let value): return Double(value)
    case .number(let value): return value
    default: return nil
    }
  }
}

extension StrategyDecision {
  /// The host's decision table read in place off the Lua stack (`state` included); nil when
  /// anything is not exactly the shape the host builds (an unknown key, a wrong type, a `state`
  /// that is not a table of string keys or cannot be converted), so the ``LuaValue`` path can
  /// report it with its usual message.
  init?(hostSlot table: LuaSlot) {
    var decision = StrategyDecision()
    let read = table.forEachField { key, value in
      switch key {
      case "scale":
        return value.forEachElement { element in
          guard let operation = ScaleOperation(hostSlot: element) else { return false }
          decision.scale.append(operation)
          return true
        }
      case "message":
        guard let text = value.string else { return false }
        decision.message = text
      case "complete":
        guard let flag = value.boolean else { return false }
        decision.complete = flag
      case "requeueAfter":
        guard let seconds = value.number else { return false }
        decision.requeueAfter = seconds
      case "services":
        return value.forEachElement { element in
          guard let pointer = ServicePointer(hostSlot: element) else { return false }
          decision.services.append(pointer)
          return true
        }
      case "weight":
        guard let percent = value.integer else { return false }
        decision.weight = percent
      case "step":
        var index: Int?
        var count: Int?
        let read = value.forEachField { key, value in
          switch key {
          case "index": index = value.integer
          case "count": count = value.integer
          default: return false
          }
          return true
        }
        guard read, let index, let count else { return false }
        decision.step = StepProgress(index: index, count: count)
      case "pause":
        var reason: String?
        var seconds: Double?
        let read = value.forEachField { key, value in
          switch key {
          case "reason": reason = value.string
          case "seconds":
            seconds = value.number
            return seconds != nil
          default: return false
          }
          return true
        }
        guard read, let reason else { return false }
        decision.pause = PauseRequest(reason: reason, seconds: seconds)
      case "state":
        guard value.isTable, case .map(let members)? = value.value else { return false }
        decision.state = JSONValue(.map(members))
      default:
        return false
      }
      return true
    }
    guard read else { return nil }
    self = decision
  }
}

extension ScaleOperation {
  /// `{replicaSet = name, replicas = n, origin = "chunk:line"}` as `ReplicaSet:scale` builds it.
  fileprivate init?(hostSlot table: LuaSlot) {
    var name: String?
    var replicas: Int?
    var origin: String?
    let read = table.forEachField { key, value in
      switch key {
      case "replicaSet": name = value.string
      case "replicas": replicas = value.integer
      case "origin":
        origin = value.string
        return origin != nil
      default: return false
      }
      return true
    }
    guard read, let name, let replicas else { return nil }
    self.init(replicaSet: name, replicas: replicas, origin: origin)
  }
}

extension ServicePointer {
  /// `{service = name, replicaSet = name, origin = "chunk:line"}` as `ctx:pointService` builds it.
  fileprivate init?(hostSlot table: LuaSlot) {
    var service: String?
    var replicaSet: String?
    var origin: String?
    let read = table.forEachField { key, value in
      switch key {
      case "service": service = value.string
      case "replicaSet":
        replicaSet = value.string
        return replicaSet != nil
      case "origin":
        origin = value.string
        return origin != nil
      default: return false
      }
      return true
    }
    guard read, let service else { return nil }
    self.init(service: service, replicaSet: replicaSet, origin: origin)
  }
}
