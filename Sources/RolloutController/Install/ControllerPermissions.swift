import Engine

/// Everything `rollout controller` may do through the API server: the one table its ClusterRole
/// (`rollout install`) is rendered from, and that a test of the controller's requests can check
/// each request against. A request the table does not allow would be refused by the cluster,
/// so a verb added to the controller is added here, with the reason.
///
/// Least privilege: no pods (the engine reads a ReplicaSet's counts from its status), no
/// secrets, no deletes but a ReplicaSet's, no `*`.
public enum ControllerPermissions {
  /// One rule of the ClusterRole: the verbs allowed on resources of one API group.
  public struct Rule: Sendable, Hashable {
    /// The API group; `""` is the core group (`v1`).
    public var apiGroup: String
    /// Resource names as RBAC spells them (`rollouts`, `rollouts/status`).
    public var resources: [String]
    public var verbs: [String]
    /// Why the controller needs it, for `docs/install.md` and reviewers.
    public var reason: String

    public init(apiGroup: String, resources: [String], verbs: [String], reason: String) {
      self.apiGroup = apiGroup
      self.resources = resources
      self.verbs = verbs
      self.reason = reason
    }

    /// The rule as a ClusterRole's `rules[]` entry (`rbac.authorization.k8s.io/v1` PolicyRule).
    public var json: JSONValue {
      [
        "apiGroups": [.string(apiGroup)],
        "resources": .array(resources.map(JSONValue.string)),
        "verbs": .array(verbs.map(JSONValue.string)),
      ]
    }
  }

  /// The controller's permissions, cluster-wide (it watches every namespace).
  public static let rules: [Rule] = [
    Rule(
      apiGroup: "argoproj.io", resources: ["rollouts"],
      verbs: ["get", "list", "watch", "update", "patch"],
      reason: "watch Rollouts; record the strategy's state and annotations on them"),
    Rule(
      apiGroup: "argoproj.io", resources: ["rollouts/status"], verbs: ["update", "patch"],
      reason: "write a Rollout's status (phase, step, replica counts, conditions)"),
    Rule(
      apiGroup: "apps", resources: ["replicasets"],
      verbs: ["get", "list", "watch", "create", "update", "patch", "delete"],
      reason: "create, scale and clean up each revision's ReplicaSet, as Argo Rollouts does"),
    Rule(
      apiGroup: "apps", resources: ["deployments"],
      verbs: ["get", "list", "watch", "update", "patch"],
      reason: "read a `workloadRef` Deployment's pod template and scale it down once referenced"),
    Rule(
      apiGroup: "", resources: ["configmaps"], verbs: ["get", "list", "watch", "create", "update"],
      reason: "read strategies from ConfigMaps; keep each Rollout's `<rollout>-decisions` log"),
    Rule(
      apiGroup: "", resources: ["services"], verbs: ["get", "list", "watch", "patch"],
      reason: "point a blue-green or canary Service's selector at the right pod-template hash"),
    Rule(
      apiGroup: "", resources: ["events"], verbs: ["create", "patch"],
      reason: "report each step as an Event on the Rollout (`kubectl describe`)"),
    Rule(
      apiGroup: "coordination.k8s.io", resources: ["leases"], verbs: ["get", "create", "update"],
      reason: "leader election: one of the replicas acts at a time"),
  ]

  /// Whether the table lets the controller `verb` a `resource` (`rollouts/status` for a
  /// subresource) of `apiGroup` (`""` for the core group). Exact names only: the table has no
  /// wildcards.
  public static func allows(verb: String, apiGroup: String, resource: String) -> Bool {
    rules.contains { rule in
      rule.apiGroup == apiGroup && rule.resources.contains(resource) && rule.verbs.contains(verb)
    }
  }
}
