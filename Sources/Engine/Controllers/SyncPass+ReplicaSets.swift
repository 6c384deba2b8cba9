/// Finding, creating and adopting the Deployment's ReplicaSets (Kubernetes' sync.go
/// `getAllReplicaSetsAndSyncRevision` and `getNewReplicaSet`).
extension SyncPass {
  /// Splits the ReplicaSets into the new one (its template equals the Deployment's, ignoring
  /// `pod-template-hash`) and the old ones, oldest first; syncs the new one's revision to
  /// max(old) + 1, and creates it (at 0 replicas: sizing is the strategy's) when `createNew`.
  mutating func reconcileReplicaSets(createNew: Bool) throws(ClusterError) -> (
    ReplicaSet?, [ReplicaSet]
  ) {
    let sorted = replicaSets.sorted(by: ReplicaSet.olderFirst)
    let existing = sorted.first { equalIgnoringHash($0.spec.template, deployment.spec.template) }
    let oldRSs = sorted.filter { $0.metadata.name != existing?.metadata.name }
    let newRevision = maxRevision(oldRSs) + 1
    if var newRS = existing {
      let previousRevision = newRS.revision
      var changed = false
      if previousRevision < newRevision {
        setRevision(on: &newRS, newRevision: newRevision)
        changed = true
      }
      if newRS.spec.minReadySeconds != deployment.spec.minReadySeconds {
        newRS.spec.minReadySeconds = deployment.spec.minReadySeconds
        changed = true
      }
      if changed {
        newRS = try cluster.update(newRS)
        remember(newRS)
        if previousRevision != 0, previousRevision < newRevision {
          controller.emit(
            .replicaSetAdopted(
              time: now, deployment: key, replicaSet: newRS.metadata.name,
              revision: newRS.revision))
          setProgressing(
            foundNewReplicaSetCondition(replicaSetName: newRS.metadata.name, now: now),
            onlyIfMissing: false)
        }
      }
      setDeploymentRevision(on: &deployment, revision: newRS.revision)
      setProgressing(
        foundNewReplicaSetCondition(replicaSetName: newRS.metadata.name, now: now),
        onlyIfMissing: true)
      return (newRS, oldRSs)
    }
    guard createNew else { return (nil, oldRSs) }
    let created = try createReplicaSet(revision: newRevision)
    return (created, oldRSs)
  }

  /// Creates the ReplicaSet for the current template, named `<deployment>-<pod-template-hash>`.
  /// A name taken by a ReplicaSet with another template is a hash collision: Kubernetes bumps
  /// `status.collisionCount` and hashes again.
  private mutating func createReplicaSet(revision: Int) throws(ClusterError) -> ReplicaSet {
    while true {
      let collisionCount = deployment.status?.collisionCount
      let hash = podTemplateHash(deployment.spec.template, collisionCount: collisionCount)
      let rs = newReplicaSet(hash: hash, revision: revision)
      do throws(ClusterError) {
        let created = try cluster.create(rs)
        remember(created)
        setDeploymentRevision(on: &deployment, revision: revision)
        controller.emit(
          .replicaSetCreated(
            time: now, deployment: key, replicaSet: created.metadata.name, revision: revision))
        setProgressing(
          newReplicaSetCreatedCondition(replicaSetName: created.metadata.name, now: now),
          onlyIfMissing: false)
        return created
      } catch .alreadyExists {
        if let taken = cluster.get(ReplicaSet.self, rs.key),
          equalIgnoringHash(taken.spec.template, deployment.spec.template)
        {
          remember(taken)
          return taken
        }
        var status = deployment.status ?? DeploymentStatus()
        status.collisionCount = (collisionCount ?? 0) + 1
        deployment.status = status
      }
    }
  }

  private func newReplicaSet(hash: String, revision: Int) -> ReplicaSet {
    var template = deployment.spec.template
    var templateMeta = template.metadata ?? PodTemplateSpec.TemplateMeta()
    var labels = templateMeta.labels ?? [:]
    labels[Labels.podTemplateHash] = hash
    templateMeta.labels = labels
    template.metadata = templateMeta
    var selector = deployment.spec.selector
    var matchLabels = selector.matchLabels ?? [:]
    matchLabels[Labels.podTemplateHash] = hash
    selector.matchLabels = matchLabels
    var meta = ObjectMeta(
      name: "\(deployment.metadata.name)-\(hash)", namespace: deployment.metadata.namespace,
      labels: labels)
    meta.ownerReferences = [
      OwnerReference(
        apiVersion: deployment.apiVersion, kind: deployment.kind, name: deployment.metadata.name,
        uid: deployment.metadata.uid)
    ]
    var rs = ReplicaSet(
      metadata: meta,
      spec: ReplicaSetSpec(
        replicas: 0, minReadySeconds: deployment.spec.minReadySeconds, selector: selector,
        template: template))
    // The Deployment's annotations (`kubernetes.io/change-cause` among them, so `rollout
    // history` can show it), then the revision: Kubernetes' `SetNewReplicaSetAnnotations`.
    copyDeploymentAnnotations(from: deployment, to: &rs)
    setRevision(on: &rs, newRevision: revision)
    return rs
  }
}

extension ReplicaSet {
  /// Kubernetes' `ReplicaSetsByCreationTimestamp`: older first, then by name.
  static func olderFirst(_ a: ReplicaSet, _ b: ReplicaSet) -> Bool {
    let (ta, tb) = (a.metadata.creationTimestamp ?? 0, b.metadata.creationTimestamp ?? 0)
    return ta != tb ? ta < tb : a.metadata.name < b.metadata.name
  }
}
