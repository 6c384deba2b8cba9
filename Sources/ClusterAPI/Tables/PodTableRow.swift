import Engine

/// A Pod's row as Kubernetes prints it: READY counts running ready containers, STATUS is the
/// most telling reason (an init container's trouble, a container's waiting or terminated
/// reason, `Terminating`, else the phase), RESTARTS adds when the last one happened.
enum PodTableRow {
  static let columns: [TableColumn] = [
    .name, .plain("Ready", Describe.podReady), .plain("Status", Describe.podStatus),
    .plain("Restarts", Describe.podRestarts), .age, .wide("IP", Describe.podIP),
    .wide("Node", Describe.nodeName), .wide("Nominated Node", Describe.nominatedNode),
    .wide("Readiness Gates", Describe.readinessGates),
  ]

  static func row(_ pod: JSONValue, now: Double) -> TableRow {
    let fields = PodFields(pod)
    let conditions = Conditions(fields.conditions)
    var summary = Summary(
      total: fields.containerCount, reason: fields.reason.isEmpty ? fields.phase : fields.reason)
    if conditions.schedulingGated { summary.reason = "SchedulingGated" }
    let initializing = summary.readInitContainers(
      declared: fields.initContainers, statuses: fields.initContainerStatuses)
    if !initializing || conditions.initialized {
      summary.readContainers(fields.containerStatuses, podReady: conditions.ready)
    }
    if fields.deleting {
      if fields.reason == "NodeLost" {
        summary.reason = "Unknown"
      } else if fields.phase != "Succeeded" && fields.phase != "Failed" {
        summary.reason = "Terminating"
      }
    }
    var restarts = String(summary.restarts)
    if summary.restarts != 0, let last = summary.lastRestart {
      restarts += " (" + HumanDuration.string(seconds: now - last) + " ago)"
    }
    let cells: [JSONValue] = [
      .string(fields.name), .string(String(summary.ready) + "/" + String(summary.total)),
      .string(summary.reason), .string(restarts),
      .string(TableCells.since(fields.creationTimestamp, now: now)),
      .string(orNone(fields.firstPodIP ?? fields.podIP)), .string(orNone(fields.nodeName)),
      .string(orNone(fields.nominatedNodeName)),
      .string(readinessGates(fields.readinessGates, conditions: conditions)),
    ]
    return TableRow(cells: cells, conditions: completion(fields.phase))
  }

  /// What the printer asks of the pod's conditions, read in one pass.
  private struct Conditions {
    var ready = false
    var initialized = false
    var schedulingGated = false
    /// The status of each condition type, kept for readiness gates.
    var statuses: [(type: String, isTrue: Bool)] = []

    init(_ conditions: [JSONValue]) {
      for condition in conditions {
        guard case .object(let members) = condition else { continue }
        var type = ""
        var isTrue = false
        var reason = ""
        for (key, value) in members {
          switch key {
          case "type": type = value.stringValue ?? ""
          case "status": isTrue = value.stringValue == "True"
          case "reason": reason = value.stringValue ?? ""
          default: break
          }
        }
        statuses.append((type, isTrue))
        switch type {
        case "Ready": ready = ready || isTrue
        case "Initialized": initialized = initialized || isTrue
        case "PodScheduled": schedulingGated = schedulingGated || reason == "SchedulingGated"
        default: break
        }
      }
    }
  }

  /// The running state being worked out, container by container.
  private struct Summary {
    var total: Int
    var reason: String
    var ready = 0
    var restarts = 0
    var lastRestart: Double?
    var sidecarRestarts = 0
    var lastSidecarRestart: Double?

    /// Init containers in order, stopping at the first not done; true while the pod is still
    /// initializing. Sidecars (`restartPolicy: Always`) count as containers.
    mutating func readInitContainers(declared: [JSONValue], statuses: [JSONValue]) -> Bool {
      let sidecars =
        declared.isEmpty
        ? []
        : Set(
          declared.filter { TableCells.text($0["restartPolicy"]) == "Always" }
            .map { TableCells.text($0["name"]) })
      total += sidecars.count
      for (index, status) in statuses.enumerated() {
        let container = ContainerFields(status)
        restarts += container.restartCount
        lastRestart = PodTableRow.later(lastRestart, container.lastFinished)
        let isSidecar = sidecars.contains(container.name)
        if isSidecar {
          sidecarRestarts += container.restartCount
          lastSidecarRestart = PodTableRow.later(lastSidecarRestart, container.lastFinished)
        }
        if let terminated = container.terminated, TableCells.number(terminated["exitCode"]) == 0 {
          continue
        }
        if isSidecar, container.started {
          if container.ready { ready += 1 }
          continue
        }
        let waitingReason = container.waitingReason
        if let terminated = container.terminated {
          reason = "Init:" + PodTableRow.terminationReason(terminated)
        } else if container.waiting != nil, !waitingReason.isEmpty,
          waitingReason != "PodInitializing"
        {
          reason = "Init:" + waitingReason
        } else {
          reason = "Init:\(index)/\(declared.count)"
        }
        return true
      }
      return false
    }

    /// The app containers, last first, so the first one's reason wins; a pod whose containers
    /// completed but one still runs is `Running` (ready) or `NotReady`.
    mutating func readContainers(_ statuses: [JSONValue], podReady: Bool) {
      restarts = sidecarRestarts
      lastRestart = lastSidecarRestart
      var running = false
      for status in statuses.reversed() {
        let container = ContainerFields(status)
        restarts += container.restartCount
        lastRestart = PodTableRow.later(lastRestart, container.lastFinished)
        if container.waiting != nil, !container.waitingReason.isEmpty {
          reason = container.waitingReason
        } else if let terminated = container.terminated {
          reason = PodTableRow.terminationReason(terminated)
        } else if container.ready, container.running {
          running = true
          ready += 1
        }
      }
      if reason == "Completed" && running { reason = podReady ? "Running" : "NotReady" }
    }
  }

  /// A terminated state's reason, else `Signal:N` or `ExitCode:N`.
  private static func terminationReason(_ terminated: [String: JSONValue]) -> String {
    let reason = TableCells.text(terminated["reason"])
    if !reason.isEmpty { return reason }
    let signal = TableCells.number(terminated["signal"])
    return signal != 0
      ? "Signal:\(signal)" : "ExitCode:\(TableCells.number(terminated["exitCode"]))"
  }

  private static func later(_ one: Double?, _ other: Double?) -> Double? {
    guard let one else { return other }
    guard let other else { return one }
    return max(one, other)
  }

  private static func readinessGates(_ gates: [JSONValue], conditions: Conditions) -> String {
    guard !gates.isEmpty else { return "<none>" }
    let met = gates.filter { gate in
      let type = TableCells.text(gate["conditionType"])
      return conditions.statuses.first { $0.type == type }?.isTrue ?? false
    }
    return "\(met.count)/\(gates.count)"
  }

  /// The row condition Kubernetes marks finished pods with.
  private static func completion(_ phase: String) -> [JSONValue] {
    let message: String
    switch phase {
    case "Succeeded": message = "The pod has completed successfully."
    case "Failed": message = "The pod failed."
    default: return []
    }
    return [
      [
        "type": "Completed", "status": "True", "reason": .string(phase),
        "message": .string(message),
      ]
    ]
  }

  private static func orNone(_ text: String) -> String { text.isEmpty ? "<none>" : text }
}
