/// The patch metadata of the built-in kinds `rollout serve` serves, taken from the
/// `patchStrategy`/`patchMergeKey` tags of Kubernetes' `core/v1`, `apps/v1` and `meta/v1` types.
/// Only tagged fields and the fields leading to them are listed; everything else merges as an
/// object or is replaced as a list.
extension PatchSchema {
  /// The schema of an object of `kind` (`Deployment`); `untyped` for a kind without one.
  public static func forKind(_ kind: String) -> PatchSchema {
    builtIn.types[kind] == nil ? .untyped : PatchSchema(types: builtIn.types, root: kind)
  }

  /// The table of every built-in type, by name.
  static let builtIn = PatchSchema(types: kinds.merging(parts) { first, _ in first }, root: nil)

  private static let metadataOnly: [String: PatchField] = ["metadata": .nested("ObjectMeta")]

  /// The kinds, each with the fields leading to tagged ones.
  private static let kinds: [String: [String: PatchField]] = [
    "Deployment": [
      "metadata": .nested("ObjectMeta"), "spec": .nested("DeploymentSpec"),
      "status": .nested("ConditionsStatus"),
    ],
    "ReplicaSet": [
      "metadata": .nested("ObjectMeta"), "spec": .nested("ReplicaSetSpec"),
      "status": .nested("ConditionsStatus"),
    ],
    "Pod": [
      "metadata": .nested("ObjectMeta"), "spec": .nested("PodSpec"),
      "status": .nested("PodStatus"),
    ],
    "Service": [
      "metadata": .nested("ObjectMeta"), "spec": .nested("ServiceSpec"),
      "status": .nested("ConditionsStatus"),
    ],
    "Namespace": ["metadata": .nested("ObjectMeta"), "status": .nested("ConditionsStatus")],
    "ConfigMap": metadataOnly,
    "Event": metadataOnly,
    "Lease": metadataOnly,
    "Scale": metadataOnly,
  ]

  /// The types inside the kinds.
  private static let parts: [String: [String: PatchField]] = [
    "ObjectMeta": [
      "ownerReferences": .merging(by: "uid"),
      "finalizers": .primitiveSet,
    ],
    // DeploymentStatus, ReplicaSetStatus, ServiceStatus and NamespaceStatus tag only their
    // conditions.
    "ConditionsStatus": ["conditions": .merging(by: "type")],
    "DeploymentSpec": [
      "template": .nested("PodTemplateSpec"),
      "strategy": PatchField(retainKeys: true),
    ],
    "ReplicaSetSpec": ["template": .nested("PodTemplateSpec")],
    "PodTemplateSpec": ["metadata": .nested("ObjectMeta"), "spec": .nested("PodSpec")],
    "PodSpec": [
      "volumes": PatchField(merge: true, retainKeys: true, mergeKey: "name"),
      "initContainers": .merging(by: "name", of: "Container"),
      "containers": .merging(by: "name", of: "Container"),
      "ephemeralContainers": .merging(by: "name", of: "Container"),
      "imagePullSecrets": .merging(by: "name"),
      "hostAliases": .merging(by: "ip"),
      "topologySpreadConstraints": .merging(by: "topologyKey"),
      "schedulingGates": .merging(by: "name"),
      "resourceClaims": PatchField(merge: true, retainKeys: true, mergeKey: "name"),
    ],
    "Container": [
      "ports": .merging(by: "containerPort"),
      "env": .merging(by: "name"),
      "volumeMounts": .merging(by: "mountPath"),
      "volumeDevices": .merging(by: "devicePath"),
    ],
    "PodStatus": [
      "conditions": .merging(by: "type"),
      "podIPs": .merging(by: "ip"),
      "hostIPs": .merging(by: "ip"),
      "resourceClaimStatuses": PatchField(merge: true, retainKeys: true, mergeKey: "name"),
    ],
    "ServiceSpec": ["ports": .merging(by: "port")],
  ]
}
