import Engine
import Foundation
import Manifests
import Strategies

/// Writes to the objects the simulated cluster stores, decoded and validated as the CLI does
/// (`ManifestLoader`: the same messages), then written through the `ClusterBackend`.
extension ServedState {
  func createSimulated(
    _ type: ResourceType, _ key: ObjectKey, _ object: JSONValue, request: APIRequest
  )
    throws(APIError) -> JSONValue
  {
    switch type.kind {
    case Deployment.kind, "Rollout":
      let deployment = try decodeDeployment(object, type, request: request)
      if request.isDryRun { return object }
      guard cluster.get(Deployment.self, key) == nil else {
        throw APIError(
          code: 409, reason: "AlreadyExists",
          message:
            "\(type.qualifiedName) \"\(key.name)\" already exists: a Deployment and a Rollout of one name share it on a served cluster",
          details: .init(name: key.name, group: type.group, kind: type.plural))
      }
      if type.kind == "Rollout" { rolloutSources[key] = Self.source(of: object) }
      try clusterWrite(type, key.name) { () throws(ClusterError) in try cluster.create(deployment) }
    case Service.kind:
      let service = try decodeService(object, type, request: request)
      if request.isDryRun { return encoding.service(service) }
      try clusterWrite(type, key.name) { () throws(ClusterError) in try cluster.create(service) }
    case ReplicaSet.kind:
      let replicaSet = try decodePlain(ReplicaSet.self, object, type)
      if request.isDryRun { return encoding.replicaSet(replicaSet) }
      try clusterWrite(type, key.name) { () throws(ClusterError) in try cluster.create(replicaSet) }
    default:
      let images = (object["spec"]?["containers"]?.arrayValue ?? []).compactMap {
        $0["image"]?.stringValue
      }
      var metadata = ObjectMeta(name: key.name, namespace: key.namespace)
      metadata.labels = object["metadata"]?["labels"]?.stringMapValue
      metadata.annotations = object["metadata"]?["annotations"]?.stringMapValue
      let pod = Pod(metadata: metadata, spec: PodSpecSummary(images: images))
      if request.isDryRun { return object }
      try clusterWrite(type, key.name) { () throws(ClusterError) in try cluster.create(pod) }
    }
    if type.kind == Deployment.kind || type.kind == "Rollout" { writtenRollouts.insert(key) }
    refresh()
    return cache.object(type, key) ?? object
  }

  func updateSimulated(
    _ type: ResourceType, _ key: ObjectKey, _ object: JSONValue, subresource: String?,
    request: APIRequest
  ) throws(APIError) -> JSONValue {
    // Status belongs to the cluster's controllers: a status write is answered with what is.
    guard subresource != "status" else { return cache.object(type, key)! }
    switch type.kind {
    case Deployment.kind, "Rollout":
      guard let existing = cluster.get(Deployment.self, key), existing.kind == type.kind else {
        throw .notFound(type, name: key.name)
      }
      let decoded = try decodeDeployment(object, type, request: request)
      var stored = existing.applying(decoded)
      var state = RolloutState.read(from: stored)
      if state.blocksSteps, stored.spec != existing.spec {
        state.phase = .progressing
        state.reason = nil
        state.message = nil
        state.write(to: &stored)
      }
      if request.isDryRun { return type.kind == "Rollout" ? object : encoding.deployment(stored) }
      if type.kind == "Rollout" {
        let source = Self.source(of: object)
        if rolloutSources[key] != source {
          rolloutSources[key] = source
          unsavedObjects = true
        }
      }
      if stored == existing { return cache.object(type, key)! }
      try clusterWrite(type, key.name) { () throws(ClusterError) in try cluster.update(stored) }
    case Service.kind:
      guard var stored = cluster.get(Service.self, key) else {
        throw .notFound(type, name: key.name)
      }
      let decoded = try decodeService(object, type, request: request)
      stored.metadata.labels = decoded.metadata.labels
      stored.metadata.annotations = decoded.metadata.annotations
      stored.spec = decoded.spec
      if request.isDryRun { return encoding.service(stored) }
      try clusterWrite(type, key.name) { () throws(ClusterError) in try cluster.update(stored) }
    case ReplicaSet.kind:
      guard var stored = cluster.get(ReplicaSet.self, key) else {
        throw .notFound(type, name: key.name)
      }
      stored.metadata.labels = object["metadata"]?["labels"]?.stringMapValue
      stored.metadata.annotations = object["metadata"]?["annotations"]?.stringMapValue
      stored.metadata.ownerReferences = try ownerReferences(object)
      if let replicas = object["spec"]?["replicas"]?.intValue { stored.spec.replicas = replicas }
      if request.isDryRun { return encoding.replicaSet(stored) }
      try clusterWrite(type, key.name) { () throws(ClusterError) in try cluster.update(stored) }
    default:
      guard var stored = cluster.get(Pod.self, key) else { throw .notFound(type, name: key.name) }
      stored.metadata.labels = object["metadata"]?["labels"]?.stringMapValue
      stored.metadata.annotations = object["metadata"]?["annotations"]?.stringMapValue
      stored.metadata.ownerReferences = try ownerReferences(object)
      if request.isDryRun { return object }
      try clusterWrite(type, key.name) { () throws(ClusterError) in try cluster.update(stored) }
    }
    if type.kind == Deployment.kind || type.kind == "Rollout" { writtenRollouts.insert(key) }
    refresh()
    return cache.object(type, key) ?? object
  }

