/// How kube-apiserver names the operations of one resource: `listAppsV1NamespacedDeployment`,
/// `deleteCoreV1CollectionNamespacedPod`, `readCoreV1Namespace`,
/// `listArgoprojIoV1alpha1RolloutForAllNamespaces`.
struct OperationNames {
  /// `AppsV1`, `CoreV1`, `CoordinationV1`, `ArgoprojIoV1alpha1`.
  let groupVersion: String
  /// `apps_v1`, `core_v1`, `argoproj_io_v1alpha1`.
  let tag: String
  let kind: String
  let namespaced: Bool

  init(_ type: ResourceType) {
    let group =
      type.group.isEmpty
      ? "core"
      : type.group.hasSuffix(".k8s.io") ? String(type.group.dropLast(".k8s.io".count)) : type.group
    let words = group.split(whereSeparator: { $0 == "." || $0 == "-" }).map(String.init)
    groupVersion = (words + [type.version]).map(Self.capitalized).joined()
    tag = (words + [type.version]).joined(separator: "_")
    kind = type.kind
    namespaced = type.namespaced
  }

  private static func capitalized(_ word: String) -> String {
    word.prefix(1).uppercased() + word.dropFirst()
  }

  /// `<verb><GroupVersion>[Collection][Namespaced]<Kind><suffix>`.
  func id(_ verb: String, collection: Bool = false, suffix: String = "") -> String {
    verb + groupVersion + (collection ? "Collection" : "") + (namespaced ? "Namespaced" : "")
      + kind + suffix
  }

  /// `list<GroupVersion><Kind>ForAllNamespaces`.
  var allNamespacesID: String { "list\(groupVersion)\(kind)ForAllNamespaces" }
}
