import Engine
import Foundation
import Yams

/// A Deployment and its ReplicaSets read from YAML or JSON, as `kubectl get -o yaml` prints
/// them: separate documents, or one `List`.
struct SnapshotFile {
  var deployment: Deployment
  var replicaSets: [ReplicaSet]
  var path: String

  init(path: String) throws {
    self.path = path
    guard let data = FileManager.default.contents(atPath: path) else {
      throw InputError("\(path): cannot read the file")
    }
    var documents: [JSONValue] = []
    do {
      for document in try Yams.load_all(yaml: String(decoding: data, as: UTF8.self)) {
        let value = JSONValue(yamlObject: document)
        if value["kind"]?.stringValue == "List" {
          documents += value["items"]?.arrayValue ?? []
        } else if value != .null {
          documents.append(value)
        }
      }
    } catch {
      throw InputError("\(path): not YAML: \(error)")
    }
    var deployments: [Deployment] = []
    var replicaSets: [ReplicaSet] = []
    for (index, document) in documents.enumerated() {
      let kind = document["kind"]?.stringValue ?? "?"
      let cleaned = Self.withoutServerFields(document)
      do {
        switch kind {
        case "Deployment": deployments.append(try Self.decode(Deployment.self, cleaned))
        case "ReplicaSet": replicaSets.append(try Self.decode(ReplicaSet.self, cleaned))
        default: throw InputError("kind \(kind) is neither Deployment nor ReplicaSet")
        }
      } catch {
        throw InputError("\(path): document \(index + 1) (\(kind)): \(error)")
      }
    }
    guard deployments.count == 1, let deployment = deployments.first else {
      throw InputError("\(path): expected exactly one Deployment, found \(deployments.count)")
    }
    guard !replicaSets.isEmpty else {
      throw InputError(
        "\(path): expected at least one ReplicaSet (the newest revision is the new one)")
    }
    self.deployment = deployment
    self.replicaSets = replicaSets
  }

  /// The strategy snapshot: the newest revision is the new ReplicaSet, the rest are old,
  /// oldest first.
  func snapshot(now: Double) throws -> StrategySnapshot {
    let ordered = replicaSets.sorted {
      ($0.revision, $0.metadata.creationTimestamp ?? 0, $0.metadata.name)
        < ($1.revision, $1.metadata.creationTimestamp ?? 0, $1.metadata.name)
    }
    let newRS = ordered.last!
    let fenceposts: Fenceposts
    do {
      fenceposts = try deployment.strategyFenceposts()
    } catch {
      throw InputError("\(path): Deployment \"\(deployment.metadata.name)\": \(error)")
    }
    var params = JSONValue.object([:])
    do {
      params = try deployment.strategyParameters()
    } catch {
      throw InputError("\(path): \(error)")
    }
    let meta = deployment.metadata
    return StrategySnapshot(
      deployment: DeploymentView(
        name: meta.name, namespace: meta.effectiveNamespace, replicas: deployment.replicas,
        generation: meta.generation ?? 1, paused: deployment.spec.isPaused,
        minReadySeconds: deployment.spec.effectiveMinReadySeconds,
        progressDeadlineSeconds: deployment.spec.effectiveProgressDeadlineSeconds,
        strategyType: deployment.spec.strategy?.type ?? DeploymentStrategy.rollingUpdateType,
        labels: meta.labels ?? [:], annotations: meta.annotations ?? [:]),
      newReplicaSet: newRS.view, oldReplicaSets: ordered.dropLast().map(\.view),
      fenceposts: fenceposts, now: now, state: .object([:]), params: params)
  }

  /// Drops what the API server fills in and the engine does not read in this form
  /// (RFC 3339 timestamps, managedFields, uid, resourceVersion).
  static func withoutServerFields(_ document: JSONValue) -> JSONValue {
    guard var metadata = document["metadata"]?.objectValue else { return document }
    for field in [
      "creationTimestamp", "deletionTimestamp", "managedFields", "uid", "resourceVersion",
      "selfLink",
    ] {
      if field.hasSuffix("Timestamp"), case .double = metadata[field] { continue }
      if field.hasSuffix("Timestamp"), case .int = metadata[field] { continue }
      metadata[field] = nil
    }
    var cleaned = document
    cleaned["metadata"] = .object(metadata)
    return cleaned
  }

  static func decode<T: Decodable>(_ type: T.Type, _ value: JSONValue) throws -> T {
    let data = try JSONEncoder().encode(value)
    return try JSONDecoder().decode(type, from: data)
  }
}
