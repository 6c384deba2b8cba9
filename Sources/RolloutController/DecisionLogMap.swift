import Engine
import KubeClient

/// The decision log of a Rollout on a cluster: the full records (snapshot, parameters,
/// envelope, decision, outcome), one JSON line each, in the ConfigMap `<rollout>-decisions` of
/// its namespace, owned by the Rollout (deleted with it). Bounded: the last `maxRecords`
/// records, and at most `maxBytes` of them, as a ConfigMap must stay under 1 MiB. Each
/// decision is also an Event on the Rollout (`ReconcileWriter`).
enum DecisionLogMap {
  static let key = "decisions.jsonl"
  /// The label naming the Rollout whose log a ConfigMap is.
  static let label = "rollout.dev/decisions-of"
  static let maxRecords = 200
  static let maxBytes = 512 * 1024

  static func name(of rollout: String) -> String { "\(rollout)-decisions" }

  /// The records in a ConfigMap, oldest first.
  static func records(in configMap: JSONValue?) -> [DecisionRecord] {
    let text = configMap?["data"]?[key]?.stringValue ?? ""
    return text.split(separator: "\n").compactMap { try? DecisionRecord(line: String($0)) }
  }

  /// Numbers `new` after the records of their revision already kept (as the CLI's log does)
  /// and returns the lines to keep.
  static func appending(_ new: [DecisionRecord], to existing: JSONValue?) -> (
    [DecisionRecord], String
  ) {
    var lines = (existing?["data"]?[key]?.stringValue ?? "").split(separator: "\n").map(String.init)
    var lastStep: [Int: Int] = [:]
    var numbered: [DecisionRecord] = []
    for var record in new {
      if lastStep[record.revision] == nil {
        // The newest kept record of this revision, read from the end (usually the last line).
        lastStep[record.revision] =
          lines.reversed().lazy.compactMap { try? DecisionRecord(line: $0) }
          .first { $0.revision == record.revision }?.step ?? 0
      }
      record.step = lastStep[record.revision, default: 0] + 1
      lastStep[record.revision] = record.step
      numbered.append(record)
      if let line = try? record.line() { lines.append(line) }
    }
    if lines.count > maxRecords { lines.removeFirst(lines.count - maxRecords) }
    var size = lines.reduce(0) { $0 + $1.utf8.count + 1 }
    while size > maxBytes, !lines.isEmpty { size -= lines.removeFirst().utf8.count + 1 }
    return (numbered, lines.joined(separator: "\n") + (lines.isEmpty ? "" : "\n"))
  }

  /// Appends `records` to the Rollout's log, creating the ConfigMap on the first; a conflict
  /// reads it again (twice at most). Returns the records as numbered.
  static func append(
    _ records: [DecisionRecord], rollout: JSONValue, client: KubeClient, cache: Written
  ) async throws -> [DecisionRecord] {
    guard !records.isEmpty, let rolloutName = rollout["metadata"]?["name"]?.stringValue else {
      return records
    }
    let namespace = rollout["metadata"]?["namespace"]?.stringValue ?? "default"
    let mapName = name(of: rolloutName)
    let mapKey = ObjectKey(namespace, mapName)
    var existing = cache.maps[mapKey]
    if existing == nil {
      existing = try await client.get(.configMaps, namespace: namespace, name: mapName)
    }
    for attempt in 0..<3 {
      let (numbered, text) = appending(records, to: existing)
      do {
        let written: JSONValue
        if var map = existing {
          map["data"] = [key: .string(text)]
          written = try await client.replace(.configMaps, namespace: namespace, map)
        } else {
          written = try await client.create(
            .configMaps, namespace: namespace,
            [
              "apiVersion": "v1", "kind": "ConfigMap",
              "metadata": [
                "name": .string(mapName), "namespace": .string(namespace),
                "labels": [.init(stringLiteral: label): .string(rolloutName)],
                "ownerReferences": [
                  [
                    "apiVersion": "argoproj.io/v1alpha1", "kind": "Rollout",
                    "name": .string(rolloutName), "uid": rollout["metadata"]?["uid"] ?? .null,
                  ]
                ],
              ],
              "data": [key: .string(text)],
            ])
        }
        cache.maps[mapKey] = written
        return numbered
      } catch let error as KubeError where error.isConflict && attempt < 2 {
        existing = try await client.get(.configMaps, namespace: namespace, name: mapName)
      } catch {
        cache.maps[mapKey] = nil
        throw error
      }
    }
    return records
  }
}

extension DecisionLogMap {
  /// The log ConfigMaps as this controller last wrote them: it is their only writer, so it
  /// need not watch them (a log is up to 512 KiB; reading each write back off a watch would
  /// cost more than the write). A conflict reads the ConfigMap again.
  final class Written {
    var maps: [ObjectKey: JSONValue] = [:]
  }
}
