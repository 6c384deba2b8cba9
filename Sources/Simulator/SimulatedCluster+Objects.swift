import Engine

/// Object storage: the `ClusterBackend` reads and writes, with Kubernetes' rules for
/// resourceVersion, generation, uid and creation time.
extension SimulatedCluster {
  /// All objects of a kind, sorted by namespace and name; `namespace` nil for all namespaces.
  public func list<Object: ClusterObject>(_ type: Object.Type, namespace: String?) -> [Object] {
    func inScope(_ key: ObjectKey) -> Bool { namespace.map { $0 == key.namespace } ?? true }
    let result: [any ClusterObject]
    if type == Deployment.self {
      result = deployments.keys.filter(inScope).sorted().compactMap { deployments[$0] }
    } else if type == ReplicaSet.self {
      result = replicaSetSerials.keys.filter(inScope).sorted().compactMap {
        replicaSets[replicaSetSerials[$0]!]?.object
      }
    } else if type == Pod.self {
      result = podSerials.keys.filter(inScope).sorted().compactMap {
        pods[podSerials[$0]!]?.pod
      }
    } else if type == Service.self {
      result = services.keys.filter(inScope).sorted().compactMap { services[$0] }
    } else {
      result = []
    }
    return result.compactMap { $0 as? Object }
  }

  /// The object of a kind at `key`, or nil.
  public func get<Object: ClusterObject>(_ type: Object.Type, _ key: ObjectKey) -> Object? {
    if type == Deployment.self { return deployments[key] as? Object }
    if type == ReplicaSet.self {
      return replicaSetSerials[key].flatMap { replicaSets[$0]?.object } as? Object
    }
    if type == Pod.self { return podSerials[key].flatMap { pods[$0]?.pod } as? Object }
    if type == Service.self { return services[key] as? Object }
    return nil
  }

  /// Stores a new object, stamped with uid, creationTimestamp, generation 1 (Deployments and
  /// ReplicaSets) and a new resourceVersion. A ReplicaSet gets its pods at the current
  /// instant, reported by the next `waitForChange`; a pod is started by the kubelet.
  @discardableResult
  public func create<Object: ClusterObject>(_ object: Object) throws(ClusterError) -> Object {
    guard !object.metadata.name.isEmpty else {
      throw .invalid("\(Object.kind) needs metadata.name")
    }
    let created: any ClusterObject
    if let deployment = object as? Deployment {
      created = try createDeployment(deployment)
    } else if let replicaSet = object as? ReplicaSet {
      created = try createReplicaSet(replicaSet)
    } else if let pod = object as? Pod {
      created = try createPod(pod)
    } else if let service = object as? Service {
      created = try createService(service)
    } else {
      throw .invalid("the simulated cluster does not store \(Object.kind) objects")
    }
    flushStatuses()
    return try stored(created, as: Object.self)
  }

  /// Replaces an object. A non-nil `resourceVersion` must match the stored one. Deployments
  /// keep the written status; a ReplicaSet's and a pod's status belong to the cluster and are
  /// kept. `generation` goes up when `spec` changes.
  @discardableResult
  public func update<Object: ClusterObject>(_ object: Object) throws(ClusterError) -> Object {
    let updated: any ClusterObject
    if let deployment = object as? Deployment {
      updated = try updateDeployment(deployment)
    } else if let replicaSet = object as? ReplicaSet {
      updated = try updateReplicaSet(replicaSet)
    } else if let pod = object as? Pod {
      updated = try updatePod(pod)
    } else if let service = object as? Service {
      updated = try updateService(service)
    } else {
      throw .invalid("the simulated cluster does not store \(Object.kind) objects")
    }
    flushStatuses()
    return try stored(updated, as: Object.self)
  }

