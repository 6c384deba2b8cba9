import Engine

private typealias S = OpenAPISchema

/// Services: ports, selector and load-balancer status.
extension OpenAPIComponents {
  static let serviceTypes: [String: JSONValue] = [
    S.core("Service"): S.object(
      "A named set of pods, selected by label, reached through one address and ports.",
      S.kindMembers("Service").merging([
        "spec": S.ref(S.core("ServiceSpec"), "The desired behaviour of the service."),
        "status": S.ref(S.core("ServiceStatus"), "The observed state (read-only)."),
      ]) { first, _ in first }),
    S.core("ServiceSpec"): S.object(
      "The desired behaviour of a Service.",
      [
        "ports": S.mergeList(
          of: S.core("ServicePort"), by: "port", mapKeys: ["port", "protocol"],
          "Ports the service exposes."),
        "selector": [
          "type": "object", "additionalProperties": ["type": "string", "default": ""],
          "description": "Labels of the pods traffic is routed to.",
          "x-kubernetes-map-type": "atomic",
        ],
        "clusterIP": S.string("Cluster-internal address; None for a headless service."),
        "clusterIPs": S.stringList("Cluster-internal addresses, one per IP family."),
        "type": S.string(
          "How the service is exposed.",
          enum: ["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"]),
        "externalIPs": S.stringList("Addresses outside the cluster that route to the service."),
        "sessionAffinity": S.string(
          "Keep a client on one pod.", enum: ["ClientIP", "None"]),
        "loadBalancerIP": S.string("Deprecated: requested load-balancer address."),
        "loadBalancerSourceRanges": S.stringList("Client ranges a load balancer admits."),
        "externalName": S.string("DNS name an ExternalName service aliases."),
        "externalTrafficPolicy": S.string(
          "How external traffic is routed.", enum: ["Cluster", "Local"]),
        "healthCheckNodePort": S.integer("Health check port for Local traffic policy."),
        "publishNotReadyAddresses": S.boolean("Publish addresses of pods not ready."),
        "sessionAffinityConfig": S.ref(
          S.core("SessionAffinityConfig"), "Settings of session affinity."),
        "ipFamilies": S.stringList("IP families of the service (IPv4, IPv6)."),
        "ipFamilyPolicy": S.string(
          "How many IP families.", enum: ["PreferDualStack", "RequireDualStack", "SingleStack"]),
        "allocateLoadBalancerNodePorts": S.boolean("Allocate node ports for a load balancer."),
        "loadBalancerClass": S.string("Load balancer implementation."),
        "internalTrafficPolicy": S.string(
          "How cluster-internal traffic is routed.", enum: ["Cluster", "Local"]),
        "trafficDistribution": S.string("Preference for how traffic is distributed."),
      ]),
    S.core("ServicePort"): S.object(
      "A port of a service.", required: ["port"],
      [
        "name": S.string("Name of the port; required when there are several."),
        "protocol": S.string("Protocol of the port.", enum: ["SCTP", "TCP", "UDP"]),
        "appProtocol": S.string("Application protocol of the port."),
        "port": S.integer("Port the service exposes."),
        "targetPort": S.ref(
          S.intOrString, "Port number or name on the pods; the port by default."),
        "nodePort": S.integer("Port on every node, for NodePort and LoadBalancer."),
      ]),
    S.core("SessionAffinityConfig"): S.object(
      "Settings of session affinity.",
      ["clientIP": S.ref(S.core("ClientIPConfig"), "Settings of ClientIP affinity.")]),
    S.core("ClientIPConfig"): S.object(
      "Settings of ClientIP affinity.",
      ["timeoutSeconds": S.integer("How long a client sticks to a pod.")]),
    S.core("ServiceStatus"): S.object(
      "The observed state of a Service.",
      [
        "loadBalancer": S.ref(S.core("LoadBalancerStatus"), "The load balancer, if any."),
        "conditions": S.mergeList(
          of: S.meta("Condition"), by: "type", "Current conditions of the service."),
      ]),
    S.core("LoadBalancerStatus"): S.object(
      "A load balancer's addresses.",
      ["ingress": S.refList(of: S.core("LoadBalancerIngress"), "Its ingress points.")]),
    S.core("LoadBalancerIngress"): S.object(
      "An ingress point of a load balancer.",
      [
        "ip": S.string("IP address."), "hostname": S.string("Host name."),
        "ipMode": S.string("How traffic reaches the address (VIP or Proxy)."),
        "ports": S.refList(of: S.core("PortStatus"), "Status of each port."),
      ]),
    S.core("PortStatus"): S.object(
      "The status of a load-balancer port.", required: ["port", "protocol"],
      [
        "port": S.integer("The port."), "protocol": S.string("Its protocol."),
        "error": S.string("Why the port is not working, if it is not."),
      ]),
  ]
}
