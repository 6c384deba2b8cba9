import Engine
import Testing

@testable import ClusterAPI

/// Pod rows against the cases of Kubernetes' `printers_test.go` (`TestPrintPod`,
/// `TestPrintPodWithRestartableInitContainer`, `TestPrintPodwide`), written as wire JSON.
@Suite struct PodTableTests {
  static let now = 1_795_983_300.0

  /// A container status: `state` is `running`, `waiting:<reason>` or
  /// `terminated:<reason>:<exit code>`; `lastTerminated` seconds before now.
  static func status(
    _ state: String? = nil, ready: Bool = false, restarts: Int = 0, started: Bool? = nil,
    name: String = "", lastTerminated: Double? = nil
  ) -> JSONValue {
    var members: [String: JSONValue] = [
      "name": .string(name), "ready": .bool(ready), "restartCount": .int(restarts),
    ]
    if let state {
      let parts = state.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
      switch parts[0] {
      case "running": members["state"] = ["running": [:]]
      case "waiting":
        members["state"] = ["waiting": parts.count > 1 ? ["reason": .string(parts[1])] : [:]]
      default:
        var terminated: [String: JSONValue] = [:]
        if parts.count > 1, !parts[1].isEmpty { terminated["reason"] = .string(parts[1]) }
        if parts.count > 2 { terminated["exitCode"] = .int(Int(parts[2]) ?? 0) }
        members["state"] = ["terminated": .object(terminated)]
      }
    }
    if let started { members["started"] = .bool(started) }
    if let lastTerminated {
      members["lastState"] = [
        "terminated": ["finishedAt": .string(RFC3339.format(now - lastTerminated))]
      ]
    }
    return .object(members)
  }

  static func pod(
    _ name: String, containers: Int, initContainers: [JSONValue] = [], phase: String,
    reason: String? = nil, statuses: [JSONValue] = [], initStatuses: [JSONValue] = [],
    conditions: [JSONValue] = [], deleted: Bool = false
  ) -> JSONValue {
    var metadata: JSONValue = ["name": .string(name)]
    if deleted { metadata["deletionTimestamp"] = .string(RFC3339.format(now - 10)) }
    var status: JSONValue = [
      "phase": .string(phase), "containerStatuses": .array(statuses),
      "initContainerStatuses": .array(initStatuses), "conditions": .array(conditions),
    ]
    if let reason { status["reason"] = .string(reason) }
    return [
      "metadata": metadata,
      "spec": [
        "containers": .array(Array(repeating: ["name": ""], count: containers)),
        "initContainers": .array(initContainers),
      ],
      "status": status,
    ]
  }

