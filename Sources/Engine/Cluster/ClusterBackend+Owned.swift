extension ClusterBackend {
  /// The ReplicaSets in `deployment.namespace` with an ownerReference of kind Deployment named
  /// `deployment.name` (controller or not, any uid), sorted by name: what a Deployment's
  /// reconcile pass and the rollout metrics start from. This default lists the namespace; a
  /// backend with an owner index answers without looking at anybody else's ReplicaSets.
  public func replicaSets(referencingDeployment deployment: ObjectKey) -> [ReplicaSet] {
    list(ReplicaSet.self, namespace: deployment.namespace).filter {
      $0.references(deployment: deployment.name)
    }
  }
}

extension ReplicaSet {
  /// Whether an ownerReference names the Deployment `name`.
  public func references(deployment name: String) -> Bool {
    metadata.ownerReferences?.contains { $0.kind == Deployment.kind && $0.name == name } ?? false
  }
}
