import Engine

private typealias S = OpenAPISchema

/// Pod, its template and the pod-level parts of its spec.
extension OpenAPIComponents {
  static let podTypes: [String: JSONValue] = [
    S.core("Pod"): S.object(
      "A group of containers scheduled together on one node, sharing network and volumes.",
      S.kindMembers("Pod").merging([
        "spec": S.ref(S.core("PodSpec"), "The desired behaviour of the pod."),
        "status": S.ref(S.core("PodStatus"), "The observed state of the pod (read-only)."),
      ]) { first, _ in first }),
    S.core("PodTemplateSpec"): S.object(
      "The pods a controller creates: their metadata and spec.",
      [
        "metadata": S.ref(S.meta("ObjectMeta"), "Labels and annotations of the pods."),
        "spec": S.ref(S.core("PodSpec"), "The spec of the pods."),
      ]),
    S.core("PodSpec"): S.object(
      "What a pod runs and how: its containers, volumes, scheduling and security settings.",
      required: ["containers"], podSpecMembers),
    S.core("PodSecurityContext"): S.object(
      "Security settings that apply to every container of the pod.",
      [
        "seLinuxOptions": S.ref(S.core("SELinuxOptions"), "SELinux context for the containers."),
        "windowsOptions": S.ref(
          S.core("WindowsSecurityContextOptions"), "Windows-specific settings."),
        "runAsUser": S.integer("UID the container processes run as.", format: "int64"),
        "runAsGroup": S.integer("GID the container processes run as.", format: "int64"),
        "runAsNonRoot": S.boolean("Refuse to start containers that would run as root."),
        "supplementalGroups": S.atomicList(
          ["type": "integer", "format": "int64", "default": 0],
          "Extra groups of the first process of each container."),
        "supplementalGroupsPolicy": S.string(
          "How supplemental groups are computed.", enum: ["Merge", "Strict"]),
        "fsGroup": S.integer("A group that owns the pod's volumes.", format: "int64"),
        "sysctls": S.refList(of: S.core("Sysctl"), "Namespaced sysctls set for the pod."),
        "fsGroupChangePolicy": S.string(
          "When volume ownership is changed.", enum: ["Always", "OnRootMismatch"]),
        "seccompProfile": S.ref(S.core("SeccompProfile"), "Seccomp profile of the containers."),
        "appArmorProfile": S.ref(S.core("AppArmorProfile"), "AppArmor profile of the containers."),
        "seLinuxChangePolicy": S.string("How SELinux labels are applied to volumes."),
      ]),
    S.core("Sysctl"): S.object(
      "A kernel parameter.", required: ["name", "value"],
      ["name": S.string("Name of the sysctl."), "value": S.string("Value of the sysctl.")]),
    S.core("SELinuxOptions"): S.object(
      "An SELinux label.",
      [
        "user": S.string("SELinux user."), "role": S.string("SELinux role."),
        "type": S.string("SELinux type."), "level": S.string("SELinux level."),
      ]),
    S.core("SeccompProfile"): S.object(
      "A seccomp profile.", required: ["type"],
      [
        "type": S.string(
          "Which profile.", enum: ["Localhost", "RuntimeDefault", "Unconfined"]),
        "localhostProfile": S.string("Path of a profile on the node, for Localhost."),
      ]),
    S.core("AppArmorProfile"): S.object(
      "An AppArmor profile.", required: ["type"],
      [
        "type": S.string("Which profile.", enum: ["Localhost", "RuntimeDefault", "Unconfined"]),
        "localhostProfile": S.string("Name of a profile loaded on the node, for Localhost."),
      ]),
    S.core("WindowsSecurityContextOptions"): S.object(
      "Windows-specific security settings.",
      [
        "gmsaCredentialSpecName": S.string("Name of the GMSA credential spec."),
        "gmsaCredentialSpec": S.string("Content of the GMSA credential spec."),
        "runAsUserName": S.string("User name to run the entrypoint as."),
        "hostProcess": S.boolean("Run as a host process container."),
      ]),
    S.core("PodOS"): S.object(
      "The operating system the pod needs.", required: ["name"],
      ["name": S.string("linux or windows.")]),
    S.core("PodSchedulingGate"): S.object(
      "A gate that holds the pod back from scheduling while present.", required: ["name"],
      ["name": S.string("Name of the gate.")]),
    S.core("PodResourceClaim"): S.object(
      "A resource claim the pod uses.", required: ["name"],
      [
        "name": S.string("Name of the claim within the pod."),
        "resourceClaimName": S.string("An existing ResourceClaim."),
        "resourceClaimTemplateName": S.string("A template to create the claim from."),
      ]),
    S.core("LocalObjectReference"): [
      "type": "object", "description": "Names an object in the same namespace.",
      "x-kubernetes-map-type": "atomic",
      "properties": ["name": S.string("Name of the object.")],
    ],
    S.core("HostAlias"): S.object(
      "An entry of the pod's /etc/hosts.", required: ["ip"],
      ["ip": S.string("IP address."), "hostnames": S.stringList("Host names for the address.")]),
    S.core("PodDNSConfig"): S.object(
      "DNS settings added to those from dnsPolicy.",
      [
        "nameservers": S.stringList("DNS server addresses."),
        "searches": S.stringList("Search domains."),
        "options": S.refList(of: S.core("PodDNSConfigOption"), "Resolver options."),
      ]),
    S.core("PodDNSConfigOption"): S.object(
      "A resolver option.",
      ["name": S.string("Name of the option."), "value": S.string("Value of the option.")]),
    S.core("PodReadinessGate"): S.object(
      "A pod condition that must be true for the pod to be ready.", required: ["conditionType"],
      ["conditionType": S.string("Type of the condition.")]),
  ]

