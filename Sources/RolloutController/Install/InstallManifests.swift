import Engine

/// Everything a cluster admin applies to run `rollout controller`, as `rollout install` prints
/// it: the Rollout CRD, the namespace, the controller's ServiceAccount and least-privilege
/// ClusterRole (from `ControllerPermissions`), its Deployment and its metrics Service.
///
/// The objects come in the order `kubectl apply -f` must create them: the namespace before
/// what lives in it, the CRD and the RBAC before the controller that needs them.
public enum InstallManifests {
  /// The name of the ServiceAccount, ClusterRole, ClusterRoleBinding and Deployment.
  public static let controllerName = "rollout-controller"
  /// The metrics Service.
  public static let metricsServiceName = "rollout-controller-metrics"

  /// The labels every installed object carries: `kubectl get all,crd,clusterrole -l
  /// app.kubernetes.io/part-of=rollout` finds them all.
  public static let labels: [String: String] = [
    "app.kubernetes.io/name": controllerName,
    "app.kubernetes.io/part-of": "rollout",
    "app.kubernetes.io/component": "controller",
  ]

  /// The objects, in apply order. `options` are not validated here (see `yaml(_:)`).
  public static func documents(_ options: InstallOptions) -> [JSONValue] {
    [
      namespace(options),
      RolloutCRD.definition(labels: labels),
      serviceAccount(options),
      clusterRole(),
      clusterRoleBinding(options),
      deployment(options),
      metricsService(options),
    ]
  }

  /// The objects as multi-document YAML, after checking `options`.
  ///
  /// - Throws: `InstallOptionsError` naming the flag at fault.
  public static func yaml(_ options: InstallOptions) throws -> String {
    try options.validate()
    return try ManifestYAML.render(documents(options))
  }

  /// The namespace, held to the `restricted` Pod Security Standard, which the controller's pod
  /// meets.
  static func namespace(_ options: InstallOptions) -> JSONValue {
    var namespaceLabels = labelsJSON
    namespaceLabels["pod-security.kubernetes.io/enforce"] = "restricted"
    return [
      "apiVersion": "v1", "kind": "Namespace",
      "metadata": ["name": .string(options.namespace), "labels": namespaceLabels],
    ]
  }

  static func serviceAccount(_ options: InstallOptions) -> JSONValue {
    ["apiVersion": "v1", "kind": "ServiceAccount", "metadata": metadata(options)]
  }

  /// The ClusterRole: `ControllerPermissions.rules`, one PolicyRule each.
  static func clusterRole() -> JSONValue {
    [
      "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole",
      "metadata": ["name": .string(controllerName), "labels": labelsJSON],
      "rules": .array(ControllerPermissions.rules.map(\.json)),
    ]
  }

  /// Grants the ClusterRole to the controller's ServiceAccount, in every namespace.
  static func clusterRoleBinding(_ options: InstallOptions) -> JSONValue {
    [
      "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRoleBinding",
      "metadata": ["name": .string(controllerName), "labels": labelsJSON],
      "roleRef": [
        "apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole",
        "name": .string(controllerName),
      ],
      "subjects": [
        [
          "kind": "ServiceAccount", "name": .string(controllerName),
          "namespace": .string(options.namespace),
        ]
      ],
    ]
  }

  /// `metadata` of a namespaced object: its name, the install's namespace, the labels.
  static func metadata(_ options: InstallOptions, name: String = controllerName) -> JSONValue {
    ["name": .string(name), "namespace": .string(options.namespace), "labels": labelsJSON]
  }

  static var labelsJSON: JSONValue { .object(labels.mapValues(JSONValue.string)) }
}