  static let cases: [(JSONValue, [String])] = [
    (
      pod(
        "test1", containers: 2, phase: "podPhase",
        statuses: [status("running", ready: true, restarts: 3), status(restarts: 3)]),
      ["test1", "1/2", "podPhase", "6"]
    ),
    (
      pod(
        "test2", containers: 2, phase: "podPhase",
        statuses: [
          status("running", ready: true, restarts: 3),
          status("waiting:ContainerWaitingReason", restarts: 3),
        ]),
      ["test2", "1/2", "ContainerWaitingReason", "6"]
    ),
    (
      pod(
        "test3", containers: 2, phase: "podPhase",
        statuses: [
          status("waiting:ContainerWaitingReason", restarts: 3),
          status("terminated:ContainerTerminatedReason", restarts: 3),
        ]),
      ["test3", "0/2", "ContainerWaitingReason", "6"]
    ),
    (
      pod(
        "test4", containers: 2, phase: "podPhase",
        statuses: [status("running", ready: true, restarts: 3), status(ready: true, restarts: 3)]),
      ["test4", "1/2", "podPhase", "6"]
    ),
    (
      pod(
        "test5", containers: 2, phase: "podPhase", reason: "podReason",
        statuses: [status("running", ready: true, restarts: 3), status(ready: true, restarts: 3)]),
      ["test5", "1/2", "podReason", "6"]
    ),
    (
      pod(
        "test6", containers: 2, phase: "Running",
        statuses: [
          status("terminated:Completed:0", ready: true, restarts: 3),
          status("running", ready: true, restarts: 3),
        ]),
      ["test6", "1/2", "NotReady", "6"]
    ),
    (
      pod(
        "test6", containers: 2, phase: "Running",
        statuses: [
          status("terminated:Completed:0", ready: true, restarts: 3),
          status("running", ready: true, restarts: 3),
        ],
        conditions: [["type": "Ready", "status": "True"]]),
      ["test6", "1/2", "Running", "6"]
    ),
    (
      pod(
        "test7", containers: 1, initContainers: [[:]], phase: "podPhase",
        statuses: [status("waiting")],
        initStatuses: [status("running", restarts: 3, lastTerminated: 10)]),
      ["test7", "0/1", "Init:0/1", "3 (10s ago)"]
    ),
    (
      pod(
        "test8", containers: 1, initContainers: [[:], [:]], phase: "podPhase",
        statuses: [status("waiting")],
        initStatuses: [status("running", restarts: 3, lastTerminated: 10), status("waiting")]),
      ["test8", "0/1", "Init:0/2", "3 (10s ago)"]
    ),
    (
      pod(
        "test9", containers: 1, initContainers: [[:], [:]], phase: "podPhase",
        statuses: [status("waiting")],
        initStatuses: [status("terminated"), status("running", restarts: 3, lastTerminated: 10)]),
      ["test9", "0/1", "Init:1/2", "3 (10s ago)"]
    ),
    (
      pod(
        "test10", containers: 1, initContainers: [[:], [:]], phase: "podPhase",
        statuses: [status("waiting")],
        initStatuses: [
          status("terminated", restarts: 2, lastTerminated: 120),
          status("running", restarts: 3, lastTerminated: 10),
        ]),
      ["test10", "0/1", "Init:1/2", "5 (10s ago)"]
    ),
    (
      pod(
        "test11", containers: 1, initContainers: [[:]], phase: "Running",
        statuses: [status("running", restarts: 4, lastTerminated: 20)],
        initStatuses: [status("terminated", restarts: 2, lastTerminated: 120)]),
      ["test11", "0/1", "Running", "4 (20s ago)"]
    ),
    (
      pod(
        "test12", containers: 1, phase: "Running",
        statuses: [status("running", ready: true, restarts: 3, lastTerminated: 5 * 86_400)]),
      ["test12", "1/1", "Running", "3 (5d ago)"]
    ),
    (
      pod(
        "test13", containers: 2, phase: "Running",
        statuses: [
          status("running", ready: true),
          status("running", ready: true, restarts: 3, lastTerminated: 10 * 86_400),
        ]),
      ["test13", "2/2", "Running", "3 (10d ago)"]
    ),
    (
      pod(
        "test14", containers: 2, phase: "Running",
        statuses: [
          status("running", ready: true, restarts: 6, lastTerminated: 5 * 86_400),
          status("running", ready: true, restarts: 3, lastTerminated: 20 * 86_400),
        ]),
      ["test14", "2/2", "Running", "9 (5d ago)"]
    ),
    (
      pod(
        "test15", containers: 2, phase: "podPhase",
        conditions: [["type": "PodScheduled", "status": "False", "reason": "SchedulingGated"]]),
      ["test15", "0/2", "SchedulingGated", "0"]
    ),
    (
      pod(
        "test16", containers: 1, phase: "Succeeded", statuses: [status("terminated:Completed:0")]),
      ["test16", "0/1", "Completed", "0"]
    ),
    (
      pod("test17", containers: 1, phase: "Failed", statuses: [status("terminated:Error:1")]),
      ["test17", "0/1", "Error", "0"]
    ),
    (
      pod(
        "test18", containers: 1, phase: "Succeeded", statuses: [status("terminated:Completed:0")],
        deleted: true),
      ["test18", "0/1", "Completed", "0"]
    ),
    (
      pod("test19", containers: 1, phase: "Running", statuses: [status("running")], deleted: true),
      ["test19", "0/1", "Terminating", "0"]
    ),
    (
      pod("test20", containers: 1, phase: "Pending", deleted: true),
      ["test20", "0/1", "Terminating", "0"]
    ),
  ]

  @Test(arguments: cases)
  func podRows(_ pod: JSONValue, _ cells: [String]) {
    let row = PodTableRow.row(pod, now: Self.now)
    #expect(row.cells.prefix(4).map { $0.stringValue ?? "" } == cells)
    #expect(row.cells[4] == "<unknown>")
  }

  @Test func finishedPodsCarryACompletedCondition() throws {
    let succeeded = PodTableRow.row(Self.cases[16].0, now: Self.now)
    #expect(
      succeeded.conditions == [
        [
          "type": "Completed", "status": "True", "reason": "Succeeded",
          "message": "The pod has completed successfully.",
        ]
      ])
    let failed = PodTableRow.row(Self.cases[17].0, now: Self.now)
    #expect(failed.conditions.first?["message"] == "The pod failed.")
    #expect(PodTableRow.row(Self.cases[0].0, now: Self.now).conditions.isEmpty)
  }

  /// `TestPrintPodwide`: IP (the first of `podIPs`), NODE, NOMINATED NODE, READINESS GATES.
  @Test func wideCells() {
    var pod = Self.pod(
      "test1", containers: 2, phase: "podPhase",
      statuses: [Self.status("running", ready: true, restarts: 3), Self.status(restarts: 3)],
      conditions: [
        ["type": "condition1", "status": "False"], ["type": "condition2", "status": "True"],
      ])
    pod["spec"]?["nodeName"] = "test1"
    pod["spec"]?["readinessGates"] = [
      ["conditionType": "condition1"], ["conditionType": "condition2"],
      ["conditionType": "condition3"],
    ]
    pod["status"]?["podIPs"] = [["ip": "1.1.1.1"], ["ip": "2001:db8::"]]
    pod["status"]?["nominatedNodeName"] = "node1"
    #expect(
      PodTableRow.row(pod, now: Self.now).cells.suffix(4) == ["1.1.1.1", "test1", "node1", "1/3"])
    let bare = Self.pod("test2", containers: 2, phase: "podPhase")
    #expect(
      PodTableRow.row(bare, now: Self.now).cells.suffix(4)
        == ["<none>", "<none>", "<none>", "<none>"])
  }

  @Test func ageIsMeasuredFromCreation() {
    var pod = Self.pod("aged", containers: 1, phase: "Running")
    pod["metadata"]?["creationTimestamp"] = .string(RFC3339.format(Self.now - 190))
    #expect(PodTableRow.row(pod, now: Self.now).cells[4] == "3m10s")
  }
}
