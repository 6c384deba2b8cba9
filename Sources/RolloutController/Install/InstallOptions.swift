/// What `rollout install` lets an admin choose: where the controller runs, its image, and the
/// port it serves metrics and health checks on. Everything else in the manifests is fixed.
public struct InstallOptions: Sendable, Hashable {
  public static let defaultNamespace = "rollout-system"
  public static let defaultImage = "rollout:latest"
  public static let defaultMetricsPort = 8090

  /// The namespace of the ServiceAccount, Deployment and metrics Service (made by the manifests).
  public var namespace: String
  /// The controller's container image, as a pod's `image` field takes it.
  public var image: String
  /// The container port of `/metrics`, `/healthz` and `/readyz`.
  public var metricsPort: Int

  public init(
    namespace: String = defaultNamespace, image: String = defaultImage,
    metricsPort: Int = defaultMetricsPort
  ) {
    self.namespace = namespace
    self.image = image
    self.metricsPort = metricsPort
  }

  /// Checks each option as the API server would check the field it lands in, so that bad
  /// input fails here, naming the flag, rather than half-applied on the cluster.
  public func validate() throws(InstallOptionsError) {
    if let problem = Self.namespaceProblem(namespace) {
      throw InstallOptionsError(flag: "--namespace", value: namespace, problem: problem)
    }
    if image.isEmpty || image.contains(where: \.isWhitespace) {
      throw InstallOptionsError(
        flag: "--image", value: image, problem: "an image reference has no spaces and is not empty")
    }
    guard (1...65_535).contains(metricsPort) else {
      throw InstallOptionsError(
        flag: "--metrics-port", value: String(metricsPort), problem: "must be in 1...65535")
    }
  }

  /// Why `name` is not a namespace name (an RFC 1123 label), or nil when it is one.
  static func namespaceProblem(_ name: String) -> String? {
    let allowed = name.unicodeScalars.allSatisfy { scalar in
      ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "-"
    }
    guard !name.isEmpty, name.count <= 63, allowed, name.first != "-", name.last != "-" else {
      return "a namespace is at most 63 lowercase letters, digits and '-', "
        + "starting and ending with a letter or digit"
    }
    return nil
  }
}

/// A `rollout install` option the cluster would refuse.
public struct InstallOptionsError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The flag at fault (`--namespace`).
  public var flag: String
  public var value: String
  public var problem: String

  public var description: String { "\(flag) \(value): \(problem)" }
}
