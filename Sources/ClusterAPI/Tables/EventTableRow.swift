import Engine

/// An Event's row as Kubernetes prints it: LAST SEEN TYPE REASON OBJECT MESSAGE, wide also
/// SUBOBJECT SOURCE FIRST SEEN COUNT NAME. Times fall back from `lastTimestamp` to
/// `firstTimestamp` to `eventTime`; a series reports its own last time and count.
enum EventTableRow {
  static let columns: [TableColumn] = [
    .plain("Last Seen", Describe.lastSeen), .plain("Type", Describe.eventType),
    .plain("Reason", Describe.reason), .plain("Object", Describe.involvedObject),
    .wide("Subobject", Describe.fieldPath), .wide("Source", Describe.source),
    .plain("Message", Describe.message), .wide("First Seen", Describe.firstSeen),
    .wide("Count", Describe.count),
    TableColumn(
      name: "Name", type: "string", format: "name", description: Describe.name, priority: 1),
  ]

  static func row(_ event: JSONValue, now: Double) -> TableRow {
    let firstSeen =
      event["firstTimestamp"]?.stringValue != nil
      ? TableCells.since(event["firstTimestamp"], now: now)
      : TableCells.since(event["eventTime"], now: now)
    var lastSeen =
      event["lastTimestamp"]?.stringValue != nil
      ? TableCells.since(event["lastTimestamp"], now: now) : firstSeen
    var count = TableCells.number(event["count"])
    if let series = event["series"], series.objectValue != nil {
      lastSeen = TableCells.since(series["lastObservedTime"], now: now)
      count = TableCells.number(series["count"])
    } else if count == 0 {
      count = 1
    }
    let involved = event["involvedObject"] ?? [:]
    let kind = TableCells.text(involved["kind"]).lowercased()
    let name = TableCells.text(involved["name"])
    let component = firstNonEmpty(
      TableCells.text(event["source"]?["component"]), TableCells.text(event["reportingComponent"]))
    let host = firstNonEmpty(
      TableCells.text(event["source"]?["host"]), TableCells.text(event["reportingInstance"]))
    return TableRow(cells: [
      .string(lastSeen), .string(TableCells.text(event["type"])),
      .string(TableCells.text(event["reason"])), .string(name.isEmpty ? kind : kind + "/" + name),
      .string(TableCells.text(involved["fieldPath"])),
      .string(host.isEmpty ? component : component + ", " + host),
      .string(trimmed(TableCells.text(event["message"]))), .string(firstSeen), .int(count),
      .string(TableCells.name(event)),
    ])
  }

  private static func firstNonEmpty(_ first: String, _ second: String) -> String {
    first.isEmpty ? second : first
  }

  /// The message without surrounding whitespace (Go's `strings.TrimSpace`).
  private static func trimmed(_ text: String) -> String {
    let scalars = text.unicodeScalars
    guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
      let end = scalars.lastIndex(where: { !$0.properties.isWhitespace })
    else { return "" }
    return String(scalars[start...end])
  }
}
