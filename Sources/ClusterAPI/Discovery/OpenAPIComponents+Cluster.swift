import Engine

private typealias S = OpenAPISchema

/// ConfigMaps, Namespaces, Events and Leases.
extension OpenAPIComponents {
  static let clusterTypes: [String: JSONValue] = [
    S.core("ConfigMap"): S.object(
      "Configuration data as key/value pairs (a strategy's Lua source, for one).",
      S.kindMembers("ConfigMap").merging([
        "immutable": S.boolean("Whether the data may no longer change."),
        "data": S.stringMap("UTF-8 values by key."),
        "binaryData": [
          "type": "object", "additionalProperties": ["type": "string", "format": "byte"],
          "description": "Binary values by key, base64.",
        ],
      ]) { first, _ in first }),
    S.core("Namespace"): S.object(
      "A scope for names; most objects live in one.",
      S.kindMembers("Namespace").merging([
        "spec": S.ref(S.core("NamespaceSpec"), "The desired state of the namespace."),
        "status": S.ref(S.core("NamespaceStatus"), "The observed state (read-only)."),
      ]) { first, _ in first }),
    S.core("NamespaceSpec"): S.object(
      "The desired state of a namespace.",
      ["finalizers": S.stringList("Tasks to finish before the namespace is removed.")]),
    S.core("NamespaceStatus"): S.object(
      "The observed state of a namespace.",
      [
        "phase": S.string("Active or Terminating.", enum: ["Active", "Terminating"]),
        "conditions": S.mergeList(
          of: S.core("NamespaceCondition"), by: "type", "Current conditions."),
      ]),
    S.core("NamespaceCondition"): S.object(
      "One condition of a namespace.", required: ["type", "status"],
      [
        "type": S.string("Type of the condition."),
        "status": S.string("True, False or Unknown."),
        "lastTransitionTime": S.time("When the status last changed."),
        "reason": S.string("Why, in CamelCase."),
        "message": S.string("Why, for people."),
      ]),
    S.core("Event"): S.object(
      "A report of something that happened to an object (ScalingReplicaSet, ...).",
      required: ["metadata", "involvedObject"],
      S.kindMembers("Event").merging([
        "involvedObject": S.ref(S.core("ObjectReference"), "The object it happened to."),
        "reason": S.string("Why, in CamelCase."),
        "message": S.string("What happened, for people."),
        "source": S.ref(S.core("EventSource"), "The component that reported it."),
        "firstTimestamp": S.time("When it first happened."),
        "lastTimestamp": S.time("When it last happened."),
        "count": S.integer("Times it happened."),
        "type": S.string("Normal or Warning."),
        "eventTime": S.ref(S.meta("MicroTime"), "When it first happened, precisely."),
        "series": S.ref(S.core("EventSeries"), "The series it belongs to."),
        "action": S.string("What was done."),
        "related": S.ref(S.core("ObjectReference"), "A second object involved."),
        "reportingComponent": S.string("The controller that reported it."),
        "reportingInstance": S.string("The instance of that controller."),
      ]) { first, _ in first }),
    S.core("ObjectReference"): [
      "type": "object", "description": "A reference to an object.",
      "x-kubernetes-map-type": "atomic",
      "properties": [
        "kind": S.string("Kind of the object."),
        "namespace": S.string("Namespace of the object."),
        "name": S.string("Name of the object."),
        "uid": S.string("UID of the object."),
        "apiVersion": S.string("API version of the object."),
        "resourceVersion": S.string("Version of the object referred to."),
        "fieldPath": S.string("A part of the object (spec.containers{web})."),
      ],
    ],
    S.core("EventSource"): S.object(
      "Who reported an event.",
      ["component": S.string("The component."), "host": S.string("The node it runs on.")]),
    S.core("EventSeries"): S.object(
      "Events that keep happening.",
      [
        "count": S.integer("Occurrences so far."),
        "lastObservedTime": S.ref(S.meta("MicroTime"), "When it last happened."),
      ]),
    "io.k8s.api.coordination.v1.Lease": S.object(
      "A lease held by one holder for a while (leader election, heartbeats).",
      S.kindMembers("Lease").merging([
        "spec": S.ref("io.k8s.api.coordination.v1.LeaseSpec", "The lease.")
      ]) { first, _ in first }),
    "io.k8s.api.coordination.v1.LeaseSpec": S.object(
      "Who holds a lease and until when.",
      [
        "holderIdentity": S.string("The holder."),
        "leaseDurationSeconds": S.integer("How long the lease lasts from renewTime."),
        "acquireTime": S.ref(S.meta("MicroTime"), "When the holder took the lease."),
        "renewTime": S.ref(S.meta("MicroTime"), "When the holder last renewed it."),
        "leaseTransitions": S.integer("Times the lease changed holders."),
        "strategy": S.string("How a holder is picked, for coordinated election."),
        "preferredHolder": S.string("The holder the lease should pass to."),
      ]),
  ]
}
