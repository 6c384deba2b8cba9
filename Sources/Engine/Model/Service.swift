/// A `v1` Service: selects pods by labels. The engine points a Service at one version by adding
/// that ReplicaSet's `pod-template-hash` to its selector (blue-green's active and preview
/// Services); a Service without it sends traffic to every version, in proportion to ready pods.
public struct Service: Sendable, Hashable, Codable {
  public var apiVersion: String = "v1"
  public var kind: String = "Service"
  public var metadata: ObjectMeta
  public var spec: ServiceSpec

  public init(metadata: ObjectMeta, spec: ServiceSpec) {
    self.metadata = metadata
    self.spec = spec
  }

  /// The ReplicaSet hash the selector pins, if any.
  public var pinnedHash: String? { spec.selector?[Labels.podTemplateHash] }
}

/// The part of a Service spec the engine reads and writes: the selector. Ports and the rest are
/// kept as written.
public struct ServiceSpec: Sendable, Hashable, Codable {
  public var selector: [String: String]?
  public var ports: JSONValue?
  public var type: String?

  public init(selector: [String: String]?, ports: JSONValue? = nil, type: String? = nil) {
    self.selector = selector
    self.ports = ports
    self.type = type
  }
}

extension Service: ClusterObject {
  public static var kind: String { "Service" }
}
