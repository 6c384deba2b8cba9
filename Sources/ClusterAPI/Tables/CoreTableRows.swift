import Engine

/// Rows of the core kinds besides Pods (Services, Namespaces, ConfigMaps, Events) and Leases,
/// as Kubernetes prints them, and the generic table of a kind without a printer.
enum CoreTableRows {
  static let serviceColumns: [TableColumn] = [
    .name, .plain("Type", Describe.serviceType), .plain("Cluster-IP", Describe.clusterIP),
    .plain("External-IP", Describe.externalIPs), .plain("Port(s)", Describe.ports), .age,
    .wide("Selector", Describe.serviceSelector),
  ]

  /// NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE, wide SELECTOR.
  static func service(_ object: JSONValue, now: Double) -> TableRow {
    let spec = object["spec"] ?? [:]
    let type = spec["type"]?.stringValue ?? "ClusterIP"
    let clusterIP =
      spec["clusterIPs"]?.arrayValue?.first?.stringValue ?? spec["clusterIP"]?.stringValue
    let ports = (spec["ports"]?.arrayValue ?? []).map { port -> String in
      let number = TableCells.number(port["port"])
      let proto = port["protocol"]?.stringValue ?? "TCP"
      let nodePort = TableCells.number(port["nodePort"])
      return nodePort > 0 ? "\(number):\(nodePort)/\(proto)" : "\(number)/\(proto)"
    }.joined(separator: ",")
    return TableRow(cells: [
      .string(TableCells.name(object)), .string(type),
      .string(clusterIP.flatMap { $0.isEmpty ? nil : $0 } ?? "<none>"),
      .string(externalIP(object, type: type)), .string(ports.isEmpty ? "<none>" : ports),
      .string(TableCells.age(object, now: now)), .string(TableCells.labels(spec["selector"])),
    ])
  }

  /// EXTERNAL-IP by type: the external IPs, a load balancer's addresses or `<pending>`, the
  /// external name.
  private static func externalIP(_ object: JSONValue, type: String) -> String {
    let external = (object["spec"]?["externalIPs"]?.arrayValue ?? []).map(TableCells.text)
    switch type {
    case "ClusterIP", "NodePort":
      return external.isEmpty ? "<none>" : external.joined(separator: ",")
    case "LoadBalancer":
      let ingress = object["status"]?["loadBalancer"]?["ingress"]?.arrayValue ?? []
      let addresses = Set(
        ingress.compactMap { entry -> String? in
          let ip = TableCells.text(entry["ip"])
          let host = TableCells.text(entry["hostname"])
          return !ip.isEmpty ? ip : (!host.isEmpty ? host : nil)
        }
      ).sorted(by: LabelSelectorParser.byteOrder)
      let all = addresses + external
      return all.isEmpty ? "<pending>" : all.joined(separator: ",")
    case "ExternalName":
      return TableCells.text(object["spec"]?["externalName"])
    default:
      return "<unknown>"
    }
  }

  static let namespaceColumns: [TableColumn] = [
    .name, .plain("Status", Describe.namespaceStatus), .age,
  ]

  static func namespace(_ object: JSONValue, now: Double) -> TableRow {
    TableRow(cells: [
      .string(TableCells.name(object)), .string(TableCells.text(object["status"]?["phase"])),
      .string(TableCells.age(object, now: now)),
    ])
  }

  static let configMapColumns: [TableColumn] = [
    .name, .plain("Data", Describe.configMapData), .age,
  ]

  /// NAME DATA (keys of `data` and `binaryData`) AGE.
  static func configMap(_ object: JSONValue, now: Double) -> TableRow {
    let keys =
      (object["data"]?.objectValue?.count ?? 0) + (object["binaryData"]?.objectValue?.count ?? 0)
    return TableRow(cells: [
      .string(TableCells.name(object)), .int(keys), .string(TableCells.age(object, now: now)),
    ])
  }

  static let leaseColumns: [TableColumn] = [.name, .plain("Holder", Describe.holder), .age]

  static func lease(_ object: JSONValue, now: Double) -> TableRow {
    TableRow(cells: [
      .string(TableCells.name(object)),
      .string(TableCells.text(object["spec"]?["holderIdentity"])),
      .string(TableCells.age(object, now: now)),
    ])
  }

  static let genericColumns: [TableColumn] = [
    .name, TableColumn(name: "Created At", type: "date", description: Describe.creation),
  ]

  /// The API server's default table: NAME and the creation time as RFC 3339.
  static func generic(_ object: JSONValue, now: Double) -> TableRow {
    let created = object["metadata"]?["creationTimestamp"]?.stringValue.flatMap(RFC3339.parse)
    return TableRow(cells: [
      .string(TableCells.name(object)),
      .string(created.map(RFC3339.format) ?? "0001-01-01T00:00:00Z"),
    ])
  }
}
