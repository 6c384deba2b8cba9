/// The protobuf schemas of the Kubernetes kinds `rollout serve` stores, field numbers as in
/// the `generated.proto` files of k8s.io/api and k8s.io/apimachinery. `keepsZero` marks the
/// fields whose zero value the JSON form still writes: Go pointers and fields without
/// `omitempty`.
enum KubeSchema {}

/// apimachinery `meta/v1`.
extension KubeSchema {
  static let objectMeta = ProtoMessage(
    "k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta",
    [
      1: .string("name"),
      2: .string("generateName"),
      3: .string("namespace"),
      4: .string("selfLink"),
      5: .string("uid"),
      6: .string("resourceVersion"),
      7: .int64("generation"),
      8: .time("creationTimestamp"),
      9: .time("deletionTimestamp"),
      10: .int64("deletionGracePeriodSeconds", keepsZero: true),
      11: .stringMap("labels"),
      12: .stringMap("annotations"),
      13: .list("ownerReferences", ownerReference),
      14: .strings("finalizers"),
      17: .list("managedFields", managedFieldsEntry),
    ])

  static let ownerReference = ProtoMessage(
    "k8s.io.apimachinery.pkg.apis.meta.v1.OwnerReference",
    [
      1: .string("kind", keepsZero: true),
      3: .string("name", keepsZero: true),
      4: .string("uid", keepsZero: true),
      5: .string("apiVersion", keepsZero: true),
      6: .bool("controller", keepsZero: true),
      7: .bool("blockOwnerDeletion", keepsZero: true),
    ])

  static let managedFieldsEntry = ProtoMessage(
    "k8s.io.apimachinery.pkg.apis.meta.v1.ManagedFieldsEntry",
    [
      1: .string("manager"),
      2: .string("operation"),
      3: .string("apiVersion"),
      4: .time("time"),
      6: .string("fieldsType"),
      7: .fieldsV1("fieldsV1"),
      8: .string("subresource"),
    ])

  static let labelSelector = ProtoMessage(
    "k8s.io.apimachinery.pkg.apis.meta.v1.LabelSelector",
    [
      1: .stringMap("matchLabels"),
      2: .list("matchExpressions", labelSelectorRequirement),
    ])

  static let labelSelectorRequirement = ProtoMessage(
    "k8s.io.apimachinery.pkg.apis.meta.v1.LabelSelectorRequirement",
    [
      1: .string("key", keepsZero: true),
      2: .string("operator", keepsZero: true),
      3: .strings("values"),
    ])

  /// `metav1.Condition`, as Service status uses it.
  static let condition = ProtoMessage(
    "k8s.io.apimachinery.pkg.apis.meta.v1.Condition",
    [
      1: .string("type", keepsZero: true),
      2: .string("status", keepsZero: true),
      3: .int64("observedGeneration"),
      4: .time("lastTransitionTime"),
      5: .string("reason", keepsZero: true),
      6: .string("message", keepsZero: true),
    ])
}
