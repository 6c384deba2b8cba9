import Engine

/// Rows of the workload kinds: Deployments and ReplicaSets as Kubernetes prints them, Argo
/// Rollouts with the printer columns of Argo's CustomResourceDefinition.
enum WorkloadTableRows {
  static let deploymentColumns: [TableColumn] = [
    .name, .plain("Ready", Describe.readyPods), .plain("Up-to-date", Describe.updatedReplicas),
    .plain("Available", Describe.availableReplicas), .age,
    .wide("Containers", Describe.containers), .wide("Images", Describe.images),
    .wide("Selector", Describe.deploymentSelector),
  ]

  /// NAME READY (ready/desired) UP-TO-DATE AVAILABLE AGE, wide CONTAINERS IMAGES SELECTOR.
  static func deployment(_ object: JSONValue, now: Double) -> TableRow {
    let status = object["status"]
    let (names, images) = TableCells.containers(ofTemplate: object)
    let ready = TableCells.number(status?["readyReplicas"])
    let desired = TableCells.number(object["spec"]?["replicas"], default: 1)
    return TableRow(cells: [
      .string(TableCells.name(object)), .string("\(ready)/\(desired)"),
      .int(TableCells.number(status?["updatedReplicas"])),
      .int(TableCells.number(status?["availableReplicas"])),
      .string(TableCells.age(object, now: now)), .string(names), .string(images),
      .string(TableCells.deploymentSelector(object["spec"]?["selector"])),
    ])
  }

  static let replicaSetColumns: [TableColumn] = [
    .name, .plain("Desired", Describe.desiredReplicas, type: "integer"),
    .plain("Current", Describe.currentReplicas, type: "integer"),
    .plain("Ready", Describe.readyReplicas, type: "integer"), .age,
    .wide("Containers", Describe.containers), .wide("Images", Describe.images),
    .wide("Selector", Describe.replicaSetSelector),
  ]

  /// NAME DESIRED CURRENT READY AGE, wide CONTAINERS IMAGES SELECTOR.
  static func replicaSet(_ object: JSONValue, now: Double) -> TableRow {
    let status = object["status"]
    let (names, images) = TableCells.containers(ofTemplate: object)
    return TableRow(cells: [
      .string(TableCells.name(object)),
      .int(TableCells.number(object["spec"]?["replicas"], default: 1)),
      .int(TableCells.number(status?["replicas"])),
      .int(TableCells.number(status?["readyReplicas"])),
      .string(TableCells.age(object, now: now)), .string(names), .string(images),
      .string(TableCells.replicaSetSelector(object["spec"]?["selector"])),
    ])
  }

  /// Argo Rollouts' `additionalPrinterColumns`, served as the API server serves a custom
  /// resource's columns (a description made from the JSONPath where the CRD gives none).
  static let rolloutColumns: [TableColumn] = [
    .name, .plain("Desired", "Number of desired pods", type: "integer"),
    .plain(
      "Current", "Total number of non-terminated pods targeted by this rollout",
      type: "integer"),
    .plain(
      "Up-to-date",
      "Total number of non-terminated pods targeted by this rollout that have the desired template spec",
      type: "integer"),
    .plain(
      "Available",
      "Total number of available pods (ready for at least minReadySeconds) targeted by this rollout",
      type: "integer"),
    .plain(
      "Age", "Custom resource definition column (in JSONPath format): .metadata.creationTimestamp",
      type: "date"),
  ]

  /// NAME DESIRED CURRENT UP-TO-DATE AVAILABLE AGE; a field the object lacks is a null cell
  /// (kubectl prints `<none>`), as for any custom resource column.
  static func rollout(_ object: JSONValue, now: Double) -> TableRow {
    let status = object["status"]
    return TableRow(cells: [
      .string(TableCells.name(object)), integer(object["spec"]?["replicas"]),
      integer(status?["replicas"]), integer(status?["updatedReplicas"]),
      integer(status?["availableReplicas"]), CustomResourceCells.date(object, now: now),
    ])
  }

  private static func integer(_ value: JSONValue?) -> JSONValue {
    value?.intValue.map(JSONValue.int) ?? .null
  }
}

/// Cells of custom resource columns, as the API server's CRD table converter makes them.
enum CustomResourceCells {
  /// A `date` column of `.metadata.creationTimestamp`: the age, `<unknown>` for the zero time,
  /// `<invalid>` when unreadable, null when missing.
  static func date(_ object: JSONValue, now: Double) -> JSONValue {
    guard let text = object["metadata"]?["creationTimestamp"]?.stringValue else { return .null }
    guard let time = RFC3339.parse(text) else { return "<invalid>" }
    if text == "0001-01-01T00:00:00Z" { return "<unknown>" }
    return .string(HumanDuration.string(seconds: now - time))
  }
}
