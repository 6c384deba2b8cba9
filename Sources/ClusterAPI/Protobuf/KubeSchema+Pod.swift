/// core/v1 `Pod`, its spec and template, scheduling constraints and status.
extension KubeSchema {
  static let pod = ProtoMessage(
    "k8s.io.api.core.v1.Pod",
    [
      1: .message("metadata", objectMeta),
      2: .message("spec", podSpec),
      3: .message("status", podStatus),
    ])

  static let podTemplateSpec = ProtoMessage(
    "k8s.io.api.core.v1.PodTemplateSpec",
    [1: .message("metadata", objectMeta), 2: .message("spec", podSpec)])

  static let podSpec = ProtoMessage(
    "k8s.io.api.core.v1.PodSpec",
    [
      1: .list("volumes", volume),
      2: .list("containers", container),
      3: .string("restartPolicy"),
      4: .int64("terminationGracePeriodSeconds", keepsZero: true),
      5: .int64("activeDeadlineSeconds", keepsZero: true),
      6: .string("dnsPolicy"),
      7: .stringMap("nodeSelector"),
      8: .string("serviceAccountName"),
      9: .string("serviceAccount"),
      10: .string("nodeName"),
      11: .bool("hostNetwork"),
      12: .bool("hostPID"),
      13: .bool("hostIPC"),
      14: .message("securityContext", podSecurityContext),
      15: .list("imagePullSecrets", localObjectReference),
      16: .string("hostname"),
      17: .string("subdomain"),
      18: .message("affinity", affinity),
      19: .string("schedulerName"),
      20: .list("initContainers", container),
      21: .bool("automountServiceAccountToken", keepsZero: true),
      22: .list("tolerations", toleration),
      23: .list(
        "hostAliases",
        ProtoMessage(
          "k8s.io.api.core.v1.HostAlias",
          [1: .string("ip", keepsZero: true), 2: .strings("hostnames")])),
      24: .string("priorityClassName"),
      25: .int32("priority", keepsZero: true),
      26: .message("dnsConfig", podDNSConfig),
      27: .bool("shareProcessNamespace", keepsZero: true),
      28: .list(
        "readinessGates",
        ProtoMessage(
          "k8s.io.api.core.v1.PodReadinessGate", [1: .string("conditionType", keepsZero: true)])
      ),
      29: .string("runtimeClassName", keepsZero: true),
      30: .bool("enableServiceLinks", keepsZero: true),
      31: .string("preemptionPolicy", keepsZero: true),
      32: .quantityMap("overhead"),
      33: .list("topologySpreadConstraints", topologySpreadConstraint),
      35: .bool("setHostnameAsFQDN", keepsZero: true),
      36: .message(
        "os", ProtoMessage("k8s.io.api.core.v1.PodOS", [1: .string("name", keepsZero: true)])),
      37: .bool("hostUsers", keepsZero: true),
      38: .list(
        "schedulingGates",
        ProtoMessage(
          "k8s.io.api.core.v1.PodSchedulingGate", [1: .string("name", keepsZero: true)])),
      40: .message("resources", resourceRequirements),
    ])

  static let podSecurityContext = ProtoMessage(
    "k8s.io.api.core.v1.PodSecurityContext",
    [
      1: .message("seLinuxOptions", seLinuxOptions),
      2: .int64("runAsUser", keepsZero: true),
      3: .bool("runAsNonRoot", keepsZero: true),
      4: .int64s("supplementalGroups"),
      5: .int64("fsGroup", keepsZero: true),
      6: .int64("runAsGroup", keepsZero: true),
      7: .list(
        "sysctls",
        ProtoMessage(
          "k8s.io.api.core.v1.Sysctl",
          [1: .string("name", keepsZero: true), 2: .string("value", keepsZero: true)])),
      8: .message("windowsOptions", windowsOptions),
      9: .string("fsGroupChangePolicy", keepsZero: true),
      10: .message("seccompProfile", profile("SeccompProfile")),
      11: .message("appArmorProfile", profile("AppArmorProfile")),
      12: .string("supplementalGroupsPolicy", keepsZero: true),
      13: .string("seLinuxChangePolicy", keepsZero: true),
    ])

