/// The metadata every API object carries (`metav1.ObjectMeta`), reduced to the fields the
/// engine reads or writes. Unknown fields in a manifest are tolerated and dropped.
///
/// Times are seconds on the cluster clock (virtual seconds on the simulated cluster).
public struct ObjectMeta: Sendable, Hashable, Codable {
  public var name: String
  public var namespace: String?
  public var uid: String?
  public var labels: [String: String]?
  public var annotations: [String: String]?
  public var generation: Int?
  public var resourceVersion: Int?
  public var creationTimestamp: Double?
  public var deletionTimestamp: Double?
  public var ownerReferences: [OwnerReference]?

  public init(
    name: String, namespace: String? = nil, labels: [String: String]? = nil,
    annotations: [String: String]? = nil
  ) {
    self.name = name
    self.namespace = namespace
    self.labels = labels
    self.annotations = annotations
  }

  /// The namespace, with Kubernetes' default.
  public var effectiveNamespace: String { namespace ?? "default" }

  /// The annotation `key`, or nil.
  public func annotation(_ key: String) -> String? { annotations?[key] }

  /// Sets or removes the annotation `key`.
  public mutating func setAnnotation(_ key: String, _ value: String?) {
    var all = annotations ?? [:]
    all[key] = value
    annotations = all.isEmpty ? nil : all
  }
}

/// Who owns an object: a ReplicaSet is owned by its Deployment, a pod by its ReplicaSet.
public struct OwnerReference: Sendable, Hashable, Codable {
  public var apiVersion: String
  public var kind: String
  public var name: String
  public var uid: String?
  public var controller: Bool?

  public init(apiVersion: String, kind: String, name: String, uid: String?, controller: Bool = true)
  {
    self.apiVersion = apiVersion
    self.kind = kind
    self.name = name
    self.uid = uid
    self.controller = controller
  }
}
