import Engine

/// Argo's `spec.workloadRef`: a Rollout that takes its pod template (and, when it has none, its
/// selector) from an existing Deployment, which it then scales down as `scaleDown` says:
/// `never`, `onsuccess` (to 0 once the Rollout is Healthy) or `progressively` (by as many pods
/// as the Rollout has available).
struct WorkloadRef: Sendable, Equatable {
  var name: String
  var scaleDown: ScaleDown

  enum ScaleDown: String, Sendable {
    case never, onsuccess, progressively
  }

  /// The reference of a Rollout object, if it has one; a reference to anything but an
  /// `apps/v1` Deployment, or an unknown `scaleDown`, is an error naming the field.
  static func of(_ rollout: JSONValue) throws -> WorkloadRef? {
    guard let reference = rollout["spec"]?["workloadRef"], reference != .null else { return nil }
    let kind = reference["kind"]?.stringValue ?? ""
    let apiVersion = reference["apiVersion"]?.stringValue ?? ""
    guard kind == "Deployment", apiVersion == "apps/v1" else {
      throw RolloutObject.Invalid(
        description:
          "spec.workloadRef: \(apiVersion.isEmpty ? "" : apiVersion + " ")\(kind.isEmpty ? "(no kind)" : kind) is not supported: an apps/v1 Deployment is"
      )
    }
    guard let name = reference["name"]?.stringValue, !name.isEmpty else {
      throw RolloutObject.Invalid(description: "spec.workloadRef.name: Required value")
    }
    let text = reference["scaleDown"]?.stringValue ?? "never"
    guard let scaleDown = ScaleDown(rawValue: text) else {
      throw RolloutObject.Invalid(
        description:
          "spec.workloadRef.scaleDown: \"\(text)\": one of never, onsuccess, progressively")
    }
    return WorkloadRef(name: name, scaleDown: scaleDown)
  }

  /// The Rollout with the Deployment's template (and selector, if it has none) in place of the
  /// reference, as the engine reads it.
  static func resolved(_ rollout: JSONValue, deployment: JSONValue) -> JSONValue {
    var object = rollout
    object["spec"]?["workloadRef"] = nil
    object["spec"]?["template"] = deployment["spec"]?["template"]
    if object["spec"]?["selector"] == nil {
      object["spec"]?["selector"] = deployment["spec"]?["selector"]
    }
    return object
  }

  /// The Deployment's size once the Rollout is where `status` says (nil: leave it).
  func deploymentReplicas(current: Int, rolloutReplicas: Int, status: JSONValue?) -> Int? {
    let target: Int
    switch scaleDown {
    case .never: return nil
    case .onsuccess:
      guard status?["phase"] == "Healthy" else { return nil }
      target = 0
    case .progressively:
      let available = status?["availableReplicas"]?.intValue ?? 0
      target = max(0, rolloutReplicas - available)
    }
    return target < current ? target : nil
  }
}
