import Engine

/// The owner index: ReplicaSets by the Deployment their ownerReferences name, so a reconcile
/// pass over one Deployment never lists the namespace (1,000 deployments would make every
/// pass O(all ReplicaSets)).
extension SimulatedCluster {
  /// The ReplicaSets with an ownerReference of kind Deployment named `deployment.name`, in
  /// its namespace, sorted by name (as `list` orders them).
  public func replicaSets(referencingDeployment deployment: ObjectKey) -> [ReplicaSet] {
    guard let serials = replicaSetsByDeployment[deployment], !serials.isEmpty else { return [] }
    return serials.compactMap { replicaSets[$0]?.object }
      .sorted { $0.metadata.name < $1.metadata.name }
  }

  /// Moves ReplicaSet `serial` in the index from the Deployments `old` names to those `new`
  /// names (nil: not stored).
  func reindexOwners(of serial: Int, old: ObjectMeta?, new: ObjectMeta?) {
    let before = Self.deploymentOwners(old)
    let after = Self.deploymentOwners(new)
    guard before != after else { return }
    for key in before.subtracting(after) {
      replicaSetsByDeployment[key]?.remove(serial)
      if replicaSetsByDeployment[key]?.isEmpty == true { replicaSetsByDeployment[key] = nil }
    }
    for key in after.subtracting(before) {
      replicaSetsByDeployment[key, default: []].insert(serial)
    }
  }

  private static func deploymentOwners(_ metadata: ObjectMeta?) -> Set<ObjectKey> {
    guard let metadata, let references = metadata.ownerReferences else { return [] }
    return Set(
      references.lazy.filter { Deployment.ownerKinds.contains($0.kind) }.map {
        ObjectKey(metadata.effectiveNamespace, $0.name)
      })
  }
}
