import Engine

/// The answer to `Accept: application/json;as=Table;v=v1;g=meta.k8s.io` (what `kubectl get`
/// asks for): a `meta.k8s.io/v1` Table with Kubernetes' own columns for each kind. Cells are
/// always the wide set, as the API server makes them; kubectl hides priority-1 columns unless
/// `-o wide`.
public enum TableRenderer {
  /// The Table of `objects` (wire JSON) of one resource.
  ///
  /// - Parameters:
  ///   - now: the time AGE is measured to, in seconds since the Unix epoch.
  ///   - includeObject: the `includeObject` query parameter: `Object` puts the whole object in
  ///     each row, `None` nothing, anything else (`Metadata`, the default) a
  ///     `PartialObjectMetadata`.
  ///   - resourceVersion: the list's (or the object's) resourceVersion, for `metadata`.
  ///   - withColumns: false for every watch event after the first: the API server sends column
  ///     definitions once per watch and `columnDefinitions: null` after.
  public static func table(
    for type: ResourceType, objects: [JSONValue], now: Double, includeObject: String?,
    resourceVersion: String?, withColumns: Bool = true
  ) -> JSONValue {
    let layout = TableLayout.of(type)
    let rows = objects.map { object -> JSONValue in
      let row = layout.row(object, now)
      var members: [String: JSONValue] = ["cells": .array(row.cells)]
      if !row.conditions.isEmpty { members["conditions"] = .array(row.conditions) }
      switch includeObject {
      case "Object": members["object"] = object
      case "None": break
      default: members["object"] = partialMetadata(object)
      }
      return .object(members)
    }
    var metadata: [String: JSONValue] = [:]
    if let resourceVersion { metadata["resourceVersion"] = .string(resourceVersion) }
    return [
      "kind": "Table", "apiVersion": "meta.k8s.io/v1", "metadata": .object(metadata),
      "columnDefinitions": withColumns ? .array(layout.columns.map(\.json)) : .null,
      "rows": .array(rows),
    ]
  }

  /// Checks the `includeObject` query parameter before a Table is made.
  ///
  /// - Throws: 400 `BadRequest` with the API server's message for a value other than
  ///   `Metadata`, `Object`, `None` or empty.
  public static func validate(includeObject: String?) throws(APIError) {
    switch includeObject {
    case nil, "", "Metadata", "Object", "None": return
    case let value?:
      throw .badRequest(
        "Unable to convert to Table as requested: "
          + FieldErrorText.invalid(
            path: "includeObject", value: value,
            detail: "must be 'Metadata', 'Object', 'None', or empty"))
    }
  }

  /// The column names of `type`'s table, in order (`Name`, `Ready`, ...), wide ones included.
  public static func columnNames(for type: ResourceType) -> [String] {
    TableLayout.of(type).columns.map(\.name)
  }

  /// A row's object by default: the object's metadata only.
  static func partialMetadata(_ object: JSONValue) -> JSONValue {
    // A typed dictionary literal: `JSONValue`'s own literal form merges keys, which costs more.
    let members: [String: JSONValue] = [
      "kind": "PartialObjectMetadata", "apiVersion": "meta.k8s.io/v1",
      "metadata": object["metadata"] ?? .object([:]),
    ]
    return .object(members)
  }
}

/// A row's cells, and the conditions Kubernetes marks some rows with (a finished pod).
struct TableRow {
  var cells: [JSONValue]
  var conditions: [JSONValue] = []
}

/// The columns of one kind and how a row of it is made.
struct TableLayout: Sendable {
  let columns: [TableColumn]
  let row: @Sendable (JSONValue, Double) -> TableRow

  static func of(_ type: ResourceType) -> TableLayout {
    switch (type.group, type.kind) {
    case ("apps", "Deployment"):
      return .init(columns: WorkloadTableRows.deploymentColumns, row: WorkloadTableRows.deployment)
    case ("apps", "ReplicaSet"):
      return .init(columns: WorkloadTableRows.replicaSetColumns, row: WorkloadTableRows.replicaSet)
    case ("argoproj.io", "Rollout"):
      return .init(columns: WorkloadTableRows.rolloutColumns, row: WorkloadTableRows.rollout)
    case ("argoproj.io", "AnalysisRun"):
      return .init(columns: AnalysisRunTableRow.columns, row: AnalysisRunTableRow.row)
    case ("", "Pod"): return .init(columns: PodTableRow.columns, row: PodTableRow.row)
    case ("", "Service"):
      return .init(columns: CoreTableRows.serviceColumns, row: CoreTableRows.service)
    case ("", "Namespace"):
      return .init(columns: CoreTableRows.namespaceColumns, row: CoreTableRows.namespace)
    case ("", "ConfigMap"):
      return .init(columns: CoreTableRows.configMapColumns, row: CoreTableRows.configMap)
    case ("", "Event"): return .init(columns: EventTableRow.columns, row: EventTableRow.row)
    case ("coordination.k8s.io", "Lease"):
      return .init(columns: CoreTableRows.leaseColumns, row: CoreTableRows.lease)
    default:
      return .init(columns: CoreTableRows.genericColumns, row: CoreTableRows.generic)
    }
  }
}
