import Engine
import Testing

@testable import RolloutController

@Suite struct InstallManifestsTests {
  func documents(_ options: InstallOptions = InstallOptions()) throws -> [JSONValue] {
    try InstallYAML.documents(try InstallManifests.yaml(options))
  }

  @Test func everyObjectIsThereInApplyOrder() throws {
    let names = try documents().map { document in
      "\(document["kind"]?.stringValue ?? "?")/\(document["metadata"]?["name"]?.stringValue ?? "?")"
    }
    #expect(
      names == [
        "Namespace/rollout-system", "CustomResourceDefinition/rollouts.argoproj.io",
        "ServiceAccount/rollout-controller", "ClusterRole/rollout-controller",
        "ClusterRoleBinding/rollout-controller", "Deployment/rollout-controller",
        "Service/rollout-controller-metrics",
      ])
  }

  @Test(arguments: ["rollout-system", "delivery"])
  func theNamespaceFlagMovesEveryNamespacedObject(_ namespace: String) throws {
    let text = try InstallManifests.yaml(InstallOptions(namespace: namespace))
    let documents = try InstallYAML.documents(text)
    let namespaced: Set<String> = ["ServiceAccount", "Deployment", "Service"]
    for document in documents {
      let kind = document["kind"]?.stringValue ?? "?"
      let placed = document["metadata"]?["namespace"]
      #expect(placed == (namespaced.contains(kind) ? .string(namespace) : nil), "\(kind)")
    }
    let created = try InstallYAML.object("Namespace", in: documents)
    #expect(created["metadata"]?["name"] == .string(namespace))
    let binding = try InstallYAML.object("ClusterRoleBinding", in: documents)
    #expect(
      binding["subjects"] == [
        [
          "kind": "ServiceAccount", "name": "rollout-controller",
          "namespace": .string(namespace),
        ]
      ])
    if namespace != InstallOptions.defaultNamespace {
      #expect(!text.contains(InstallOptions.defaultNamespace), "the default namespace is left")
    }
  }

  @Test func theCRDIsArgoRollouts() throws {
    let crd = try InstallYAML.object("CustomResourceDefinition", in: try documents())
    #expect(crd["apiVersion"] == "apiextensions.k8s.io/v1")
    #expect(crd["spec"]?["group"] == "argoproj.io")
    #expect(crd["spec"]?["scope"] == "Namespaced")
    #expect(
      crd["spec"]?["names"] == [
        "kind": "Rollout", "listKind": "RolloutList", "plural": "rollouts", "singular": "rollout",
        "shortNames": ["ro"], "categories": ["all"],
      ])
    let versions = try #require(crd["spec"]?["versions"]?.arrayValue)
    #expect(versions.count == 1)
    let version = versions[0]
    #expect(
      version["name"] == "v1alpha1" && version["served"] == true && version["storage"] == true)
    #expect(
      version["subresources"] == [
        "status": [:],
        "scale": [
          "specReplicasPath": ".spec.replicas", "statusReplicasPath": ".status.replicas",
          "labelSelectorPath": ".status.selector",
        ],
      ])
    let columns = version["additionalPrinterColumns"]?.arrayValue ?? []
    #expect(
      columns.map { "\($0["name"]?.stringValue ?? "") \($0["jsonPath"]?.stringValue ?? "")" } == [
        "Desired .spec.replicas", "Current .status.replicas",
        "Up-to-date .status.updatedReplicas", "Available .status.availableReplicas",
        "Age .metadata.creationTimestamp",
      ])
  }

  /// The status fields the controller writes, with the types it writes them as.
  @Test(arguments: [
    ("phase", "string"), ("message", "string"), ("currentStepIndex", "integer"),
    ("stableRS", "string"), ("currentPodHash", "string"), ("pauseConditions", "array"),
    ("abort", "boolean"), ("conditions", "array"), ("observedGeneration", "string"),
    ("replicas", "integer"), ("updatedReplicas", "integer"), ("readyReplicas", "integer"),
    ("availableReplicas", "integer"), ("selector", "string"), ("collisionCount", "integer"),
  ])
  func theStatusHasTheControllersFields(_ field: String, _ type: String) throws {
    let crd = try InstallYAML.object("CustomResourceDefinition", in: try documents())
    let schema = crd["spec"]?["versions"]?.arrayValue?.first?["schema"]?["openAPIV3Schema"]
    #expect(schema?["properties"]?["status"]?["properties"]?[field]?["type"] == .string(type))
  }

  @Test func theCRDSchemaIsStructural() throws {
    let crd = try InstallYAML.object("CustomResourceDefinition", in: try documents())
    let schema = try #require(
      crd["spec"]?["versions"]?.arrayValue?.first?["schema"]?["openAPIV3Schema"])
    #expect(StructuralSchema.violations(schema) == [])
    // Free-form only where it must be: the template, the strategy details, the status.
    var preserving: [String] = []
    func collect(_ node: JSONValue, _ path: String) {
      if node["x-kubernetes-preserve-unknown-fields"] == true { preserving.append(path) }
      for (name, child) in node["properties"]?.objectValue ?? [:] {
        collect(child, path.isEmpty ? name : "\(path).\(name)")
      }
      if let items = node["items"] { collect(items, path + "[]") }
    }
    collect(schema, "")
    #expect(
      preserving.sorted() == [
        "spec.strategy.blueGreen", "spec.strategy.canary", "spec.template", "status",
      ])
  }

  /// Schemas that break one rule each (the count of violations expected), and some that keep
  /// them all: a test of a checker that never fails would prove nothing.
  static let checkerCases: [(schema: JSONValue, violations: Int)] = {
    let typeless: JSONValue = ["type": "object", "properties": ["a": ["description": "x"]]]
    let preserving: JSONValue = [
      "type": "object", "properties": ["a": ["x-kubernetes-preserve-unknown-fields": true]],
    ]
    let intOrString: JSONValue = [
      "type": "object", "properties": ["a": ["x-kubernetes-int-or-string": true]],
    ]
    let typelessItems: JSONValue = ["type": "array", "items": ["format": "int32"]]
    let noItems: JSONValue = ["type": "array"]
    let typelessValues: JSONValue = ["type": "object", "additionalProperties": [:]]
    let both: JSONValue = [
      "type": "object", "properties": [:], "additionalProperties": ["type": "string"],
    ]
    let missingRequired: JSONValue = [
      "type": "object", "required": ["b"], "properties": ["a": ["type": "string"]],
    ]
    let propertiesOnString: JSONValue = [
      "type": "string", "properties": ["a": ["type": "string"]],
    ]
    let preserveFalse: JSONValue = [
      "type": "object", "x-kubernetes-preserve-unknown-fields": false,
    ]
    let metadataWithFields: JSONValue = [
      "type": "object", "properties": ["metadata": ["type": "object", "properties": [:]]],
    ]
    return [
      (typeless, 1), (preserving, 0), (intOrString, 0), (typelessItems, 1), (noItems, 1),
      (typelessValues, 1), (both, 1), (missingRequired, 1), (propertiesOnString, 1),
      (preserveFalse, 1), (metadataWithFields, 1),
    ]
  }()

  @Test(arguments: checkerCases)
  func theStructuralCheckerFindsEachBrokenRule(_ schema: JSONValue, _ expected: Int) {
    #expect(StructuralSchema.violations(schema).count == expected, "\(schema)")
  }

  @Test func theClusterRoleIsThePermissionsTable() throws {
    let role = try InstallYAML.object("ClusterRole", in: try documents())
    #expect(role["rules"] == .array(ControllerPermissions.rules.map(\.json)))
    let binding = try InstallYAML.object("ClusterRoleBinding", in: try documents())
    #expect(binding["roleRef"]?["name"] == role["metadata"]?["name"])
  }

  /// The task's list, verb by verb: the table allows exactly these.
  @Test func thePermissionsAreExactlyTheControllersNeeds() {
    let needed: [(group: String, resource: String, verbs: [String])] = [
      ("argoproj.io", "rollouts", ["get", "list", "watch", "update", "patch"]),
      ("argoproj.io", "rollouts/status", ["update", "patch"]),
      ("apps", "replicasets", ["get", "list", "watch", "create", "update", "patch", "delete"]),
      ("apps", "deployments", ["get", "list", "watch", "update", "patch"]),
      ("", "configmaps", ["get", "list", "watch", "create", "update"]),
      ("", "services", ["get", "list", "watch", "patch"]),
      ("", "events", ["create", "patch"]),
      ("coordination.k8s.io", "leases", ["get", "create", "update"]),
    ]
    var granted: Set<String> = []
    for rule in ControllerPermissions.rules {
      for resource in rule.resources {
        for verb in rule.verbs { granted.insert("\(rule.apiGroup)/\(resource):\(verb)") }
      }
    }
    let expected = Set(
      needed.flatMap { need in need.verbs.map { "\(need.group)/\(need.resource):\($0)" } })
    #expect(granted == expected)
    for (verb, group, resource) in [
      ("get", "", "pods"), ("get", "", "secrets"), ("delete", "argoproj.io", "rollouts"),
      ("create", "argoproj.io", "rollouts"), ("delete", "", "configmaps"),
      ("delete", "apps", "deployments"), ("list", "coordination.k8s.io", "leases"),
      ("get", "apps", "replicasets/scale"),
    ] {
      #expect(!ControllerPermissions.allows(verb: verb, apiGroup: group, resource: resource))
    }
    #expect(ControllerPermissions.allows(verb: "patch", apiGroup: "", resource: "events"))
  }

  @Test func noWildcardAnywhere() throws {
    let text = try InstallManifests.yaml(InstallOptions())
    let strings = try InstallYAML.documents(text).flatMap(InstallYAML.strings)
    #expect(!strings.contains { $0 == "*" || $0.hasSuffix("/*") })
  }
}
