import Engine

private typealias S = OpenAPISchema

/// Where a pod may run: node and pod affinity, tolerations and topology spread.
extension OpenAPIComponents {
  static let schedulingTypes: [String: JSONValue] = [
    S.core("Affinity"): S.object(
      "Scheduling constraints of a pod.",
      [
        "nodeAffinity": S.ref(S.core("NodeAffinity"), "Nodes the pod prefers or needs."),
        "podAffinity": S.ref(S.core("PodAffinity"), "Pods to run near."),
        "podAntiAffinity": S.ref(S.core("PodAntiAffinity"), "Pods to keep away from."),
      ]),
    S.core("NodeAffinity"): S.object(
      "Node affinity of a pod.",
      [
        "requiredDuringSchedulingIgnoredDuringExecution": S.ref(
          S.core("NodeSelector"), "Nodes the pod must run on."),
        "preferredDuringSchedulingIgnoredDuringExecution": S.refList(
          of: S.core("PreferredSchedulingTerm"), "Nodes the pod prefers, by weight."),
      ]),
    S.core("NodeSelector"): [
      "type": "object", "description": "Any of the terms selects a node.",
      "x-kubernetes-map-type": "atomic", "required": ["nodeSelectorTerms"],
      "properties": [
        "nodeSelectorTerms": S.refList(of: S.core("NodeSelectorTerm"), "The terms, ORed.")
      ],
    ],
    S.core("NodeSelectorTerm"): [
      "type": "object", "description": "Requirements on a node's labels and fields, ANDed.",
      "x-kubernetes-map-type": "atomic",
      "properties": [
        "matchExpressions": S.refList(
          of: S.core("NodeSelectorRequirement"), "Requirements on node labels."),
        "matchFields": S.refList(
          of: S.core("NodeSelectorRequirement"), "Requirements on node fields."),
      ],
    ],
    S.core("NodeSelectorRequirement"): S.object(
      "A requirement on one node label or field.", required: ["key", "operator"],
      [
        "key": S.string("The label or field."),
        "operator": S.string(
          "How the values are compared.",
          enum: ["DoesNotExist", "Exists", "Gt", "In", "Lt", "NotIn"]),
        "values": S.stringList("Values compared against."),
      ]),
    S.core("PreferredSchedulingTerm"): S.object(
      "A weighted node preference.", required: ["weight", "preference"],
      [
        "weight": S.integer("Weight, 1 to 100."),
        "preference": S.ref(S.core("NodeSelectorTerm"), "The preferred nodes."),
      ]),
    S.core("PodAffinity"): S.object(
      "Pods to be scheduled near.", podAffinityMembers),
    S.core("PodAntiAffinity"): S.object(
      "Pods to be scheduled away from.", podAffinityMembers),
    S.core("PodAffinityTerm"): S.object(
      "Pods, selected by label in some namespaces, and the topology they share.",
      required: ["topologyKey"],
      [
        "labelSelector": S.ref(S.meta("LabelSelector"), "The pods."),
        "namespaces": S.stringList("Namespaces of the pods; the pod's own when empty."),
        "topologyKey": S.string("Node label whose equal values count as near."),
        "namespaceSelector": S.ref(S.meta("LabelSelector"), "Namespaces of the pods, by label."),
        "matchLabelKeys": S.stringList("Pod label keys whose values are added to the selector."),
        "mismatchLabelKeys": S.stringList(
          "Pod label keys whose values are excluded by the selector."),
      ]),
    S.core("WeightedPodAffinityTerm"): S.object(
      "A weighted pod affinity term.", required: ["weight", "podAffinityTerm"],
      [
        "weight": S.integer("Weight, 1 to 100."),
        "podAffinityTerm": S.ref(S.core("PodAffinityTerm"), "The term."),
      ]),
    S.core("Toleration"): S.object(
      "A taint the pod tolerates.",
      [
        "key": S.string("Taint key; empty matches every key."),
        "operator": S.string("Exists or Equal.", enum: ["Equal", "Exists"]),
        "value": S.string("Taint value for Equal."),
        "effect": S.string(
          "Taint effect; empty matches all.", enum: ["NoExecute", "NoSchedule", "PreferNoSchedule"]),
        "tolerationSeconds": S.integer(
          "How long a NoExecute taint is tolerated.", format: "int64"),
      ]),
    S.core("TopologySpreadConstraint"): S.object(
      "How evenly matching pods spread across a topology.",
      required: ["maxSkew", "topologyKey", "whenUnsatisfiable"],
      [
        "maxSkew": S.integer("Largest allowed difference between domains."),
        "topologyKey": S.string("Node label that defines the domains."),
        "whenUnsatisfiable": S.string(
          "What to do when it cannot hold.", enum: ["DoNotSchedule", "ScheduleAnyway"]),
        "labelSelector": S.ref(S.meta("LabelSelector"), "The pods counted."),
        "minDomains": S.integer("Least number of eligible domains."),
        "nodeAffinityPolicy": S.string("Whether node affinity limits the domains."),
        "nodeTaintsPolicy": S.string("Whether node taints limit the domains."),
        "matchLabelKeys": S.stringList("Pod label keys whose values are added to the selector."),
      ]),
  ]

  /// The members of pod affinity and anti-affinity.
  private static let podAffinityMembers: [String: JSONValue] = [
    "requiredDuringSchedulingIgnoredDuringExecution": S.refList(
      of: S.core("PodAffinityTerm"), "Terms that must hold."),
    "preferredDuringSchedulingIgnoredDuringExecution": S.refList(
      of: S.core("WeightedPodAffinityTerm"), "Terms preferred, by weight."),
  ]
}
