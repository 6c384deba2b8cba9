import Engine
import LuaBridge

// Reading the host's decision table at every step: in place off the Lua stack where it has the
// shape the host builds; the `LuaValue`/`Decodable` path remains the fallback for anything
// unexpected, so its error messages stay the reference.

extension StrategyDecision {
  /// The host's decision table (less `state`) read directly; nil when anything is not the
  /// shape the host builds, so the `Decodable` path can say what is wrong.
  init?(hostTable fields: [String: LuaValue]) {
    // Analysis requests and aborts take the `Decodable` path.
    guard fields["analyses"] == nil, fields["stopAnalyses"] == nil, fields["abort"] == nil else {
      return nil
    }
    self.init()
    if let value = fields["scale"] {
      // Flat: name, replicas, origin for each operation.
      guard let list = value.listElements, list.count % 3 == 0 else { return nil }
      scale.reserveCapacity(list.count / 3)
      for start in stride(from: 0, to: list.count, by: 3) {
        guard case .string(let name) = list[start], case .integer(let replicas) = list[start + 1],
          let count = Int(exactly: replicas)
        else { return nil }
        var origin: String?
        switch list[start + 2] {
        case .nil: break
        case .string(let text): origin = text
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
  /// report it with its usual message. Keys are matched by their index in ``SnapshotKeys``.
  init?(hostSlot table: LuaSlot) {
    typealias K = SnapshotKeys
    var decision = StrategyDecision()
    let read = table.forEachKeyedField { key, value in
      switch key {
      case K.scale:
        // Flat: name, replicas, origin for each operation (host.lua's ReplicaSet:scale).
        guard let count = value.length, count % 3 == 0 else { return false }
        decision.scale.reserveCapacity(count / 3)
        for start in stride(from: 1, through: count, by: 3) {
          guard let name = value.withElement(start, { $0.string }),
            let replicas = value.withElement(start + 1, { $0.integer })
          else { return false }
          let origin = value.withElement(start + 2) { $0.string }
          decision.scale.append(
            ScaleOperation(replicaSet: name, replicas: replicas, origin: origin))
        }
      case K.message:
        guard let text = value.string else { return false }
        decision.message = text
      case K.complete:
        guard let flag = value.boolean else { return false }
        decision.complete = flag
      case K.requeueAfter:
        guard let seconds = value.number else { return false }
        decision.requeueAfter = seconds
      case K.services:
        return value.forEachElement { element in
          guard let pointer = ServicePointer(hostSlot: element) else { return false }
          decision.services.append(pointer)
          return true
        }
      case K.weight:
        guard let percent = value.integer else { return false }
        decision.weight = percent
      case K.step:
        var index: Int?
        var count: Int?
        let read = value.forEachKeyedField { key, value in
          switch key {
          case K.index: index = value.integer
          case K.count: count = value.integer
          default: return false
          }
          return true
        }
        guard read, let index, let count else { return false }
        decision.step = StepProgress(index: index, count: count)
      case K.pause:
        var reason: String?
        var seconds: Double?
        let read = value.forEachKeyedField { key, value in
          switch key {
          case K.reason: reason = value.string
          case K.seconds:
            seconds = value.number
            return seconds != nil
          default: return false
          }
          return true
        }
        guard read, let reason else { return false }
        decision.pause = PauseRequest(reason: reason, seconds: seconds)
      case K.state:
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

extension ServicePointer {
  /// `{service = name, replicaSet = name, origin = "chunk:line"}` as `ctx:pointService` builds it.
  fileprivate init?(hostSlot table: LuaSlot) {
    typealias K = SnapshotKeys
    var service: String?
    var replicaSet: String?
    var origin: String?
    let read = table.forEachKeyedField { key, value in
      switch key {
      case K.service: service = value.string
      case K.replicaSet:
        replicaSet = value.string
        return replicaSet != nil
      case K.origin:
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
