import Engine
import Foundation
import Manifests
import Simulator
import Yams

/// A strategy snapshot from a file of Kubernetes objects, as `rollout eval --snapshot` takes: one
/// Deployment and its ReplicaSets (with status counts), separate documents or one `List`. The
/// ReplicaSet with the newest revision is the new one.
public enum SnapshotDocuments {
  /// The file is not a snapshot; the description names the file and the document.
  public struct Problem: Error, CustomStringConvertible {
    public var description: String
  }

  /// The snapshot in the file at `path`, with the clock at 0 and an empty strategy state.
  public static func load(path: String) throws -> StrategySnapshot {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw Problem(description: "cannot read \(path)")
    }
    var documents: [JSONValue] = []
    for document in try Yams.load_all(yaml: String(decoding: data, as: UTF8.self)) {
      let value = JSONValue(yamlObject: document)
      if value["kind"]?.stringValue == "List" {
        documents += value["items"]?.arrayValue ?? []
      } else if value != .null {
        documents.append(value)
      }
    }
    var deployments: [Deployment] = []
    var replicaSets: [ReplicaSet] = []
    for (index, document) in documents.enumerated() {
      let kind = document["kind"]?.stringValue ?? "?"
      let cleaned = withoutServerFields(document)
      do {
        switch kind {
        case "Deployment": deployments.append(try decode(Deployment.self, cleaned))
        case "ReplicaSet": replicaSets.append(try decode(ReplicaSet.self, cleaned))
        default: throw Problem(description: "kind \(kind) is neither Deployment nor ReplicaSet")
        }
      } catch {
        throw Problem(description: "\(path): document \(index + 1) (\(kind)): \(error)")
      }
    }
    guard deployments.count == 1, let deployment = deployments.first, !replicaSets.isEmpty else {
      throw Problem(
        description: "\(path): expected one Deployment and its ReplicaSets, found "
          + "\(deployments.count) Deployments and \(replicaSets.count) ReplicaSets")
    }
    let ordered = replicaSets.sorted {
      ($0.revision, $0.metadata.creationTimestamp ?? 0, $0.metadata.name)
        < ($1.revision, $1.metadata.creationTimestamp ?? 0, $1.metadata.name)
    }
    return StrategySnapshot(
      deployment: deployment.view,
      newReplicaSet: ordered.last!.view, oldReplicaSets: ordered.dropLast().map(\.view),
      fenceposts: try deployment.strategyFenceposts(), now: 0,
      params: try deployment.strategyParameters())
  }

  /// Drops what the API server fills in and the engine does not read in this form (RFC 3339
  /// timestamps, managedFields, uid, resourceVersion).
  private static func withoutServerFields(_ document: JSONValue) -> JSONValue {
    guard var metadata = document["metadata"]?.objectValue else { return document }
    for field in ["managedFields", "uid", "resourceVersion", "selfLink"] { metadata[field] = nil }
    for field in ["creationTimestamp", "deletionTimestamp"] {
      if case .string = metadata[field] { metadata[field] = nil }
    }
    var cleaned = document
    cleaned["metadata"] = .object(metadata)
    return cleaned
  }

  private static func decode<T: Decodable>(_ type: T.Type, _ value: JSONValue) throws -> T {
    try JSONDecoder().decode(type, from: try JSONEncoder().encode(value))
  }
}
