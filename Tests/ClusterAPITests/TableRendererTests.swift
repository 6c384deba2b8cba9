import Engine
import Testing

@testable import ClusterAPI

/// Tables as `kubectl get` receives them: the Table object, each kind's columns and cells, row
/// objects, and watch events without column definitions.
@Suite struct TableRendererTests {
  static let now = 1_795_983_300.0
  static let created = RFC3339.format(now - 190)

  static func type(_ kind: String) -> ResourceType {
    ResourceRegistry.served.types.first { $0.kind == kind }!
  }

  static func cells(_ kind: String, _ object: JSONValue) -> [JSONValue] {
    let table = TableRenderer.table(
      for: type(kind), objects: [object], now: now, includeObject: nil, resourceVersion: "7")
    return table["rows"]?.arrayValue?.first?["cells"]?.arrayValue ?? []
  }

  @Test func theTableObject() throws {
    let deployment: JSONValue = [
      "metadata": ["name": "web", "namespace": "default", "resourceVersion": "5"], "spec": [:],
    ]
    let table = TableRenderer.table(
      for: Self.type("Deployment"), objects: [deployment], now: Self.now, includeObject: nil,
      resourceVersion: "42")
    #expect(table["kind"] == "Table")
    #expect(table["apiVersion"] == "meta.k8s.io/v1")
    #expect(table["metadata"] == ["resourceVersion": "42"])
    let first = try #require(table["columnDefinitions"]?.arrayValue?.first)
    #expect(first["name"] == "Name")
    #expect(first["type"] == "string")
    #expect(first["format"] == "name")
    #expect(first["priority"] == 0)
    #expect(first["description"]?.stringValue?.hasPrefix("Name must be unique") == true)
    let row = try #require(table["rows"]?.arrayValue?.first)
    #expect(
      row["object"] == [
        "kind": "PartialObjectMetadata", "apiVersion": "meta.k8s.io/v1",
        "metadata": ["name": "web", "namespace": "default", "resourceVersion": "5"],
      ])
    #expect(row["conditions"] == nil)
  }

  @Test(
    arguments: [("Object", true), ("None", false), ("Metadata", true), (nil, true)]
      as [(String?, Bool)])
  func rowObjects(_ includeObject: String?, _ present: Bool) {
    let pod: JSONValue = ["kind": "Pod", "metadata": ["name": "p"], "spec": ["containers": []]]
    let table = TableRenderer.table(
      for: Self.type("Pod"), objects: [pod], now: Self.now, includeObject: includeObject,
      resourceVersion: nil)
    let object = table["rows"]?.arrayValue?.first?["object"]
    #expect((object != nil) == present)
    #expect(table["metadata"] == [:])
    if includeObject == "Object" { #expect(object == pod) }
  }

  @Test func watchEventsAfterTheFirstCarryNoColumns() {
    let later = TableRenderer.table(
      for: Self.type("Pod"), objects: [], now: Self.now, includeObject: nil, resourceVersion: "3",
      withColumns: false)
    #expect(later["columnDefinitions"] == .null)
    #expect(later["rows"] == [])
  }

  @Test(arguments: [nil, "", "Metadata", "Object", "None"])
  func knownIncludeObjectValuesPass(_ value: String?) throws {
    try TableRenderer.validate(includeObject: value)
  }

  @Test func anUnknownIncludeObjectIsABadRequest() throws {
    let error = try #require(throws: APIError.self) {
      try TableRenderer.validate(includeObject: "Everything")
    }
    #expect(error.code == 400)
    #expect(
      error.message
        == #"Unable to convert to Table as requested: includeObject: Invalid value: "Everything": must be 'Metadata', 'Object', 'None', or empty"#
    )
  }

  /// Each kind's columns, in order, wide ones included.
  @Test(arguments: [
    (
      "Deployment",
      ["Name", "Ready", "Up-to-date", "Available", "Age", "Containers", "Images", "Selector"]
    ),
    (
      "ReplicaSet",
      ["Name", "Desired", "Current", "Ready", "Age", "Containers", "Images", "Selector"]
    ),
    (
      "Pod",
      [
        "Name", "Ready", "Status", "Restarts", "Age", "IP", "Node", "Nominated Node",
        "Readiness Gates",
      ]
    ),
    ("Service", ["Name", "Type", "Cluster-IP", "External-IP", "Port(s)", "Age", "Selector"]),
    ("Namespace", ["Name", "Status", "Age"]),
    ("ConfigMap", ["Name", "Data", "Age"]),
    (
      "Event",
      [
        "Last Seen", "Type", "Reason", "Object", "Subobject", "Source", "Message", "First Seen",
        "Count", "Name",
      ]
    ),
    ("Lease", ["Name", "Holder", "Age"]),
    ("Rollout", ["Name", "Desired", "Current", "Up-to-date", "Available", "Age"]),
  ])
  func columns(_ kind: String, _ names: [String]) {
    #expect(TableRenderer.columnNames(for: Self.type(kind)) == names)
  }

  /// Which columns `kubectl get` shows without `-o wide`.
  @Test(arguments: [("Deployment", 5), ("ReplicaSet", 5), ("Pod", 5), ("Service", 6), ("Event", 5)])
  func narrowColumns(_ kind: String, _ count: Int) {
    let table = TableRenderer.table(
      for: Self.type(kind), objects: [], now: Self.now, includeObject: nil, resourceVersion: nil)
    let priorities = table["columnDefinitions"]?.arrayValue?.map { $0["priority"] } ?? []
    #expect(priorities.filter { $0 == 0 }.count == count)
  }

  @Test func deploymentRow() {
    let deployment: JSONValue = [
      "metadata": ["name": "web", "creationTimestamp": .string(Self.created)],
      "spec": [
        "replicas": 3,
        "selector": ["matchLabels": ["app": "web", "tier": "front"]],
        "template": [
          "spec": [
            "containers": [
              ["name": "web", "image": "example/web:2.0"], ["name": "log", "image": "busybox"],
            ]
          ]
        ],
      ],
      "status": ["replicas": 4, "updatedReplicas": 2, "readyReplicas": 3, "availableReplicas": 3],
    ]
    #expect(
      Self.cells("Deployment", deployment) == [
        "web", "3/3", 2, 3, "3m10s", "web,log", "example/web:2.0,busybox", "app=web,tier=front",
      ])
    #expect(
      Self.cells("Deployment", ["metadata": ["name": "bare"]]) == [
        "bare", "0/1", 0, 0, "<unknown>", "", "", "",
      ])
  }

  @Test func replicaSetRow() {
    let replicaSet: JSONValue = [
      "metadata": ["name": "web-6d4b", "creationTimestamp": .string(Self.created)],
      "spec": [
        "replicas": 2,
        "selector": [
          "matchLabels": ["app": "web"],
          "matchExpressions": [["key": "pod-template-hash", "operator": "In", "values": ["6d4b"]]],
        ],
        "template": ["spec": ["containers": [["name": "web", "image": "example/web:1.0"]]]],
      ],
      "status": ["replicas": 2, "readyReplicas": 1],
    ]
    #expect(
      Self.cells("ReplicaSet", replicaSet) == [
        "web-6d4b", 2, 2, 1, "3m10s", "web", "example/web:1.0",
        "app=web,pod-template-hash in (6d4b)",
      ])
    #expect(Self.cells("ReplicaSet", ["metadata": ["name": "x"]]).last == "<none>")
  }

  @Test func serviceRows() {
    let service: JSONValue = [
      "metadata": ["name": "web", "creationTimestamp": .string(Self.created)],
      "spec": [
        "type": "NodePort", "clusterIPs": ["10.96.0.12"], "clusterIP": "10.96.0.12",
        "ports": [
          ["port": 80, "protocol": "TCP", "nodePort": 30080], ["port": 53, "protocol": "UDP"],
        ],
        "selector": ["tier": "front", "app": "web"],
      ],
    ]
    #expect(
      Self.cells("Service", service) == [
        "web", "NodePort", "10.96.0.12", "<none>", "80:30080/TCP,53/UDP", "3m10s",
        "app=web,tier=front",
      ])
    let balancer: JSONValue = [
      "metadata": ["name": "lb"],
      "spec": ["type": "LoadBalancer", "externalIPs": ["192.0.2.9"]],
      "status": ["loadBalancer": ["ingress": [["hostname": "lb.example"], ["ip": "203.0.113.5"]]]],
    ]
    #expect(
      Self.cells("Service", balancer) == [
        "lb", "LoadBalancer", "<none>", "203.0.113.5,lb.example,192.0.2.9", "<none>",
        "<unknown>", "<none>",
      ])
    let pending: JSONValue = ["metadata": ["name": "p"], "spec": ["type": "LoadBalancer"]]
    #expect(Self.cells("Service", pending)[3] == "<pending>")
    let external: JSONValue = [
      "metadata": ["name": "e"], "spec": ["type": "ExternalName", "externalName": "db.example"],
    ]
    #expect(Self.cells("Service", external)[3] == "db.example")
  }

  @Test func namespaceConfigMapAndLeaseRows() {
    let created = JSONValue.string(Self.created)
    #expect(
      Self.cells(
        "Namespace",
        [
          "metadata": ["name": "default", "creationTimestamp": created],
          "status": ["phase": "Active"],
        ])
        == ["default", "Active", "3m10s"])
    #expect(
      Self.cells(
        "ConfigMap",
        [
          "metadata": ["name": "strategies", "creationTimestamp": created],
          "data": ["a.lua": "", "b.lua": ""], "binaryData": ["c": ""],
        ]) == ["strategies", 3, "3m10s"])
    #expect(
      Self.cells(
        "Lease",
        [
          "metadata": ["name": "lock", "creationTimestamp": created],
          "spec": ["holderIdentity": "rollout-1"],
        ])
        == ["lock", "rollout-1", "3m10s"])
  }

  @Test func eventRows() {
    let event: JSONValue = [
      "metadata": ["name": "web.17a"],
      "involvedObject": ["kind": "Deployment", "name": "web", "fieldPath": ""],
      "reason": "ScalingReplicaSet", "type": "Normal",
      "message": "Scaled up replica set web-6d4b to 3\n",
      "source": ["component": "deployment-controller"],
      "firstTimestamp": .string(RFC3339.format(Self.now - 3600)),
      "lastTimestamp": .string(RFC3339.format(Self.now - 45)), "count": 2,
    ]
    #expect(
      Self.cells("Event", event) == [
        "45s", "Normal", "ScalingReplicaSet", "deployment/web", "", "deployment-controller",
        "Scaled up replica set web-6d4b to 3", "60m", 2, "web.17a",
      ])
    let newStyle: JSONValue = [
      "metadata": ["name": "n"], "involvedObject": ["kind": "Node"],
      "eventTime": .string(RFC3339.formatMicro(Self.now - 30)),
      "reportingComponent": "kubelet", "reportingInstance": "node-1",
    ]
    #expect(
      Self.cells("Event", newStyle) == [
        "30s", "", "", "node", "", "kubelet, node-1", "", "30s", 1, "n",
      ])
    let series: JSONValue = [
      "metadata": ["name": "s"], "involvedObject": ["kind": "Pod", "name": "p"],
      "eventTime": .string(RFC3339.formatMicro(Self.now - 600)),
      "series": ["count": 5, "lastObservedTime": .string(RFC3339.formatMicro(Self.now - 5))],
    ]
    let seriesCells = Self.cells("Event", series)
    #expect(seriesCells[0] == "5s")
    #expect(seriesCells[8] == 5)
    #expect(Self.cells("Event", ["metadata": ["name": "z"]])[0] == "<unknown>")
  }

  @Test func rolloutRowsFollowArgosPrinterColumns() {
    let rollout: JSONValue = [
      "metadata": ["name": "web", "creationTimestamp": .string(Self.created)],
      "spec": ["replicas": 5], "status": ["replicas": 5, "updatedReplicas": 2],
    ]
    #expect(Self.cells("Rollout", rollout) == ["web", 5, 5, 2, .null, "3m10s"])
    #expect(
      Self.cells("Rollout", ["metadata": ["name": "new"]]) == [
        "new", .null, .null, .null, .null, .null,
      ])
  }

  @Test func otherKindsGetTheGenericTable() {
    let widget = ResourceType(
      group: "example.com", version: "v1", kind: "Widget", plural: "widgets", singular: "widget")
    let table = TableRenderer.table(
      for: widget,
      objects: [["metadata": ["name": "w", "creationTimestamp": "2026-11-29T20:15:00Z"]]],
      now: Self.now, includeObject: nil, resourceVersion: nil)
    #expect(TableRenderer.columnNames(for: widget) == ["Name", "Created At"])
    #expect(table["rows"]?.arrayValue?.first?["cells"] == ["w", "2026-11-29T20:15:00Z"])
  }
}
