import Engine

/// The meta/v1 and utility types every group version's document carries: object and list
/// metadata, `Status`, `DeleteOptions`, the `Patch` body, label selectors and the scalar types
/// (`Time`, `Quantity`, `IntOrString`).
private typealias S = OpenAPISchema

extension OpenAPIComponents {
  static let metaTypes: [String: JSONValue] = [
    S.meta("ObjectMeta"): S.object(
      "Metadata every persisted object has: its name and namespace, labels and annotations, "
        + "owners, and what the server records (uid, resourceVersion, timestamps).",
      [
        "name": S.string("Name of the object, unique within its namespace and kind."),
        "generateName": S.string(
          "A prefix from which the server generates a unique name when name is empty."),
        "namespace": S.string("The namespace the object lives in; empty for cluster objects."),
        "selfLink": S.string("Deprecated and never set."),
        "uid": S.string("Unique identifier the server gives the object at creation."),
        "resourceVersion": S.string(
          "Opaque version of the object, changed on every write; used for optimistic "
            + "concurrency and to start watches."),
        "generation": S.integer("Sequence number of the desired state (spec).", format: "int64"),
        "creationTimestamp": S.time("When the server created the object."),
        "deletionTimestamp": S.time("When the object was asked to be deleted."),
        "deletionGracePeriodSeconds": S.integer(
          "Seconds the object is given to terminate once deleted.", format: "int64"),
        "labels": S.stringMap("Key/value labels, matched by selectors."),
        "annotations": S.stringMap("Key/value annotations for tools; not used for selection."),
        "ownerReferences": S.mergeList(
          of: S.meta("OwnerReference"), by: "uid",
          "Objects this one depends on; the garbage collector deletes it after its owners."),
        "finalizers": [
          "type": "array", "items": ["type": "string", "default": ""],
          "description": "Tasks that must be done before the object is removed.",
          "x-kubernetes-patch-strategy": "merge", "x-kubernetes-list-type": "set",
        ],
        "managedFields": S.refList(
          of: S.meta("ManagedFieldsEntry"), "Which managers set which fields."),
      ]),
    S.meta("OwnerReference"): S.object(
      "An object that owns this one.", required: ["apiVersion", "kind", "name", "uid"],
      [
        "apiVersion": S.string("API version of the owner."),
        "kind": S.string("Kind of the owner."),
        "name": S.string("Name of the owner."),
        "uid": S.string("UID of the owner."),
        "controller": S.boolean("Whether the owner is the managing controller."),
        "blockOwnerDeletion": S.boolean(
          "Whether foreground deletion of the owner waits for this object."),
      ]),
    S.meta("ManagedFieldsEntry"): S.object(
      "The fields one manager set, and how.",
      [
        "manager": S.string("Name of the manager."),
        "operation": S.string("Apply or Update."),
        "apiVersion": S.string("Version the fields are described in."),
        "time": S.time("When the manager last changed them."),
        "fieldsType": S.string("Format of fieldsV1: FieldsV1."),
        "fieldsV1": S.ref(S.meta("FieldsV1"), "The set of fields."),
        "subresource": S.string("The subresource written through, if any."),
      ]),
    S.meta("FieldsV1"): [
      "type": "object", "description": "A set of fields as a JSON trie.",
    ],
    S.meta("ListMeta"): S.object(
      "Metadata of a list: where it was read and how to read on.",
      [
        "selfLink": S.string("Deprecated and never set."),
        "resourceVersion": S.string("Version of the collection, to watch from."),
        "continue": S.string("Token to ask for the next page; empty on the last one."),
        "remainingItemCount": S.integer(
          "Items left after this page, when the server knows.", format: "int64"),
      ]),
    S.meta("Time"): [
      "type": "string", "format": "date-time",
      "description": "An RFC 3339 timestamp in UTC, to the second.",
    ],
    S.meta("MicroTime"): [
      "type": "string", "format": "date-time",
      "description": "An RFC 3339 timestamp in UTC, to the microsecond.",
    ],
    S.quantity: [
      "type": "string", "format": "quantity",
      "description": "A resource amount: a number with an optional suffix (500m, 1Gi, 2).",
      "x-kubernetes-int-or-string": true,
    ],
    S.intOrString: [
      "type": "string", "format": "int-or-string",
      "description": "An integer or a string (a port number or name, a count or percentage).",
      "x-kubernetes-int-or-string": true,
    ],
    S.meta("Status"): S.tagged(
      S.object(
        "The result of an operation that returns no object, or of a failed one.",
        [
          "apiVersion": S.string("v1"),
          "kind": S.string("Status"),
          "metadata": S.ref(S.meta("ListMeta"), "List metadata; usually empty."),
          "status": S.string("Success or Failure."),
          "message": S.string("What happened, for people."),
          "reason": S.string("Why, for machines (NotFound, Conflict, Invalid...)."),
          "details": S.ref(S.meta("StatusDetails"), "The object and fields involved."),
          "code": S.integer("The HTTP status code."),
        ]), group: "", version: "v1", kind: "Status"),
    S.meta("StatusDetails"): S.object(
      "The object a Status is about and the field causes of a refusal.",
      [
        "name": S.string("Name of the object."),
        "group": S.string("Group of the object."),
        "kind": S.string("Kind (or resource) of the object."),
        "uid": S.string("UID of the object."),
        "causes": S.refList(of: S.meta("StatusCause"), "Each field's problem."),
        "retryAfterSeconds": S.integer("When to retry, if the server says."),
      ]),
    S.meta("StatusCause"): S.object(
      "One field's problem.",
      [
        "reason": S.string("Machine-readable cause (FieldValueInvalid...)."),
        "message": S.string("What is wrong with the field."),
        "field": S.string("The field's path (spec.replicas)."),
      ]),
    S.meta("DeleteOptions"): S.object(
      "How to delete an object.",
      [
        "apiVersion": S.string("v1"),
        "kind": S.string("DeleteOptions"),
        "gracePeriodSeconds": S.integer("Seconds before the object is removed.", format: "int64"),
        "preconditions": S.ref(
          S.meta("Preconditions"), "What must still hold for the delete to happen."),
        "orphanDependents": S.boolean("Deprecated: use propagationPolicy Orphan."),
        "propagationPolicy": S.string(
          "Whether and how dependents are deleted.",
          enum: ["Background", "Foreground", "Orphan"]),
        "dryRun": S.stringList("All: check the delete without making it."),
      ]),
    S.meta("Preconditions"): S.object(
      "Conditions a delete requires.",
      [
        "uid": S.string("The object's UID must be this."),
        "resourceVersion": S.string("The object's resourceVersion must be this."),
      ]),
    S.meta("Patch"): [
      "type": "object",
      "description": "A patch body: JSON patch, merge patch, strategic merge patch or apply.",
    ],
    S.meta("LabelSelector"): [
      "type": "object",
      "description": .string(
        "Selects objects by label: every matchLabels pair and matchExpressions "
          + "requirement must hold; an empty selector selects everything."),
      "x-kubernetes-map-type": "atomic",
      "properties": [
        "matchLabels": S.stringMap("Labels that must be present with these values."),
        "matchExpressions": S.refList(
          of: S.meta("LabelSelectorRequirement"), "Set-based requirements."),
      ],
    ],
    S.meta("LabelSelectorRequirement"): S.object(
      "A requirement on one label.", required: ["key", "operator"],
      [
        "key": S.string("The label key."),
        "operator": S.string("In, NotIn, Exists or DoesNotExist."),
        "values": S.stringList("Values for In and NotIn; empty otherwise."),
      ]),
    S.meta("Condition"): S.object(
      "One aspect of an object's current state.",
      required: ["type", "status", "lastTransitionTime", "reason", "message"],
      [
        "type": S.string("Type of the condition."),
        "status": S.string("True, False or Unknown.", enum: ["True", "False", "Unknown"]),
        "observedGeneration": S.integer(
          "The generation the condition was set for.", format: "int64"),
        "lastTransitionTime": S.time("When the status last changed."),
        "reason": S.string("Why, in CamelCase."),
        "message": S.string("Why, for people."),
      ]),
  ]
}
