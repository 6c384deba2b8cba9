/// The shape of an object as far as field names go: which keys a map may hold. Kubernetes'
/// and Argo Rollouts' API reference name the fields; `rollout` models only some of them, but
/// knows them all, so a typo (`replicsa`) is told from a field it merely does not use
/// (`nodeSelector`).
indirect enum FieldSchema: Sendable {
  /// A map with these keys.
  case object([String: FieldSchema])
  /// A list of such values.
  case list(FieldSchema)
  /// Anything: a scalar, a map of user keys (labels), or a structure `rollout` never reads.
  case any
}

/// The known fields of each kind, written out as data.
enum KnownFields {
  static let objectMeta: FieldSchema = .object(
    Dictionary(
      uniqueKeysWithValues: [
        "name", "namespace", "labels", "annotations", "generateName", "uid", "resourceVersion",
        "generation", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds",
        "ownerReferences", "finalizers", "managedFields", "selfLink",
      ].map { ($0, FieldSchema.any) }))

  static let labelSelector: FieldSchema = .object([
    "matchLabels": .any,
    "matchExpressions": .list(.object(["key": .any, "operator": .any, "values": .any])),
  ])

  static let container: FieldSchema = .object(
    Dictionary(
      uniqueKeysWithValues: [
        "name", "image", "command", "args", "workingDir", "ports", "envFrom", "env", "resources",
        "resizePolicy", "restartPolicy", "volumeMounts", "volumeDevices", "livenessProbe",
        "readinessProbe", "startupProbe", "lifecycle", "terminationMessagePath",
        "terminationMessagePolicy", "imagePullPolicy", "securityContext", "stdin", "stdinOnce",
        "tty",
      ].map { ($0, FieldSchema.any) }))

  static let podSpec: FieldSchema = {
    var fields = Dictionary(
      uniqueKeysWithValues: [
        "volumes", "ephemeralContainers", "restartPolicy", "terminationGracePeriodSeconds",
        "activeDeadlineSeconds", "dnsPolicy", "nodeSelector", "serviceAccountName",
        "serviceAccount", "automountServiceAccountToken", "nodeName", "hostNetwork", "hostPID",
        "hostIPC", "shareProcessNamespace", "securityContext", "imagePullSecrets", "hostname",
        "subdomain", "affinity", "schedulerName", "tolerations", "hostAliases",
        "priorityClassName", "priority", "dnsConfig", "readinessGates", "runtimeClassName",
        "enableServiceLinks", "preemptionPolicy", "overhead", "topologySpreadConstraints",
        "setHostnameAsFQDN", "os", "hostUsers", "schedulingGates", "resourceClaims", "resources",
      ].map { ($0, FieldSchema.any) })
    fields["containers"] = .list(container)
    fields["initContainers"] = .list(container)
    return .object(fields)
  }()

  static let podTemplate: FieldSchema = .object(["metadata": objectMeta, "spec": podSpec])

  static let deploymentSpec: FieldSchema = .object([
    "replicas": .any, "selector": labelSelector, "template": podTemplate,
    "strategy": .object([
      "type": .any, "rollingUpdate": .object(["maxSurge": .any, "maxUnavailable": .any]),
    ]),
    "minReadySeconds": .any, "revisionHistoryLimit": .any, "paused": .any,
    "progressDeadlineSeconds": .any,
  ])

  /// An object of `kind` with this spec (and any `status`, which is dropped).
  static func object(spec: FieldSchema) -> FieldSchema {
    .object([
      "apiVersion": .any, "kind": .any, "metadata": objectMeta, "spec": spec, "status": .any,
    ])
  }

  static let deployment = object(spec: deploymentSpec)

  static let service = object(
    spec: .object(
      Dictionary(
        uniqueKeysWithValues: [
          "ports", "selector", "clusterIP", "clusterIPs", "type", "externalIPs",
          "sessionAffinity", "loadBalancerIP", "loadBalancerSourceRanges", "externalName",
          "externalTrafficPolicy", "healthCheckNodePort", "publishNotReadyAddresses",
          "sessionAffinityConfig", "ipFamilies", "ipFamilyPolicy", "allocateLoadBalancerNodePorts",
          "loadBalancerClass", "internalTrafficPolicy", "trafficDistribution",
        ].map { ($0, FieldSchema.any) })))

  /// Argo Rollouts' canary step: the kinds of step it knows.
  static let canaryStep: FieldSchema = .object([
    "setWeight": .any, "pause": .object(["duration": .any]),
    "setCanaryScale": .object(["weight": .any, "replicas": .any, "matchTrafficWeight": .any]),
    "analysis": rolloutAnalysis, "experiment": .any, "setHeaderRoute": .any,
    "setMirrorRoute": .any,
    "plugin": .any,
  ])

  static let canary: FieldSchema = {
    var fields = Dictionary(
      uniqueKeysWithValues: [
        "canaryService", "stableService", "canaryMetadata", "stableMetadata", "maxUnavailable",
        "maxSurge", "trafficRouting", "antiAffinity", "scaleDownDelaySeconds",
        "scaleDownDelayRevisionLimit", "abortScaleDownDelaySeconds", "dynamicStableScale",
        "pingPong", "minPodsPerReplicaSet", "replicaProgressThreshold",
      ].map { ($0, FieldSchema.any) })
    fields["steps"] = .list(canaryStep)
    fields["analysis"] = backgroundAnalysis
    return .object(fields)
  }()

  static let blueGreen: FieldSchema = {
    var fields = Dictionary(
      uniqueKeysWithValues: [
        "activeService", "previewService", "previewReplicaCount", "autoPromotionEnabled",
        "autoPromotionSeconds", "maxUnavailable", "scaleDownDelaySeconds",
        "scaleDownDelayRevisionLimit", "abortScaleDownDelaySeconds", "antiAffinity",
        "previewMetadata", "activeMetadata",
      ].map { ($0, FieldSchema.any) })
    fields["prePromotionAnalysis"] = rolloutAnalysis
    fields["postPromotionAnalysis"] = rolloutAnalysis
    return .object(fields)
  }()

  static let rollout = object(
    spec: .object([
      "replicas": .any, "selector": labelSelector, "template": podTemplate, "workloadRef": .any,
      "minReadySeconds": .any, "revisionHistoryLimit": .any, "paused": .any,
      "progressDeadlineSeconds": .any, "progressDeadlineAbort": .any, "restartAt": .any,
      "rollbackWindow": .any, "analysis": .any,
      "strategy": .object(["canary": canary, "blueGreen": blueGreen]),
    ]))
}
