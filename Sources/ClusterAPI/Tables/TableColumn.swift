import Engine

/// One column of a `meta.k8s.io/v1` Table (`TableColumnDefinition`). Priority 0 columns are
/// what `kubectl get` prints; priority 1 only with `-o wide`.
struct TableColumn: Sendable {
  var name: String
  var type: String
  var format = ""
  var description: String
  var priority = 0

  var json: JSONValue {
    [
      "name": .string(name), "type": .string(type), "format": .string(format),
      "description": .string(description), "priority": .int(priority),
    ]
  }

  /// `Name`, the first column of every table.
  static let name = TableColumn(
    name: "Name", type: "string", format: "name", description: Describe.name)
  /// `Age`, from `metadata.creationTimestamp`.
  static let age = TableColumn(name: "Age", type: "string", description: Describe.creation)

  static func wide(_ name: String, _ description: String, type: String = "string") -> Self {
    TableColumn(name: name, type: type, description: description, priority: 1)
  }

  static func plain(_ name: String, _ description: String, type: String = "string") -> Self {
    TableColumn(name: name, type: type, description: description)
  }
}

/// The descriptions Kubernetes gives its columns (mostly the API's field documentation).
enum Describe {
  static let name =
    "Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names"
  static let creation =
    "CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata"
  static let containers = "Names of each container in the template."
  static let images = "Images referenced by each container in the template."
  static let readyPods = "Number of the pod with ready state"
  static let desiredReplicas =
    "Replicas is the number of desired replicas. This is a pointer to distinguish between explicit zero and unspecified. Defaults to 1. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller/#what-is-a-replicationcontroller"
  static let currentReplicas =
    "Replicas is the most recently observed number of replicas. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller/#what-is-a-replicationcontroller"
  static let readyReplicas =
    "readyReplicas is the number of pods targeted by this ReplicaSet controller with a Ready Condition."
  static let replicaSetSelector =
    "Selector is a label query over pods that should match the replica count. If the selector is empty, it is defaulted to the labels present on the pod template. Label keys and values that must match in order to be controlled by this replica set. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors"
  static let updatedReplicas =
    "Total number of non-terminated pods targeted by this deployment that have the desired template spec."
  static let availableReplicas =
    "Total number of available pods (ready for at least minReadySeconds) targeted by this deployment."
  static let deploymentSelector =
    "Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment."
  static let podReady = "The aggregate readiness state of this pod for accepting traffic."
  static let podStatus = "The aggregate status of the containers in this pod."
  static let podRestarts =
    "The number of times the containers in this pod have been restarted and when the last container in this pod has restarted."
  static let podIP =
    "podIP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated."
  static let nodeName =
    "NodeName indicates in which node this pod is scheduled. If empty, this pod is a candidate for scheduling by the scheduler defined in schedulerName. Once this field is set, the kubelet for this node becomes responsible for the lifecycle of this pod. This field should not be used to express a desire for the pod to be scheduled on a specific node. https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#nodename"
  static let nominatedNode =
    "nominatedNodeName is set only when this pod preempts other pods on the node, but it cannot be scheduled right away as preemption victims receive their graceful termination periods. This field does not guarantee that the pod will be scheduled on this node. Scheduler may decide to place the pod elsewhere if other nodes become available sooner. Scheduler may also decide to give the resources on this node to a higher priority pod that is created after preemption. As a result, this field may be different than PodSpec.nodeName when the pod is scheduled."
  static let readinessGates =
    "If specified, all readiness gates will be evaluated for pod readiness. A pod is ready when all its containers are ready AND all conditions specified in the readiness gates have status equal to \"True\" More info: https://git.k8s.io/enhancements/keps/sig-network/580-pod-readiness-gates"
  static let serviceType =
    "type determines how the Service is exposed. Defaults to ClusterIP. Valid options are ExternalName, ClusterIP, NodePort, and LoadBalancer."
  static let clusterIP =
    "clusterIP is the IP address of the service and is usually assigned randomly. If an address is specified manually, is in-range (as per system configuration), and is not in use, it will be allocated to the service; otherwise creation of the service will fail."
  static let externalIPs =
    "externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service.  These IPs are not managed by Kubernetes.  The user is responsible for ensuring that traffic arrives at a node with this IP."
  static let ports =
    "The list of ports that are exposed by this service. More info: https://kubernetes.io/docs/concepts/services-networking/service/#virtual-ips-and-service-proxies"
  static let serviceSelector =
    "Route service traffic to pods with label keys and values matching this selector. If empty or not present, the service is assumed to have an external process managing its endpoints, which Kubernetes will not modify. Only applies to types ClusterIP, NodePort, and LoadBalancer. Ignored if type is ExternalName. More info: https://kubernetes.io/docs/concepts/services-networking/service/"
  static let namespaceStatus = "The status of the namespace"
  static let configMapData =
    "Data contains the configuration data. Each key must consist of alphanumeric characters, '-', '_' or '.'. Values with non-UTF-8 byte sequences must use the BinaryData field. The keys stored in Data must not overlap with the keys in the BinaryData field, this is enforced during validation process."
  static let holder = "holderIdentity contains the identity of the holder of a current lease."
  static let lastSeen = "The time at which the most recent occurrence of this event was recorded."
  static let eventType =
    "Type of this event (Normal, Warning), new types could be added in the future"
  static let reason =
    "This should be a short, machine understandable string that gives the reason for the transition into the object's current status."
  static let involvedObject = "The object that this event is about."
  static let fieldPath =
    "If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement, such as desiredState.manifest.containers[2]. For example, if the object reference is to a container within a pod, this would take on a value like: \"spec.containers{name}\" (where \"name\" refers to the name of the container that triggered the event) or if no container name is specified \"spec.containers[2]\" (container with index 2 in this pod). This syntax is chosen only to have some well-defined way of referencing a part of an object."
  static let source =
    "The component reporting this event. Should be a short machine understandable string."
  static let message = "A human-readable description of the status of this operation."
  static let firstSeen =
    "The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)"
  static let count = "The number of times this event has occurred."
}
