import Engine

/// The members of a wire Pod that its table row needs, read in one pass over each object's
/// keys. A keyed lookup hashes its key (most of the cost of a 10,000-pod table); comparing the
/// few keys an object has is several times cheaper.
struct PodFields {
  var name = ""
  var creationTimestamp: JSONValue?
  var deleting = false
  var containerCount = 0
  var initContainers: [JSONValue] = []
  var nodeName = ""
  var readinessGates: [JSONValue] = []
  var phase = ""
  var reason = ""
  var conditions: [JSONValue] = []
  var containerStatuses: [JSONValue] = []
  var initContainerStatuses: [JSONValue] = []
  var podIP = ""
  var firstPodIP: String?
  var nominatedNodeName = ""

  init(_ pod: JSONValue) {
    guard case .object(let members) = pod else { return }
    for (key, value) in members {
      guard case .object(let part) = value else { continue }
      switch key {
      case "metadata": readMetadata(part)
      case "spec": readSpec(part)
      case "status": readStatus(part)
      default: break
      }
    }
  }

  private mutating func readMetadata(_ metadata: [String: JSONValue]) {
    for (key, value) in metadata {
      switch key {
      case "name": name = value.stringValue ?? ""
      case "creationTimestamp": creationTimestamp = value
      case "deletionTimestamp": deleting = value.stringValue != nil
      default: break
      }
    }
  }

  private mutating func readSpec(_ spec: [String: JSONValue]) {
    for (key, value) in spec {
      switch key {
      case "containers": containerCount = value.arrayValue?.count ?? 0
      case "initContainers": initContainers = value.arrayValue ?? []
      case "nodeName": nodeName = value.stringValue ?? ""
      case "readinessGates": readinessGates = value.arrayValue ?? []
      default: break
      }
    }
  }

  private mutating func readStatus(_ status: [String: JSONValue]) {
    for (key, value) in status {
      switch key {
      case "phase": phase = value.stringValue ?? ""
      case "reason": reason = value.stringValue ?? ""
      case "conditions": conditions = value.arrayValue ?? []
      case "containerStatuses": containerStatuses = value.arrayValue ?? []
      case "initContainerStatuses": initContainerStatuses = value.arrayValue ?? []
      case "podIP": podIP = value.stringValue ?? ""
      case "podIPs":
        if let first = value.arrayValue?.first { firstPodIP = first["ip"]?.stringValue ?? "" }
      case "nominatedNodeName": nominatedNodeName = value.stringValue ?? ""
      default: break
      }
    }
  }
}

/// A container status as the Pod row reads it, in one pass.
struct ContainerFields {
  var name = ""
  var ready = false
  var started = false
  var restartCount = 0
  /// `lastState.terminated.finishedAt`, when the container has restarted.
  var lastFinished: Double?
  /// Which of `waiting`, `running`, `terminated` the state holds.
  var waiting: [String: JSONValue]?
  var running = false
  var terminated: [String: JSONValue]?

  init(_ status: JSONValue) {
    guard case .object(let members) = status else { return }
    for (key, value) in members {
      switch key {
      case "name": name = value.stringValue ?? ""
      case "ready": ready = value == .bool(true)
      case "started": started = value == .bool(true)
      case "restartCount": restartCount = value.intValue ?? 0
      case "lastState":
        if let text = value["terminated"]?["finishedAt"]?.stringValue {
          lastFinished = RFC3339.parse(text)
        }
      case "state": readState(value)
      default: break
      }
    }
  }

  private mutating func readState(_ state: JSONValue) {
    guard case .object(let members) = state else { return }
    for (key, value) in members {
      guard case .object(let detail) = value else { continue }
      switch key {
      case "waiting": waiting = detail
      case "running": running = true
      case "terminated": terminated = detail
      default: break
      }
    }
  }

  /// The waiting reason, `""` when not waiting or none is given.
  var waitingReason: String { waiting?["reason"]?.stringValue ?? "" }
}
