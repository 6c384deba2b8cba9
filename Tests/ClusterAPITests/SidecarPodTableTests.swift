import Engine
import Testing

@testable import ClusterAPI

/// Pods with sidecars (init containers with `restartPolicy: Always`), against the cases of
/// Kubernetes' `TestPrintPodWithRestartableInitContainer`: sidecars count as containers, their
/// restarts count once the pod is initialized.
@Suite struct SidecarPodTableTests {
  static let sidecars: [JSONValue] = [
    ["name": "restartable-init-1", "restartPolicy": "Always"],
    ["name": "restartable-init-2", "restartPolicy": "Always"],
  ]
  static let initializedFalse: [JSONValue] = [["type": "Initialized", "status": "False"]]
  static let initializedTrue: [JSONValue] = [["type": "Initialized", "status": "True"]]

  static let cases: [(JSONValue, [String])] = [
    (
      PodTableTests.pod(
        "sidecar1", containers: 1, initContainers: sidecars, phase: "Pending",
        statuses: [PodTableTests.status("waiting")],
        initStatuses: [
          PodTableTests.status(
            "running", restarts: 3, started: false, name: "restartable-init-1", lastTerminated: 10),
          PodTableTests.status("waiting", started: false, name: "restartable-init-2"),
        ],
        conditions: initializedFalse),
      ["sidecar1", "0/3", "Init:0/2", "3 (10s ago)"]
    ),
    (
      PodTableTests.pod(
        "sidecar2", containers: 1, initContainers: sidecars, phase: "Pending",
        statuses: [PodTableTests.status("waiting")],
        initStatuses: [
          PodTableTests.status(
            "running", restarts: 3, started: true, name: "restartable-init-1", lastTerminated: 10),
          PodTableTests.status("running", started: false, name: "restartable-init-2"),
        ],
        conditions: initializedFalse),
      ["sidecar2", "0/3", "Init:1/2", "3 (10s ago)"]
    ),
    (
      PodTableTests.pod(
        "sidecar3", containers: 1, initContainers: sidecars, phase: "Running",
        statuses: [PodTableTests.status("running", ready: true, restarts: 4, lastTerminated: 20)],
        initStatuses: [
          PodTableTests.status(
            "running", restarts: 3, started: true, name: "restartable-init-1", lastTerminated: 10),
          PodTableTests.status("running", started: true, name: "restartable-init-2"),
        ],
        conditions: initializedTrue),
      ["sidecar3", "1/3", "Running", "7 (10s ago)"]
    ),
    (
      PodTableTests.pod(
        "sidecar4", containers: 1, initContainers: sidecars, phase: "Succeeded",
        statuses: [PodTableTests.status("terminated:Completed:0", restarts: 4, lastTerminated: 20)],
        initStatuses: [
          PodTableTests.status(
            "terminated:Error:137", restarts: 3, started: false, name: "restartable-init-1",
            lastTerminated: 10),
          PodTableTests.status("terminated:Error:137", started: false, name: "restartable-init-2"),
        ],
        conditions: initializedTrue),
      ["sidecar4", "0/3", "Completed", "7 (10s ago)"]
    ),
    (
      PodTableTests.pod(
        "sidecar5", containers: 1,
        initContainers: [["name": "init1"], ["name": "sidecar1", "restartPolicy": "Always"]],
        phase: "Running",
        statuses: [
          PodTableTests.status(name: "containerinvalid"), PodTableTests.status(name: "container1"),
        ],
        initStatuses: [
          PodTableTests.status(name: "initinvalid"), PodTableTests.status(name: "init1"),
          PodTableTests.status(name: "sidecar1"),
        ]),
      ["sidecar5", "0/2", "Init:0/2", "0"]
    ),
  ]

  @Test(arguments: cases)
  func podRows(_ pod: JSONValue, _ cells: [String]) {
    let row = PodTableRow.row(pod, now: PodTableTests.now)
    #expect(row.cells.prefix(4).map { $0.stringValue ?? "" } == cells)
  }
}
