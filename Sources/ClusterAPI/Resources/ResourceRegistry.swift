/// The resources `rollout serve` serves, and lookups by the names clients use.
public struct ResourceRegistry: Sendable {
  public let types: [ResourceType]

  public init(types: [ResourceType]) { self.types = types }

  /// The resource at `group`/`version` named `plural` in a path.
  public func type(group: String, version: String, plural: String) -> ResourceType? {
    types.first { $0.group == group && $0.version == version && $0.plural == plural }
  }

  /// The resource of `kind` in `apiVersion` (`apps/v1`, `v1`).
  public func type(apiVersion: String, kind: String) -> ResourceType? {
    types.first { $0.groupVersion == apiVersion && $0.kind == kind }
  }

  /// The groups other than the core one, in the order first served, each with its versions.
  public var groups: [(name: String, versions: [String])] {
    var result: [(name: String, versions: [String])] = []
    for type in types where !type.group.isEmpty {
      if let index = result.firstIndex(where: { $0.name == type.group }) {
        if !result[index].versions.contains(type.version) {
          result[index].versions.append(type.version)
        }
      } else {
        result.append((type.group, [type.version]))
      }
    }
    return result
  }

  /// The resources of one group version, in registry order.
  public func types(group: String, version: String) -> [ResourceType] {
    types.filter { $0.group == group && $0.version == version }
  }
}

extension ResourceRegistry {
  private static let statusVerbs = ["get", "patch", "update"]

  private static func scale(_ group: String) -> ResourceType.Subresource {
    .init(name: "scale", group: "autoscaling", version: "v1", kind: "Scale", verbs: statusVerbs)
  }

  private static func status(_ group: String, _ version: String, _ kind: String)
    -> ResourceType.Subresource
  {
    .init(name: "status", group: group, version: version, kind: kind, verbs: statusVerbs)
  }

  /// What `rollout serve` serves: the objects of a rollout and what kubectl and controllers
  /// around them use.
  public static let served = ResourceRegistry(types: [
    ResourceType(
      group: "", version: "v1", kind: "Namespace", plural: "namespaces", singular: "namespace",
      namespaced: false, shortNames: ["ns"],
      verbs: ["create", "delete", "get", "list", "patch", "update", "watch"],
      subresources: [status("", "v1", "Namespace")]),
    ResourceType(
      group: "", version: "v1", kind: "Pod", plural: "pods", singular: "pod",
      shortNames: ["po"], categories: ["all"], subresources: [status("", "v1", "Pod")]),
    ResourceType(
      group: "", version: "v1", kind: "Service", plural: "services", singular: "service",
      shortNames: ["svc"], categories: ["all"], subresources: [status("", "v1", "Service")]),
    ResourceType(
      group: "", version: "v1", kind: "Event", plural: "events", singular: "event",
      shortNames: ["ev"]),
    ResourceType(
      group: "", version: "v1", kind: "ConfigMap", plural: "configmaps", singular: "configmap",
      shortNames: ["cm"]),
    ResourceType(
      group: "apps", version: "v1", kind: "Deployment", plural: "deployments",
      singular: "deployment", shortNames: ["deploy"], categories: ["all"],
      subresources: [status("apps", "v1", "Deployment"), scale("apps")]),
    ResourceType(
      group: "apps", version: "v1", kind: "ReplicaSet", plural: "replicasets",
      singular: "replicaset", shortNames: ["rs"], categories: ["all"],
      subresources: [status("apps", "v1", "ReplicaSet"), scale("apps")]),
    ResourceType(
      group: "coordination.k8s.io", version: "v1", kind: "Lease", plural: "leases",
      singular: "lease"),
    ResourceType(
      group: "argoproj.io", version: "v1alpha1", kind: "Rollout", plural: "rollouts",
      singular: "rollout", shortNames: ["ro"], categories: ["all"],
      subresources: [status("argoproj.io", "v1alpha1", "Rollout"), scale("argoproj.io")]),
    // Derived from the runs in each rollout's state: read-only.
    ResourceType(
      group: "argoproj.io", version: "v1alpha1", kind: "AnalysisRun", plural: "analysisruns",
      singular: "analysisrun", shortNames: ["ar"], verbs: ["get", "list", "watch"]),
  ])
}