  static let podDNSConfig = ProtoMessage(
    "k8s.io.api.core.v1.PodDNSConfig",
    [
      1: .strings("nameservers"),
      2: .strings("searches"),
      3: .list(
        "options",
        ProtoMessage(
          "k8s.io.api.core.v1.PodDNSConfigOption",
          [1: .string("name"), 2: .string("value", keepsZero: true)])),
    ])

  static let toleration = ProtoMessage(
    "k8s.io.api.core.v1.Toleration",
    [
      1: .string("key"),
      2: .string("operator"),
      3: .string("value"),
      4: .string("effect"),
      5: .int64("tolerationSeconds", keepsZero: true),
    ])

  static let topologySpreadConstraint = ProtoMessage(
    "k8s.io.api.core.v1.TopologySpreadConstraint",
    [
      1: .int32("maxSkew", keepsZero: true),
      2: .string("topologyKey", keepsZero: true),
      3: .string("whenUnsatisfiable", keepsZero: true),
      4: .message("labelSelector", labelSelector),
      5: .int32("minDomains", keepsZero: true),
      6: .string("nodeAffinityPolicy", keepsZero: true),
      7: .string("nodeTaintsPolicy", keepsZero: true),
      8: .strings("matchLabelKeys"),
    ])

  static let affinity = ProtoMessage(
    "k8s.io.api.core.v1.Affinity",
    [
      1: .message("nodeAffinity", nodeAffinity),
      2: .message("podAffinity", podAffinity("PodAffinity")),
      3: .message("podAntiAffinity", podAffinity("PodAntiAffinity")),
    ])

  static let nodeAffinity = ProtoMessage(
    "k8s.io.api.core.v1.NodeAffinity",
    [
      1: .message(
        "requiredDuringSchedulingIgnoredDuringExecution",
        ProtoMessage(
          "k8s.io.api.core.v1.NodeSelector", [1: .list("nodeSelectorTerms", nodeSelectorTerm)])),
      2: .list(
        "preferredDuringSchedulingIgnoredDuringExecution",
        ProtoMessage(
          "k8s.io.api.core.v1.PreferredSchedulingTerm",
          [1: .int32("weight", keepsZero: true), 2: .message("preference", nodeSelectorTerm)])),
    ])

  static let nodeSelectorTerm = ProtoMessage(
    "k8s.io.api.core.v1.NodeSelectorTerm",
    [
      1: .list("matchExpressions", nodeSelectorRequirement),
      2: .list("matchFields", nodeSelectorRequirement),
    ])

  static let nodeSelectorRequirement = ProtoMessage(
    "k8s.io.api.core.v1.NodeSelectorRequirement",
    [
      1: .string("key", keepsZero: true),
      2: .string("operator", keepsZero: true),
      3: .strings("values"),
    ])

  /// `PodAffinity` and `PodAntiAffinity`: the same two lists.
  static func podAffinity(_ name: String) -> ProtoMessage {
    ProtoMessage(
      "k8s.io.api.core.v1.\(name)",
      [
        1: .list("requiredDuringSchedulingIgnoredDuringExecution", podAffinityTerm),
        2: .list(
          "preferredDuringSchedulingIgnoredDuringExecution",
          ProtoMessage(
            "k8s.io.api.core.v1.WeightedPodAffinityTerm",
            [
              1: .int32("weight", keepsZero: true),
              2: .message("podAffinityTerm", podAffinityTerm),
            ])),
      ])
  }

  static let podAffinityTerm = ProtoMessage(
    "k8s.io.api.core.v1.PodAffinityTerm",
    [
      1: .message("labelSelector", labelSelector),
      2: .strings("namespaces"),
      3: .string("topologyKey", keepsZero: true),
      4: .message("namespaceSelector", labelSelector),
      5: .strings("matchLabelKeys"),
      6: .strings("mismatchLabelKeys"),
    ])
}