  /// Deletes an object. A ReplicaSet's pods start terminating; a Deployment's ReplicaSets
  /// (those it controls by ownerReference) are deleted with it; a pod starts terminating and
  /// its ReplicaSet replaces it at the current instant.
  public func delete<Object: ClusterObject>(_ type: Object.Type, _ key: ObjectKey)
    throws(ClusterError)
  {
    defer { flushStatuses() }
    if type == Deployment.self {
      guard let deployment = deployments.removeValue(forKey: key) else {
        throw .notFound(kind: Object.kind, key: key)
      }
      touch(Deployment.kind, key)
      for state in replicaSets.values.sorted(by: { $0.serial < $1.serial })
      where isControlled(state.object.metadata, by: deployment) {
        deleteReplicaSet(state)
      }
    } else if type == ReplicaSet.self {
      guard let state = replicaSetSerials[key].flatMap({ replicaSets[$0] }) else {
        throw .notFound(kind: Object.kind, key: key)
      }
      deleteReplicaSet(state)
    } else if type == Pod.self {
      guard let serial = podSerials[key] else { throw .notFound(kind: Object.kind, key: key) }
      if let owner = pods[serial]?.owner, replicaSets[owner] != nil {
        dirtyReplicaSets.append(owner)
      }
      terminatePod(serial)
    } else if type == Service.self {
      guard services.removeValue(forKey: key) != nil else {
        throw .notFound(kind: Object.kind, key: key)
      }
      touch(Service.kind, key)
    } else {
      throw .invalid("the simulated cluster does not store \(Object.kind) objects")
    }
  }

  // MARK: Per kind

  private func stored<Object: ClusterObject>(_ object: any ClusterObject, as _: Object.Type)
    throws(ClusterError) -> Object
  {
    // Re-read: the write's consequences may have stamped a newer resourceVersion.
    guard let fresh = get(Object.self, object.key) ?? (object as? Object) else {
      throw .invalid("internal error: stored \(Object.kind) has the wrong type")
    }
    return fresh
  }

  private func stamp(_ metadata: inout ObjectMeta, uidPrefix: String, kind: String) {
    metadata.namespace = metadata.effectiveNamespace
    metadata.uid = nextUID(uidPrefix)
    metadata.creationTimestamp = now
    metadata.deletionTimestamp = nil
    metadata.generation = 1
    metadata.resourceVersion = nextResourceVersion(
      touching: kind, ObjectKey(metadata.effectiveNamespace, metadata.name))
  }

  /// Carries the server-owned fields of `old` into `new` and checks the resourceVersion.
  private func merge(
    _ new: inout ObjectMeta, onto old: ObjectMeta, kind: String, specChanged: Bool
  ) throws(ClusterError) {
    let key = ObjectKey(new.effectiveNamespace, new.name)
    if let version = new.resourceVersion, version != old.resourceVersion {
      throw .conflict(kind: kind, key: key)
    }
    new.namespace = old.namespace
    new.uid = old.uid
    new.creationTimestamp = old.creationTimestamp
    new.deletionTimestamp = old.deletionTimestamp
    new.generation = old.generation.map { specChanged ? $0 + 1 : $0 }
    new.resourceVersion = nextResourceVersion(touching: kind, key)
  }

  private func createDeployment(_ deployment: Deployment) throws(ClusterError) -> Deployment {
    guard deployments[deployment.key] == nil else {
      throw .alreadyExists(kind: Deployment.kind, key: deployment.key)
    }
    var deployment = deployment
    stamp(&deployment.metadata, uidPrefix: "deploy", kind: Deployment.kind)
    deployments[deployment.key] = deployment
    return deployment
  }

  private func updateDeployment(_ deployment: Deployment) throws(ClusterError) -> Deployment {
    guard let old = deployments[deployment.key] else {
      throw .notFound(kind: Deployment.kind, key: deployment.key)
    }
    var deployment = deployment
    try merge(
      &deployment.metadata, onto: old.metadata, kind: Deployment.kind,
      specChanged: deployment.spec != old.spec)
    deployments[deployment.key] = deployment
    return deployment
  }

  private func createService(_ service: Service) throws(ClusterError) -> Service {
    guard services[service.key] == nil else {
      throw .alreadyExists(kind: Service.kind, key: service.key)
    }
    var service = service
    stamp(&service.metadata, uidPrefix: "svc", kind: Service.kind)
    service.metadata.generation = nil
    services[service.key] = service
    return service
  }

  private func updateService(_ service: Service) throws(ClusterError) -> Service {
    guard let old = services[service.key] else {
      throw .notFound(kind: Service.kind, key: service.key)
    }
    var service = service
    try merge(&service.metadata, onto: old.metadata, kind: Service.kind, specChanged: false)
    services[service.key] = service
    return service
  }

