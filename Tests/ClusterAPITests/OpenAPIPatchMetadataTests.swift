import Engine
import Testing

@testable import ClusterAPI

/// The patch metadata kubectl 1.30+ reads from the served schemas when it computes a client-side
/// apply's strategic merge patch. The expected strategies and merge keys are the
/// `patchStrategy`/`patchMergeKey` tags of k8s.io/api core/v1, apps/v1 and meta/v1.
@Suite struct OpenAPIPatchMetadataTests {
  /// kubectl's lookup (`PatchMetaFromOpenAPIV3`) over one document: a member must be among the
  /// schema's properties; its extensions give the patch metadata; `allOf[0]`, `$ref` and, for a
  /// list, `items` lead to the next schema.
  struct Lookup {
    let schemas: [String: JSONValue]
    var schema: JSONValue

    init(kind: String, group: String, version: String) throws {
      let path = group.isEmpty ? "api/\(version)" : "apis/\(group)/\(version)"
      let document = try #require(OpenAPIV3.document(.served, path: path))
      schemas = try #require(document["components"]?["schemas"]?.objectValue)
      schema = try #require(
        schemas[OpenAPIComponents.schemaName(group: group, version: version, kind: kind)])
    }

    func resolved(_ schema: JSONValue) -> JSONValue? {
      var schema = schema
      if let first = schema["allOf"]?.arrayValue?.first { schema = first }
      if let ref = schema["$ref"]?.stringValue {
        return schemas[String(ref.dropFirst("#/components/schemas/".count))]
      }
      return schema
    }

    /// The member `key` (`containers[]` steps into the list's items): its strategy and merge
    /// key, and the lookup moved to it; nil when the schema has no such member.
    func step(_ key: String) -> (strategy: String?, mergeKey: String?, next: Lookup)? {
      let list = key.hasSuffix("[]")
      let name = list ? String(key.dropLast(2)) : key
      guard let member = schema["properties"]?[name] else { return nil }
      var target = member
      if list, let items = member["items"] { target = items }
      guard let next = resolved(target) else { return nil }
      var moved = self
      moved.schema = next
      return (
        member["x-kubernetes-patch-strategy"]?.stringValue,
        member["x-kubernetes-patch-merge-key"]?.stringValue, moved
      )
    }

