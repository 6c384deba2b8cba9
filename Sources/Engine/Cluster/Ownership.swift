/// Who owns what: Kubernetes' controller-reference rule, the one place the engine decides
/// which ReplicaSets belong to a Deployment (the controller, undo, history, metrics and the
/// CLI's views all ask here).
extension ObjectMeta {
  /// Kubernetes' `GetControllerOf`: the ownerReference marked `controller: true`, if any.
  public var controllerReference: OwnerReference? {
    ownerReferences?.first { $0.controller == true }
  }

  /// Kubernetes' `IsControlledBy`: the controller ownerReference points at `owner`, a `kind`
  /// in the same namespace, by UID. An object that was never stored has no UID; then the
  /// reference's name stands in for it.
  public func isControlled(by owner: ObjectMeta, kind: String) -> Bool {
    guard let reference = controllerReference, reference.kind == kind,
      effectiveNamespace == owner.effectiveNamespace
    else { return false }
    if let uid = reference.uid, let ownerUID = owner.uid { return uid == ownerUID }
    return reference.name == owner.name
  }
}

extension Deployment {
  /// The kinds an ownerReference to a Deployment carries: `Deployment`, and `Rollout` for an
  /// Argo Rollout run as one (stores written before Rollouts named their own kind say
  /// `Deployment` for both; the UID decides).
  public static let ownerKinds: Set<String> = ["Deployment", "Rollout"]

  /// Whether this Deployment controls `rs`: its controller ownerReference has this
  /// Deployment's UID.
  public func controls(_ rs: ReplicaSet) -> Bool {
    Self.ownerKinds.contains { rs.metadata.isControlled(by: metadata, kind: $0) }
  }
}

extension ReplicaSet {
  /// Whether this ReplicaSet controls `pod`: its controller ownerReference has this
  /// ReplicaSet's UID.
  public func controls(_ pod: Pod) -> Bool {
    pod.metadata.isControlled(by: metadata, kind: ReplicaSet.kind)
  }
}

extension ClusterBackend {
  /// The ReplicaSets `deployment` controls, sorted by name.
  public func replicaSets(controlledBy deployment: Deployment) -> [ReplicaSet] {
    replicaSets(referencingDeployment: deployment.key).filter(deployment.controls)
  }

  /// The ReplicaSets in `deployment.namespace` with an ownerReference naming the Deployment
  /// `deployment.name`, sorted by name: the candidates `replicaSets(controlledBy:)` picks from.
  /// This default lists the namespace; a backend with an owner index answers without looking
  /// at anybody else's ReplicaSets.
  public func replicaSets(referencingDeployment deployment: ObjectKey) -> [ReplicaSet] {
    list(ReplicaSet.self, namespace: deployment.namespace).filter { rs in
      rs.metadata.ownerReferences?.contains {
        Deployment.ownerKinds.contains($0.kind) && $0.name == deployment.name
      } ?? false
    }
  }
}