  func deleteSimulated(_ type: ResourceType, _ key: ObjectKey, orphan: Bool) throws(APIError) {
    switch type.kind {
    case Deployment.kind, "Rollout":
      guard cluster.get(Deployment.self, key)?.kind == type.kind else {
        throw .notFound(type, name: key.name)
      }
      if type.kind == "Rollout" {
        rolloutSources[key] = nil
        unsavedObjects = true
      }
      if orphan, let deployment = cluster.get(Deployment.self, key) {
        for var replicaSet in cluster.replicaSets(controlledBy: deployment) {
          replicaSet.metadata.ownerReferences = nil
          _ = try? cluster.update(replicaSet)
        }
      }
      try clusterWrite(type, key.name) { () throws(ClusterError) in
        try cluster.delete(Deployment.self, key)
      }
    case ReplicaSet.kind:
      if orphan, let replicaSet = cluster.get(ReplicaSet.self, key) {
        for var pod in cluster.list(Pod.self, namespace: key.namespace)
        where pod.metadata.ownerReferences?.contains(where: { $0.uid == replicaSet.metadata.uid })
          == true
        {
          pod.metadata.ownerReferences = nil
          _ = try? cluster.update(pod)
        }
      }
      try clusterWrite(type, key.name) { () throws(ClusterError) in
        try cluster.delete(ReplicaSet.self, key)
      }
    case Service.kind:
      try clusterWrite(type, key.name) { () throws(ClusterError) in
        try cluster.delete(Service.self, key)
      }
    default:
      try clusterWrite(type, key.name) { () throws(ClusterError) in
        try cluster.delete(Pod.self, key)
      }
    }
    if type.kind == Deployment.kind || type.kind == "Rollout" { writtenRollouts.insert(key) }
    refresh()
  }

  /// What a client wrote of a Rollout, without what the server owns.
  static func source(of object: JSONValue) -> JSONValue {
    var source: JSONValue = .object([:])
    source["spec"] = object["spec"]
    return source
  }

  // MARK: Scale

  /// The `autoscaling/v1 Scale` of a Deployment, ReplicaSet or Rollout.
  func scale(_ type: ResourceType, _ key: ObjectKey) throws(APIError) -> JSONValue? {
    guard type.subresource("scale") != nil else { throw .noSuchPath }
    guard let object = cache.object(type, key) else { return nil }
    let text = LabelQuery.text(of: object["spec"]?["selector"])
    var metadata: [String: JSONValue] = [:]
    for field in ["name", "namespace", "uid", "resourceVersion", "creationTimestamp"] {
      metadata[field] = object["metadata"]?[field]
    }
    return .object([
      "kind": "Scale", "apiVersion": "autoscaling/v1", "metadata": .object(metadata),
      "spec": .object(["replicas": object["spec"]?["replicas"] ?? .int(1)]),
      "status": .object([
        "replicas": object["status"]?["replicas"] ?? .int(0), "selector": .string(text),
      ]),
    ])
  }

  func writeScale(_ type: ResourceType, _ key: ObjectKey, _ scale: JSONValue, request: APIRequest)
    throws(APIError) -> APIResponse
  {
    guard var object = cache.object(type, key) else { throw .notFound(type, name: key.name) }
    guard let replicas = scale["spec"]?["replicas"]?.intValue, replicas >= 0 else {
      throw .invalid(
        type, name: key.name,
        causes: [
          .init(
            reason: "FieldValueInvalid",
            message: "Invalid value: must be greater than or equal to 0", field: "spec.replicas")
        ])
    }
    if let version = scale["metadata"]?["resourceVersion"]?.stringValue,
      version != object["metadata"]?["resourceVersion"]?.stringValue
    {
      throw .conflict(type, name: key.name)
    }
    object["spec"]?["replicas"] = .int(replicas)
    _ = try update(type, key, object, subresource: nil, request: request)
    return body(200, try self.scale(type, key) ?? .null)
  }

  // MARK: Decoding

  private func decodeDeployment(_ object: JSONValue, _ type: ResourceType, request: APIRequest)
    throws(APIError) -> Deployment
  {
    guard case .deployment(let deployment) = try loadManifest(object, type, request: request) else {
      throw .badRequest("the body is not a Deployment")
    }
    try admitStrategy(deployment, type)
    var result = deployment.withServerDefaults()
    result.metadata.namespace = object["metadata"]?["namespace"]?.stringValue
    return result
  }

  private func decodeService(_ object: JSONValue, _ type: ResourceType, request: APIRequest)
    throws(APIError) -> Service
  {
    guard case .service(let service) = try loadManifest(object, type, request: request) else {
      throw .badRequest("the body is not a Service")
    }
    return service
  }

