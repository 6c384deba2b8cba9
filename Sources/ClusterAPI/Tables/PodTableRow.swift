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
    let spec = pod["spec"] ?? [:]
    let status = pod["status"] ?? [:]
    let phase = TableCells.text(status["phase"])
    let conditions = status["conditions"]?.arrayValue ?? []
    var summary = Summary(
      total: spec["containers"]?.arrayValue?.count ?? 0,
      reason: TableCells.text(status["reason"]).isEmpty ? phase : TableCells.text(status["reason"]))
    if conditions.contains(where: {
      TableCells.text($0["type"]) == "PodScheduled"
        && TableCells.text($0["reason"]) == "SchedulingGated"
    }) {
      summary.reason = "SchedulingGated"
    }
    let initializing = summary.readInitContainers(spec: spec, status: status)
    let initialized = conditions.contains {
      TableCells.text($0["type"]) == "Initialized" && TableCells.text($0["status"]) == "True"
    }
    if !initializing || initialized {
      summary.readContainers(status: status, podReady: Self.isReady(conditions))
    }
    if pod["metadata"]?["deletionTimestamp"]?.stringValue != nil {
      if TableCells.text(status["reason"]) == "NodeLost" {
        summary.reason = "Unknown"
      } else if phase != "Succeeded" && phase != "Failed" {
        summary.reason = "Terminating"
      }
    }
    var restarts = String(summary.restarts)
    if summary.restarts != 0, let last = summary.lastRestart {
      restarts += " (" + HumanDuration.string(seconds: now - last) + " ago)"
    }
    let podIP =
      status["podIPs"]?.arrayValue?.first.map { TableCells.text($0["ip"]) }
      ?? TableCells.text(status["podIP"])
    let cells: [JSONValue] = [
      .string(TableCells.name(pod)), .string("\(summary.ready)/\(summary.total)"),
      .string(summary.reason), .string(restarts), .string(TableCells.age(pod, now: now)),
      .string(orNone(podIP)), .string(orNone(TableCells.text(spec["nodeName"]))),
      .string(orNone(TableCells.text(status["nominatedNodeName"]))),
      .string(readinessGates(spec: spec, conditions: conditions)),
    ]
    return TableRow(cells: cells, conditions: completion(phase))
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
    mutating func readInitContainers(spec: JSONValue, status: JSONValue) -> Bool {
      let declared = spec["initContainers"]?.arrayValue ?? []
      let sidecars = Set(
        declared.filter { TableCells.text($0["restartPolicy"]) == "Always" }
          .map { TableCells.text($0["name"]) })
      total += sidecars.count
      for (index, container) in (status["initContainerStatuses"]?.arrayValue ?? []).enumerated() {
        let count = TableCells.number(container["restartCount"])
        let finished = PodTableRow.lastTermination(container)
        restarts += count
        lastRestart = PodTableRow.later(lastRestart, finished)
        let isSidecar = sidecars.contains(TableCells.text(container["name"]))
        if isSidecar {
          sidecarRestarts += count
          lastSidecarRestart = PodTableRow.later(lastSidecarRestart, finished)
        }
        let state = container["state"] ?? [:]
        let terminated = state["terminated"]?.objectValue != nil ? state["terminated"] : nil
        let waiting = state["waiting"]?.objectValue != nil ? state["waiting"] : nil
        if let terminated, TableCells.number(terminated["exitCode"]) == 0 { continue }
        if isSidecar, container["started"] == .bool(true) {
          if container["ready"] == .bool(true) { ready += 1 }
          continue
        }
        if let terminated {
          reason = "Init:" + PodTableRow.terminationReason(terminated)
        } else if let waiting, !TableCells.text(waiting["reason"]).isEmpty,
          TableCells.text(waiting["reason"]) != "PodInitializing"
        {
          reason = "Init:" + TableCells.text(waiting["reason"])
        } else {
          reason = "Init:\(index)/\(declared.count)"
        }
        return true
      }
      return false
    }

    /// The app containers, last first, so the first one's reason wins; a pod whose containers
    /// completed but one still runs is `Running` (ready) or `NotReady`.
    mutating func readContainers(status: JSONValue, podReady: Bool) {
      restarts = sidecarRestarts
      lastRestart = lastSidecarRestart
      var running = false
      for container in (status["containerStatuses"]?.arrayValue ?? []).reversed() {
        restarts += TableCells.number(container["restartCount"])
        lastRestart = PodTableRow.later(lastRestart, PodTableRow.lastTermination(container))
        let state = container["state"] ?? [:]
        let waitingReason = TableCells.text(state["waiting"]?["reason"])
        if state["waiting"]?.objectValue != nil, !waitingReason.isEmpty {
          reason = waitingReason
        } else if let terminated = state["terminated"], terminated.objectValue != nil {
          reason = PodTableRow.terminationReason(terminated)
        } else if container["ready"] == .bool(true), state["running"]?.objectValue != nil {
          running = true
          ready += 1
        }
      }
      if reason == "Completed" && running { reason = podReady ? "Running" : "NotReady" }
    }
  }

  /// A terminated state's reason, else `Signal:N` or `ExitCode:N`.
  private static func terminationReason(_ terminated: JSONValue) -> String {
    let reason = TableCells.text(terminated["reason"])
    if !reason.isEmpty { return reason }
    let signal = TableCells.number(terminated["signal"])
    return signal != 0
      ? "Signal:\(signal)" : "ExitCode:\(TableCells.number(terminated["exitCode"]))"
  }

  private static func lastTermination(_ container: JSONValue) -> Double? {
    guard let text = container["lastState"]?["terminated"]?["finishedAt"]?.stringValue else {
      return nil
    }
    return RFC3339.parse(text)
  }

  private static func later(_ one: Double?, _ other: Double?) -> Double? {
    guard let one else { return other }
    guard let other else { return one }
    return max(one, other)
  }

  private static func isReady(_ conditions: [JSONValue]) -> Bool {
    conditions.contains {
      TableCells.text($0["type"]) == "Ready" && TableCells.text($0["status"]) == "True"
    }
  }

  private static func readinessGates(spec: JSONValue, conditions: [JSONValue]) -> String {
    let gates = spec["readinessGates"]?.arrayValue ?? []
    guard !gates.isEmpty else { return "<none>" }
    let met = gates.filter { gate in
      let type = TableCells.text(gate["conditionType"])
      return conditions.first { TableCells.text($0["type"]) == type }
        .map { TableCells.text($0["status"]) == "True" } ?? false
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