    func follow(_ path: String) -> (strategy: String?, mergeKey: String?)? {
      var lookup = self
      var last: (strategy: String?, mergeKey: String?)?
      for key in path.split(separator: ".") {
        guard let step = lookup.step(String(key)) else { return nil }
        last = (step.strategy, step.mergeKey)
        lookup = step.next
      }
      return last
    }
  }

  static let podSpec = "spec.template.spec"

  @Test(
    arguments: [
      ("apps", "Deployment", "spec.strategy", "retainKeys", nil),
      ("apps", "Deployment", "\(podSpec).containers", "merge", "name"),
      ("apps", "Deployment", "\(podSpec).containers[].env", "merge", "name"),
      ("apps", "Deployment", "\(podSpec).containers[].ports", "merge", "containerPort"),
      ("apps", "Deployment", "\(podSpec).containers[].volumeMounts", "merge", "mountPath"),
      ("apps", "Deployment", "\(podSpec).containers[].volumeDevices", "merge", "devicePath"),
      ("apps", "Deployment", "\(podSpec).containers[].command", nil, nil),
      ("apps", "Deployment", "\(podSpec).containers[].args", nil, nil),
      ("apps", "Deployment", "\(podSpec).containers[].envFrom", nil, nil),
      ("apps", "Deployment", "\(podSpec).containers[].resources.claims", nil, nil),
      ("apps", "Deployment", "\(podSpec).initContainers", "merge", "name"),
      ("apps", "Deployment", "\(podSpec).initContainers[].env", "merge", "name"),
      ("apps", "Deployment", "\(podSpec).ephemeralContainers", "merge", "name"),
      ("apps", "Deployment", "\(podSpec).volumes", "merge,retainKeys", "name"),
      ("apps", "Deployment", "\(podSpec).volumes[].configMap.items", nil, nil),
      ("apps", "Deployment", "\(podSpec).imagePullSecrets", "merge", "name"),
      ("apps", "Deployment", "\(podSpec).hostAliases", "merge", "ip"),
      ("apps", "Deployment", "\(podSpec).topologySpreadConstraints", "merge", "topologyKey"),
      ("apps", "Deployment", "\(podSpec).schedulingGates", "merge", "name"),
      ("apps", "Deployment", "\(podSpec).resourceClaims", "merge,retainKeys", "name"),
      ("apps", "Deployment", "\(podSpec).tolerations", nil, nil),
      ("apps", "Deployment", "\(podSpec).readinessGates", nil, nil),
      ("apps", "Deployment", "\(podSpec).affinity.nodeAffinity", nil, nil),
      ("apps", "Deployment", "spec.template.metadata.finalizers", "merge", nil),
      ("apps", "Deployment", "spec.selector.matchExpressions", nil, nil),
      ("apps", "Deployment", "metadata.ownerReferences", "merge", "uid"),
      ("apps", "Deployment", "metadata.managedFields", nil, nil),
      ("apps", "Deployment", "status.conditions", "merge", "type"),
      ("apps", "ReplicaSet", "\(podSpec).containers", "merge", "name"),
      ("apps", "ReplicaSet", "status.conditions", "merge", "type"),
      ("", "Pod", "spec.containers[].ports", "merge", "containerPort"),
      ("", "Pod", "status.conditions", "merge", "type"),
      ("", "Pod", "status.podIPs", "merge", "ip"),
      ("", "Pod", "status.hostIPs", "merge", "ip"),
      ("", "Pod", "status.containerStatuses", nil, nil),
      ("", "Pod", "status.resourceClaimStatuses", "merge,retainKeys", "name"),
      ("", "Service", "spec.ports", "merge", "port"),
      ("", "Service", "spec.externalIPs", nil, nil),
      ("", "Service", "status.conditions", "merge", "type"),
      ("", "Service", "status.loadBalancer.ingress", nil, nil),
      ("", "Namespace", "spec.finalizers", nil, nil),
      ("", "Namespace", "status.conditions", "merge", "type"),
      ("", "ConfigMap", "metadata.finalizers", "merge", nil),
      ("", "Event", "metadata.ownerReferences", "merge", "uid"),
      ("coordination.k8s.io", "Lease", "metadata.ownerReferences", "merge", "uid"),
    ] as [(String, String, String, String?, String?)])
  func patchMetadataMatchesTheStructTags(
    group: String, kind: String, path: String, strategy: String?, mergeKey: String?
  ) throws {
    let lookup = try Lookup(kind: kind, group: group, version: "v1")
    let meta = try #require(lookup.follow(path), "\(kind) \(path) not found")
    #expect(meta.strategy == strategy)
    #expect(meta.mergeKey == mergeKey)
  }

  /// A Deployment with the fields manifests commonly set: kubectl's lookup must find every
  /// object and list member in it (a missing one makes kubectl warn and fall back).
  static let deployment: JSONValue = [
    "apiVersion": "apps/v1", "kind": "Deployment",
    "metadata": [
      "name": "web", "labels": ["app": "web"], "annotations": ["a": "b"], "finalizers": ["x"],
    ],
    "spec": [
      "replicas": 3, "selector": ["matchLabels": ["app": "web"]],
      "strategy": [
        "type": "RollingUpdate", "rollingUpdate": ["maxSurge": 1, "maxUnavailable": 0],
      ],
      "template": [
        "metadata": ["labels": ["app": "web"], "annotations": ["x": "y"]],
        "spec": [
          "containers": [
            [
              "name": "web", "image": "example/web:1.0", "command": ["/web"], "args": ["-v"],
              "ports": [["containerPort": 8080, "name": "http", "protocol": "TCP"]],
              "env": [
                ["name": "A", "value": "1"],
                ["name": "B", "valueFrom": ["configMapKeyRef": ["name": "c", "key": "k"]]],
                ["name": "C", "valueFrom": ["fieldRef": ["fieldPath": "metadata.name"]]],
              ],
              "envFrom": [["configMapRef": ["name": "c"]]],
              "resources": ["limits": ["cpu": "1"], "requests": ["memory": "64Mi"]],
              "volumeMounts": [["name": "config", "mountPath": "/etc/web"]],
              "readinessProbe": ["httpGet": ["path": "/ready", "port": 8080], "periodSeconds": 5],
              "livenessProbe": ["exec": ["command": ["true"]]],
              "lifecycle": ["preStop": ["sleep": ["seconds": 5]]],
              "securityContext": [
                "runAsNonRoot": true, "capabilities": ["drop": ["ALL"]],
                "seccompProfile": ["type": "RuntimeDefault"],
              ],
            ]
          ],
          "initContainers": [["name": "init", "image": "busybox"]],
          "volumes": [
            ["name": "config", "configMap": ["name": "c", "items": [["key": "k", "path": "p"]]]],
            ["name": "scratch", "emptyDir": ["sizeLimit": "1Gi"]],
            ["name": "token", "projected": ["sources": [["serviceAccountToken": ["path": "t"]]]]],
          ],
          "nodeSelector": ["disk": "ssd"],
          "tolerations": [["key": "k", "operator": "Exists"]],
          "affinity": [
            "podAntiAffinity": [
              "preferredDuringSchedulingIgnoredDuringExecution": [
                [
                  "weight": 1,
                  "podAffinityTerm": [
                    "topologyKey": "kubernetes.io/hostname",
                    "labelSelector": ["matchLabels": ["app": "web"]],
                  ],
                ]
              ]
            ]
          ],
          "topologySpreadConstraints": [
            [
              "maxSkew": 1, "topologyKey": "zone", "whenUnsatisfiable": "ScheduleAnyway",
              "labelSelector": ["matchLabels": ["app": "web"]],
            ]
          ],
          "securityContext": ["fsGroup": 2000, "sysctls": [["name": "a", "value": "b"]]],
          "imagePullSecrets": [["name": "registry"]],
          "dnsConfig": ["options": [["name": "ndots", "value": "2"]]],
          "hostAliases": [["ip": "10.0.0.1", "hostnames": ["db"]]],
        ],
      ],
    ],
  ]

  @Test func everyMemberOfACommonDeploymentIsFound() throws {
    let lookup = try Lookup(kind: "Deployment", group: "apps", version: "v1")
    #expect(Self.missing(in: Self.deployment, lookup, at: "") == [])
  }

  /// The object and list members of `value` the lookup cannot step into. Maps of strings
  /// (labels) and values under them are not looked up, as in kubectl.
  static func missing(in value: JSONValue, _ lookup: Lookup, at path: String) -> [String] {
    guard let members = value.objectValue else { return [] }
    if lookup.schema["additionalProperties"] != nil { return [] }
    var missing: [String] = []
    for (key, member) in members.sorted(by: { $0.key < $1.key }) {
      switch member {
      case .object:
        guard let step = lookup.step(key) else {
          missing.append(path + key)
          continue
        }
        missing += Self.missing(in: member, step.next, at: path + key + ".")
      case .array(let items):
        guard let step = lookup.step(key + "[]") else {
          missing.append(path + key)
          continue
        }
        for item in items { missing += Self.missing(in: item, step.next, at: path + key + "[].") }
      default:
        if lookup.schema["properties"]?[key] == nil { missing.append(path + key) }
      }
    }
    return missing
  }
}
