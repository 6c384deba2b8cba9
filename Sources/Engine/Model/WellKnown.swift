/// Annotation keys the engine reads and writes, Kubernetes' own where one exists.
public enum Annotations {
  /// The revision of a ReplicaSet (and of its Deployment): `deployment.kubernetes.io/revision`.
  public static let revision = "deployment.kubernetes.io/revision"
  /// Earlier revisions of a ReplicaSet whose template came back.
  public static let revisionHistory = "deployment.kubernetes.io/revision-history"
  /// `replicas` of the Deployment when the ReplicaSet was last scaled (proportional scaling).
  public static let desiredReplicas = "deployment.kubernetes.io/desired-replicas"
  /// `replicas + maxSurge` when the ReplicaSet was last scaled (proportional scaling).
  public static let maxReplicas = "deployment.kubernetes.io/max-replicas"
  /// Why a revision was made; shown by `rollout history`.
  public static let changeCause = "kubernetes.io/change-cause"
  /// The strategy to run, a stock name or a `.lua` path.
  public static let strategy = "rollout.dev/strategy"
  /// The strategy's parameters, a YAML map.
  public static let strategyParams = "rollout.dev/strategy-params"
  /// Set by `rollout restart` on the pod template.
  public static let restartedAt = "kubectl.kubernetes.io/restartedAt"
}

/// Label keys the engine reads and writes.
public enum Labels {
  /// Distinguishes the pods of one template revision from another's.
  public static let podTemplateHash = "pod-template-hash"
}
