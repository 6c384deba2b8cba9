import Engine
import Foundation
import Manifests

/// A `Rollout` from the API server read as the engine's Deployment (the CLI's reading: Argo's
/// canary and blue-green become the stock strategies' parameters), with the cluster's metadata
/// and the status the controller wrote last, so the engine resumes where it stopped.
enum RolloutObject {
  /// What `decode` found wrong: the Rollout's spec, worded as `rollout apply` words it.
  struct Invalid: Error, CustomStringConvertible {
    var description: String
  }

  static func decode(_ object: JSONValue, cache: SpecCache? = nil) throws -> Deployment {
    var deployment = try cache?.deployment(for: object) ?? decodeSpec(object)
    let meta = object["metadata"]
    deployment.metadata.uid = meta?["uid"]?.stringValue
    deployment.metadata.generation = meta?["generation"]?.intValue
    deployment.metadata.creationTimestamp = (meta?["creationTimestamp"]?.stringValue).flatMap(
      RFC3339.parse)
    deployment.status = status(from: object["status"])
    return deployment
  }

  /// The Rollout's name, labels, annotations and spec read as the CLI reads a manifest (YAML
  /// through Yams: the costly part of a reconcile's reading, which `SpecCache` saves).
  static func decodeSpec(_ object: JSONValue) throws -> Deployment {
    var manifest = object
    manifest["status"] = nil
    var metadata: [String: JSONValue] = [:]
    for field in ["name", "namespace", "labels", "annotations"] {
      metadata[field] = object["metadata"]?[field]
    }
    manifest["metadata"] = .object(metadata)
    let name =
      "\(metadata["namespace"]?.stringValue ?? "default")/\(metadata["name"]?.stringValue ?? "")"
    let loaded: LoadedManifest
    do {
      loaded = try ManifestLoader.load(
        yaml: try manifest.exactText(), file: "rollout \(name)", validation: .warn)
    } catch {
      throw Invalid(description: "\(error)")
    }
    guard case .deployment(let deployment) = loaded.objects.first else {
      throw Invalid(description: "rollout \(name): not a Rollout")
    }
    return deployment
  }

  /// The last reading of each Rollout's spec, kept while its name, labels, annotations and spec
  /// stay the same (status changes, the common case, do not read the spec again).
  final class SpecCache {
    private var entries: [ObjectKey: (source: JSONValue, deployment: Deployment)] = [:]

    func deployment(for object: JSONValue) throws -> Deployment {
      var source: JSONValue = [:]
      for field in ["name", "namespace", "labels", "annotations"] {
        source[field] = object["metadata"]?[field]
      }
      source["spec"] = object["spec"]
      let key = ObjectKey(
        object["metadata"]?["namespace"]?.stringValue ?? "",
        object["metadata"]?["name"]?.stringValue ?? "")
      if let entry = entries[key], entry.source == source { return entry.deployment }
      let deployment = try decodeSpec(object)
      entries[key] = (source, deployment)
      return deployment
    }

    func forget(_ key: ObjectKey) { entries[key] = nil }
  }

  /// The engine's status from the Argo fields the controller wrote.
  static func status(from wire: JSONValue?) -> DeploymentStatus? {
    guard let wire, wire != .null else { return nil }
    var status = DeploymentStatus()
    status.observedGeneration =
      wire["observedGeneration"]?.intValue
      ?? Int(wire["observedGeneration"]?.stringValue ?? "")
    status.replicas = wire["replicas"]?.intValue
    status.updatedReplicas = wire["updatedReplicas"]?.intValue
    status.readyReplicas = wire["readyReplicas"]?.intValue
    status.availableReplicas = wire["availableReplicas"]?.intValue
    status.collisionCount = wire["collisionCount"]?.intValue
    if let conditions = wire["conditions"]?.arrayValue {
      status.conditions = conditions.compactMap { item in
        guard let type = item["type"]?.stringValue.flatMap(DeploymentCondition.ConditionType.init),
          let value = item["status"]?.stringValue
        else { return nil }
        var condition = DeploymentCondition(
          type: type, status: value, reason: item["reason"]?.stringValue,
          message: item["message"]?.stringValue, time: 0)
        condition.lastUpdateTime = (item["lastUpdateTime"]?.stringValue).flatMap(RFC3339.parse)
        condition.lastTransitionTime = (item["lastTransitionTime"]?.stringValue).flatMap(
          RFC3339.parse)
        return condition
      }
    }
    return status
  }

  /// The Rollout as it should be after the engine's pass: the annotations it owns, the spec
  /// fields an operator verb changes (template, replicas, paused), and the status in Argo's
  /// fields. Nil for a part that did not change.
  static func updates(
    of object: JSONValue, from original: Deployment, to current: Deployment,
    newHash: String?
  ) -> (object: JSONValue?, status: JSONValue?) {
    var updated = object
    if current.metadata.annotations != original.metadata.annotations {
      var annotations = object["metadata"]?["annotations"]?.objectValue ?? [:]
      let before = original.metadata.annotations ?? [:]
      let after = current.metadata.annotations ?? [:]
      for key in Set(before.keys).union(after.keys) where before[key] != after[key] {
        annotations[key] = after[key].map(JSONValue.string)
      }
      updated["metadata"]?["annotations"] = .object(annotations)
    }
    if current.spec.replicas != original.spec.replicas {
      updated["spec"]?["replicas"] = current.spec.replicas.map(JSONValue.int) ?? .null
    }
    if current.spec.paused != original.spec.paused {
      updated["spec"]?["paused"] = .bool(current.spec.isPaused)
    }
    if current.spec.template != original.spec.template {
      updated["spec"]?["template"] = .encoded(current.spec.template)
    }
    var status = current.argoRolloutStatus(
      newHash: newHash, selector: selectorText(current.spec.selector),
      timestamp: { .string(RFC3339.format($0)) })
    // Argo keeps what it does not own; so do we.
    for (key, value) in object["status"]?.objectValue ?? [:] where status[key] == nil {
      if ["pauseConditions", "message", "currentStepIndex", "stableRS", "currentPodHash"]
        .contains(key)
      {
        continue
      }
      status[key] = value
    }
    // JSONValue is ExpressibleByNilLiteral: spell the absent value out.
    let objectUpdate: JSONValue? = updated == object ? .none : .some(updated)
    let statusUpdate: JSONValue? = status == (object["status"] ?? .null) ? .none : .some(status)
    return (objectUpdate, statusUpdate)
  }

  static func selectorText(_ selector: LabelSelector) -> String {
    var parts = (selector.matchLabels ?? [:]).sorted { $0.key < $1.key }.map {
      "\($0.key)=\($0.value)"
    }
    for requirement in selector.matchExpressions ?? [] {
      let values = (requirement.values ?? []).joined(separator: ",")
      switch requirement.operator {
      case .in: parts.append("\(requirement.key) in (\(values))")
      case .notIn: parts.append("\(requirement.key) notin (\(values))")
      case .exists: parts.append(requirement.key)
      case .doesNotExist: parts.append("!\(requirement.key)")
      }
    }
    return parts.joined(separator: ",")
  }
}
