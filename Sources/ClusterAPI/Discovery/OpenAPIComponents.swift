import Engine

/// Every component schema the served documents draw from, by name, and the schema of each kind.
/// A group version's document carries the schemas its kinds reach through `$ref`, as
/// kube-apiserver's per-group-version documents do.
enum OpenAPIComponents {
  /// Every named schema.
  static let all: [String: JSONValue] = [
    metaTypes, podTypes, containerTypes, volumeTypes, schedulingTypes, podStatusTypes,
    workloadTypes, serviceTypes, clusterTypes,
  ].reduce(into: [:]) { result, part in result.merge(part) { first, _ in first } }

  /// The component name of a kind's schema: `io.k8s.api.apps.v1.Deployment` for Kubernetes'
  /// own groups, the reversed domain for others (`io.argoproj.v1alpha1.Rollout`).
  static func schemaName(group: String, version: String, kind: String) -> String {
    if group.isEmpty { return "io.k8s.api.core.v1.\(kind)" }
    if builtInGroups.contains(group) {
      let short = group.hasSuffix(".k8s.io") ? String(group.dropLast(".k8s.io".count)) : group
      return "io.k8s.api.\(short).\(version).\(kind)"
    }
    let reversed = group.split(separator: ".").reversed().joined(separator: ".")
    return "\(reversed).\(version).\(kind)"
  }

  /// Groups Kubernetes itself serves (whose kinds take strategic merge patches).
  static let builtInGroups: Set<String> = [
    "", "apps", "autoscaling", "batch", "policy", "coordination.k8s.io", "networking.k8s.io",
    "rbac.authorization.k8s.io", "storage.k8s.io", "discovery.k8s.io", "events.k8s.io",
    "scheduling.k8s.io", "node.k8s.io",
  ]

  /// The schema of a kind, tagged with its group, version and kind: the described one when
  /// known, else an object of the standard members whose spec and status are kept as written.
  static func kindSchema(group: String, version: String, kind: String) -> JSONValue {
    let name = schemaName(group: group, version: version, kind: kind)
    let schema =
      all[name]
      ?? OpenAPISchema.object(
        "\(kind) (\(group.isEmpty ? version : "\(group)/\(version)")).",
        OpenAPISchema.kindMembers(kind).merging([
          "spec": OpenAPISchema.freeform("The desired state."),
          "status": OpenAPISchema.freeform("The observed state."),
        ]) { first, _ in first })
    return OpenAPISchema.tagged(schema, group: group, version: version, kind: kind)
  }

  /// The schema of a kind's list (`DeploymentList`), tagged.
  static func listSchema(group: String, version: String, kind: String) -> JSONValue {
    let item = schemaName(group: group, version: version, kind: kind)
    let schema = OpenAPISchema.object(
      "A list of \(kind) objects.", required: ["items"],
      [
        "apiVersion": OpenAPISchema.string("The versioned schema of the list."),
        "kind": OpenAPISchema.string("\(kind)List"),
        "metadata": OpenAPISchema.ref(
          OpenAPISchema.meta("ListMeta"), "List metadata: resourceVersion and continue."),
        "items": [
          "type": "array", "items": ["$ref": .string(OpenAPISchema.refPath(item))],
          "description": .string("The \(kind) objects."),
        ],
      ])
    return OpenAPISchema.tagged(schema, group: group, version: version, kind: "\(kind)List")
  }
}
