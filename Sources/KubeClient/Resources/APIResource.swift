import Foundation

/// One kind of object an API server serves, and where: `/api/v1/...` for the core group,
/// `/apis/GROUP/VERSION/...` for the others.
public struct APIResource: Sendable, Hashable, CustomStringConvertible {
  /// The API group; empty for the core group.
  public var group: String
  public var version: String
  /// The path segment (`replicasets`).
  public var plural: String
  public var kind: String
  public var namespaced: Bool

  public init(group: String, version: String, plural: String, kind: String, namespaced: Bool = true)
  {
    self.group = group
    self.version = version
    self.plural = plural
    self.kind = kind
    self.namespaced = namespaced
  }

  /// `apps/v1`, or `v1` for the core group.
  public var apiVersion: String { group.isEmpty ? version : "\(group)/\(version)" }

  /// `replicasets.apps`, as RBAC and kubectl name it.
  public var description: String { group.isEmpty ? plural : "\(plural).\(group)" }

  /// The path of the collection (`name` nil) or of one object, with an optional subresource.
  /// `namespace` nil on a namespaced resource means every namespace.
  public func path(namespace: String?, name: String? = nil, subresource: String? = nil) -> String {
    var path = group.isEmpty ? "/api/\(version)" : "/apis/\(group)/\(version)"
    if namespaced, let namespace { path += "/namespaces/\(Self.escape(namespace))" }
    path += "/\(plural)"
    if let name { path += "/\(Self.escape(name))" }
    if let subresource { path += "/\(subresource)" }
    return path
  }

  private static func escape(_ segment: String) -> String {
    segment.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"]))
      ?? segment
  }

  public static let rollouts = APIResource(
    group: "argoproj.io", version: "v1alpha1", plural: "rollouts", kind: "Rollout")
  public static let replicaSets = APIResource(
    group: "apps", version: "v1", plural: "replicasets", kind: "ReplicaSet")
  public static let deployments = APIResource(
    group: "apps", version: "v1", plural: "deployments", kind: "Deployment")
  public static let configMaps = APIResource(
    group: "", version: "v1", plural: "configmaps", kind: "ConfigMap")
  public static let services = APIResource(
    group: "", version: "v1", plural: "services", kind: "Service")
  public static let pods = APIResource(group: "", version: "v1", plural: "pods", kind: "Pod")
  public static let events = APIResource(group: "", version: "v1", plural: "events", kind: "Event")
  public static let leases = APIResource(
    group: "coordination.k8s.io", version: "v1", plural: "leases", kind: "Lease")
  public static let namespaces = APIResource(
    group: "", version: "v1", plural: "namespaces", kind: "Namespace", namespaced: false)
}