  /// The members of a PodSpec.
  private static let podSpecMembers: [String: JSONValue] = [
    "volumes": S.mergeList(
      of: S.core("Volume"), by: "name", strategy: "merge,retainKeys",
      "Volumes the pod's containers can mount."),
    "initContainers": S.mergeList(
      of: S.core("Container"), by: "name",
      "Containers run in order, each to completion, before the app containers start."),
    "containers": S.mergeList(
      of: S.core("Container"), by: "name", "The pod's containers; at least one."),
    "ephemeralContainers": S.mergeList(
      of: S.core("EphemeralContainer"), by: "name",
      "Containers added to a running pod for debugging."),
    "restartPolicy": S.string(
      "When containers are restarted.", enum: ["Always", "Never", "OnFailure"]),
    "terminationGracePeriodSeconds": S.integer(
      "Seconds a container is given to stop before it is killed.", format: "int64"),
    "activeDeadlineSeconds": S.integer(
      "Seconds the pod may be active before it is failed.", format: "int64"),
    "dnsPolicy": S.string(
      "How the pod's DNS is set up.",
      enum: ["ClusterFirst", "ClusterFirstWithHostNet", "Default", "None"]),
    "nodeSelector": [
      "type": "object", "additionalProperties": ["type": "string", "default": ""],
      "description": "Labels a node must have for the pod to run there.",
      "x-kubernetes-map-type": "atomic",
    ],
    "serviceAccountName": S.string("Service account the pod runs as."),
    "serviceAccount": S.string("Deprecated alias of serviceAccountName."),
    "automountServiceAccountToken": S.boolean("Whether the service account token is mounted."),
    "nodeName": S.string("The node the pod is bound to."),
    "hostNetwork": S.boolean("Use the node's network namespace."),
    "hostPID": S.boolean("Use the node's PID namespace."),
    "hostIPC": S.boolean("Use the node's IPC namespace."),
    "shareProcessNamespace": S.boolean("One PID namespace for all the pod's containers."),
    "securityContext": S.ref(S.core("PodSecurityContext"), "Pod-level security settings."),
    "imagePullSecrets": S.mergeList(
      of: S.core("LocalObjectReference"), by: "name", "Secrets used to pull the images."),
    "hostname": S.string("Host name of the pod; defaults to its name."),
    "subdomain": S.string("Subdomain of the pod's fully qualified name."),
    "affinity": S.ref(S.core("Affinity"), "Scheduling constraints on nodes and other pods."),
    "schedulerName": S.string("The scheduler that places the pod."),
    "tolerations": S.refList(of: S.core("Toleration"), "Taints the pod tolerates."),
    "hostAliases": S.mergeList(
      of: S.core("HostAlias"), by: "ip", "Entries added to the pod's /etc/hosts."),
    "priorityClassName": S.string("Priority class of the pod."),
    "priority": S.integer("Priority of the pod, from its priority class."),
    "dnsConfig": S.ref(S.core("PodDNSConfig"), "DNS settings of the pod."),
    "readinessGates": S.refList(
      of: S.core("PodReadinessGate"), "Extra conditions for the pod to be ready."),
    "runtimeClassName": S.string("RuntimeClass the pod runs with."),
    "enableServiceLinks": S.boolean("Inject environment variables for services."),
    "preemptionPolicy": S.string(
      "Whether the pod may preempt others.", enum: ["Never", "PreemptLowerPriority"]),
    "overhead": S.quantityMap("Resources the pod's sandbox uses beyond its containers."),
    "topologySpreadConstraints": S.mergeList(
      of: S.core("TopologySpreadConstraint"), by: "topologyKey",
      mapKeys: ["topologyKey", "whenUnsatisfiable"],
      "How the pods of a group are spread across topology domains."),
    "setHostnameAsFQDN": S.boolean("Set the hostname to the fully qualified name."),
    "os": S.ref(S.core("PodOS"), "The operating system the pod needs."),
    "hostUsers": S.boolean("Use the node's user namespace."),
    "schedulingGates": S.mergeList(
      of: S.core("PodSchedulingGate"), by: "name", "Gates that hold back scheduling."),
    "resourceClaims": S.mergeList(
      of: S.core("PodResourceClaim"), by: "name", strategy: "merge,retainKeys",
      "Dynamic resource claims of the pod."),
    "resources": S.ref(S.core("ResourceRequirements"), "Pod-level resource requirements."),
  ]
}