  /// The object read as a manifest is, with the CLI's validation: unknown fields are a 400
  /// (strict decoding, as `fieldValidation=Strict`), invalid values a 422 naming each field.
  private func loadManifest(_ object: JSONValue, _ type: ResourceType, request: APIRequest)
    throws(APIError) -> ManifestObject
  {
    let name = object["metadata"]?["name"]?.stringValue ?? ""
    let validation: FieldValidation =
      switch request.query["fieldValidation"] {
      case "Ignore": .ignore
      case "Warn": .warn
      default: .strict
      }
    let text = (try? object.exactText()) ?? "{}"
    do {
      let loaded = try ManifestLoader.load(yaml: text, file: "request", validation: validation)
      guard let first = loaded.objects.first else {
        throw APIError.badRequest("no object in the body")
      }
      return first
    } catch let error as APIError {
      throw error
    } catch let error as ManifestError {
      let unknown = error.problems.filter { $0.message.hasPrefix("unknown field") }
      if !unknown.isEmpty {
        let fields = unknown.map { problem in
          "unknown field \"\(problem.path ?? "")\""
        }
        throw .badRequest(
          "\(type.kind) in version \"\(type.version)\" cannot be handled as a \(type.kind): strict decoding error: \(fields.joined(separator: ", "))"
        )
      }
      throw .invalid(
        type, name: name,
        causes: error.problems.map {
          .init(
            reason: "FieldValueInvalid", message: "Invalid value: \($0.message)",
            field: $0.path ?? "")
        })
    } catch {
      throw .badRequest("\(error)")
    }
  }

  /// A served cluster reads no files: a strategy is a stock name or `configmap/NAME/KEY`.
  private func admitStrategy(_ deployment: Deployment, _ type: ResourceType) throws(APIError) {
    guard let spec = deployment.metadata.annotation(Annotations.strategy), !spec.isEmpty else {
      return
    }
    if StrategySource.stock(spec) != nil || ClusterStrategies.configMapReference(spec) != nil {
      return
    }
    throw .invalid(
      type, name: deployment.metadata.name,
      causes: [
        .init(
          reason: "FieldValueInvalid",
          message:
            "Invalid value: \"\(spec)\": a served cluster reads no files: name a stock strategy (\(StrategySource.stockNames.joined(separator: ", "))) or configmap/NAME/KEY",
          field: "metadata.annotations[\(Annotations.strategy)]")
      ])
  }

  private func decodePlain<T: Decodable>(_: T.Type, _ object: JSONValue, _ type: ResourceType)
    throws(APIError) -> T
  {
    var plain = object
    for field in [
      "resourceVersion", "creationTimestamp", "uid", "generation", "deletionTimestamp",
      "managedFields",
    ] {
      plain["metadata"]?[field] = nil
    }
    plain["status"] = nil
    do {
      let data = Data(((try? plain.exactText()) ?? "{}").utf8)
      return try JSONDecoder().decode(T.self, from: data)
    } catch {
      throw .badRequest(
        "\(type.kind) in version \"\(type.version)\" cannot be handled as a \(type.kind): \(error)")
    }
  }

  private func ownerReferences(_ object: JSONValue) throws(APIError) -> [OwnerReference]? {
    guard let list = object["metadata"]?["ownerReferences"], list != .null else { return nil }
    let data = Data(((try? list.exactText()) ?? "[]").utf8)
    do {
      return try JSONDecoder().decode([OwnerReference].self, from: data)
    } catch {
      throw .badRequest("metadata.ownerReferences: \(error)")
    }
  }

  private func clusterWrite(
    _ type: ResourceType, _ name: String, _ write: () throws(ClusterError) -> Void
  )
    throws(APIError)
  {
    do {
      try write()
    } catch {
      switch error {
      case .notFound: throw .notFound(type, name: name)
      case .alreadyExists: throw .alreadyExists(type, name: name)
      case .conflict: throw .conflict(type, name: name)
      case .invalid(let message):
        throw .invalid(
          type, name: name,
          causes: [.init(reason: "FieldValueInvalid", message: message, field: "")])
      }
    }
  }
}

extension Deployment {
  /// The defaults the API server fills in (`replicas` 1, history 10, deadline 600 s, a rolling
  /// update of 25%/25%), so what is stored is what `kubectl get -o yaml` shows and an unchanged
  /// manifest applied again changes nothing.
  public func withServerDefaults() -> Deployment {
    var result = self
    if result.spec.replicas == nil { result.spec.replicas = 1 }
    if result.spec.revisionHistoryLimit == nil { result.spec.revisionHistoryLimit = 10 }
    if result.spec.progressDeadlineSeconds == nil { result.spec.progressDeadlineSeconds = 600 }
    var strategy = result.spec.strategy ?? DeploymentStrategy()
    if strategy.type == nil { strategy.type = "RollingUpdate" }
    if strategy.type == "RollingUpdate" {
      var rolling = strategy.rollingUpdate ?? RollingUpdateDeployment()
      if rolling.maxSurge == nil { rolling.maxSurge = .string("25%") }
      if rolling.maxUnavailable == nil { rolling.maxUnavailable = .string("25%") }
      strategy.rollingUpdate = rolling
    }
    result.spec.strategy = strategy
    return result
  }
}