  private func createReplicaSet(_ replicaSet: ReplicaSet) throws(ClusterError) -> ReplicaSet {
    guard replicaSetSerials[replicaSet.key] == nil else {
      throw .alreadyExists(kind: ReplicaSet.kind, key: replicaSet.key)
    }
    var replicaSet = replicaSet
    stamp(&replicaSet.metadata, uidPrefix: "rs", kind: ReplicaSet.kind)
    replicaSet.status = ReplicaSetStatus()
    lastReplicaSetSerial += 1
    let state = ReplicaSetState(object: replicaSet, serial: lastReplicaSetSerial)
    replicaSets[state.serial] = state
    replicaSetSerials[replicaSet.key] = state.serial
    reindexOwners(of: state.serial, old: nil, new: replicaSet.metadata)
    dirtyReplicaSets.append(state.serial)
    return replicaSet
  }

  private func updateReplicaSet(_ replicaSet: ReplicaSet) throws(ClusterError) -> ReplicaSet {
    guard let state = replicaSetSerials[replicaSet.key].flatMap({ replicaSets[$0] }) else {
      throw .notFound(kind: ReplicaSet.kind, key: replicaSet.key)
    }
    let old = state.object
    var replicaSet = replicaSet
    try merge(
      &replicaSet.metadata, onto: old.metadata, kind: ReplicaSet.kind,
      specChanged: replicaSet.spec != old.spec)
    replicaSet.status = old.status
    state.object = replicaSet
    reindexOwners(of: state.serial, old: old.metadata, new: replicaSet.metadata)
    if replicaSet.spec != old.spec { dirtyReplicaSets.append(state.serial) }
    if replicaSet.spec.minReadySeconds ?? 0 != old.spec.minReadySeconds ?? 0 {
      minReadySecondsChanged(state)
    }
    return replicaSet
  }

  private func deleteReplicaSet(_ state: ReplicaSetState) {
    for serial in livePods(of: state, ready: false) + livePods(of: state, ready: true) {
      terminatePod(serial)
    }
    replicaSets[state.serial] = nil
    replicaSetSerials[state.key] = nil
    touch(ReplicaSet.kind, state.key)
    reindexOwners(of: state.serial, old: state.object.metadata, new: nil)
    dirtyReplicaSets.remove(state.serial)
    staleStatuses.remove(state.serial)
  }

  private func createPod(_ pod: Pod) throws(ClusterError) -> Pod {
    guard podSerials[pod.key] == nil else {
      throw .alreadyExists(kind: Pod.kind, key: pod.key)
    }
    let owner = pod.metadata.ownerReferences?.first { $0.kind == ReplicaSet.kind }.flatMap {
      reference in
      replicaSetSerials[ObjectKey(pod.metadata.effectiveNamespace, reference.name)].flatMap {
        replicaSets[$0]
      }.flatMap { reference.uid == nil || reference.uid == $0.object.metadata.uid ? $0 : nil }
    }
    let serial = insertPod(pod, owner: owner)
    startPod(serial, behaviour: settings.podBehaviour(images: pod.spec.images))
    if let owner { dirtyReplicaSets.append(owner.serial) }
    return pods[serial]!.pod
  }

  private func updatePod(_ pod: Pod) throws(ClusterError) -> Pod {
    guard let serial = podSerials[pod.key], let old = pods[serial]?.pod else {
      throw .notFound(kind: Pod.kind, key: pod.key)
    }
    var updated = old
    updated.metadata.labels = pod.metadata.labels
    updated.metadata.annotations = pod.metadata.annotations
    updated.metadata.resourceVersion = pod.metadata.resourceVersion
    try merge(&updated.metadata, onto: old.metadata, kind: Pod.kind, specChanged: false)
    pods[serial]!.pod = updated
    return updated
  }

  private func isControlled(_ metadata: ObjectMeta, by deployment: Deployment) -> Bool {
    guard metadata.effectiveNamespace == deployment.metadata.effectiveNamespace else {
      return false
    }
    return (metadata.ownerReferences ?? []).contains {
      Deployment.ownerKinds.contains($0.kind) && $0.name == deployment.metadata.name
        && ($0.uid == nil || $0.uid == deployment.metadata.uid)
    }
  }
}
