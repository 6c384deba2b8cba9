/// core/v1 `ConfigMap`, `Namespace`, `Service` and `Event`, and coordination/v1 `Lease`.
extension KubeSchema {
  static let configMap = ProtoMessage(
    "k8s.io.api.core.v1.ConfigMap",
    [
      1: .message("metadata", objectMeta),
      2: .stringMap("data"),
      3: .bytesMap("binaryData"),
      4: .bool("immutable", keepsZero: true),
    ])

  static let namespace = ProtoMessage(
    "k8s.io.api.core.v1.Namespace",
    [
      1: .message("metadata", objectMeta),
      2: .message(
        "spec", ProtoMessage("k8s.io.api.core.v1.NamespaceSpec", [1: .strings("finalizers")])),
      3: .message(
        "status",
        ProtoMessage(
          "k8s.io.api.core.v1.NamespaceStatus",
          [
            1: .string("phase"),
            2: .list(
              "conditions",
              ProtoMessage(
                "k8s.io.api.core.v1.NamespaceCondition",
                [
                  1: .string("type", keepsZero: true),
                  2: .string("status", keepsZero: true),
                  4: .time("lastTransitionTime"),
                  5: .string("reason"),
                  6: .string("message"),
                ])),
          ])),
    ])

  static let service = ProtoMessage(
    "k8s.io.api.core.v1.Service",
    [
      1: .message("metadata", objectMeta),
      2: .message("spec", serviceSpec),
      3: .message("status", serviceStatus),
    ])

  static let serviceSpec = ProtoMessage(
    "k8s.io.api.core.v1.ServiceSpec",
    [
      1: .list("ports", servicePort),
      2: .stringMap("selector"),
      3: .string("clusterIP"),
      4: .string("type"),
      5: .strings("externalIPs"),
      7: .string("sessionAffinity"),
      8: .string("loadBalancerIP"),
      9: .strings("loadBalancerSourceRanges"),
      10: .string("externalName"),
      11: .string("externalTrafficPolicy"),
      12: .int32("healthCheckNodePort"),
      13: .bool("publishNotReadyAddresses"),
      14: .message(
        "sessionAffinityConfig",
        ProtoMessage(
          "k8s.io.api.core.v1.SessionAffinityConfig",
          [
            1: .message(
              "clientIP",
              ProtoMessage(
                "k8s.io.api.core.v1.ClientIPConfig",
                [1: .int32("timeoutSeconds", keepsZero: true)]))
          ])),
      17: .string("ipFamilyPolicy", keepsZero: true),
      18: .strings("clusterIPs"),
      19: .strings("ipFamilies"),
      20: .bool("allocateLoadBalancerNodePorts", keepsZero: true),
      21: .string("loadBalancerClass", keepsZero: true),
      22: .string("internalTrafficPolicy", keepsZero: true),
      23: .string("trafficDistribution", keepsZero: true),
    ])

  static let servicePort = ProtoMessage(
    "k8s.io.api.core.v1.ServicePort",
    [
      1: .string("name"),
      2: .string("protocol"),
      3: .int32("port", keepsZero: true),
      4: .intOrString("targetPort"),
      5: .int32("nodePort"),
      6: .string("appProtocol", keepsZero: true),
    ])

  static let serviceStatus = ProtoMessage(
    "k8s.io.api.core.v1.ServiceStatus",
    [
      1: .message(
        "loadBalancer",
        ProtoMessage(
          "k8s.io.api.core.v1.LoadBalancerStatus", [1: .list("ingress", loadBalancerIngress)])),
      2: .list("conditions", condition),
    ])

  static let loadBalancerIngress = ProtoMessage(
    "k8s.io.api.core.v1.LoadBalancerIngress",
    [
      1: .string("ip"),
      2: .string("hostname"),
      3: .string("ipMode", keepsZero: true),
      4: .list(
        "ports",
        ProtoMessage(
          "k8s.io.api.core.v1.PortStatus",
          [
            1: .int32("port", keepsZero: true),
            2: .string("protocol", keepsZero: true),
            3: .string("error", keepsZero: true),
          ])),
    ])

  static let event = ProtoMessage(
    "k8s.io.api.core.v1.Event",
    [
      1: .message("metadata", objectMeta),
      2: .message("involvedObject", objectReference),
      3: .string("reason"),
      4: .string("message"),
      5: .message(
        "source",
        ProtoMessage(
          "k8s.io.api.core.v1.EventSource", [1: .string("component"), 2: .string("host")])),
      6: .time("firstTimestamp"),
      7: .time("lastTimestamp"),
      8: .int32("count"),
      9: .string("type"),
      10: .microTime("eventTime"),
      11: .message(
        "series",
        ProtoMessage(
          "k8s.io.api.core.v1.EventSeries",
          [1: .int32("count"), 2: .microTime("lastObservedTime")])),
      12: .string("action"),
      13: .message("related", objectReference),
      14: .string("reportingComponent", keepsZero: true),
      15: .string("reportingInstance", keepsZero: true),
    ])

  static let objectReference = ProtoMessage(
    "k8s.io.api.core.v1.ObjectReference",
    [
      1: .string("kind"),
      2: .string("namespace"),
      3: .string("name"),
      4: .string("uid"),
      5: .string("apiVersion"),
      6: .string("resourceVersion"),
      7: .string("fieldPath"),
    ])

  static let lease = ProtoMessage(
    "k8s.io.api.coordination.v1.Lease",
    [
      1: .message("metadata", objectMeta),
      2: .message(
        "spec",
        ProtoMessage(
          "k8s.io.api.coordination.v1.LeaseSpec",
          [
            1: .string("holderIdentity", keepsZero: true),
            2: .int32("leaseDurationSeconds", keepsZero: true),
            3: .microTime("acquireTime"),
            4: .microTime("renewTime"),
            5: .int32("leaseTransitions", keepsZero: true),
            6: .string("strategy", keepsZero: true),
            7: .string("preferredHolder", keepsZero: true),
          ])),
    ])
}
