import Engine

/// Checks a Deployment as the API server would, for the fields the engine models, and returns
/// every violation (empty when valid):
///
/// - `metadata.name` present and a DNS-1123 subdomain; `metadata.namespace`, if set, a DNS-1123
///   label.
/// - `spec.selector` non-empty and matching `spec.template.metadata.labels`.
/// - `spec.replicas`, `spec.minReadySeconds`, `spec.revisionHistoryLimit` >= 0.
/// - `spec.progressDeadlineSeconds` (default 600) > `spec.minReadySeconds`.
/// - at least one container, each with a `name` and an `image`.
/// - `spec.strategy.type` `RollingUpdate` or `Recreate`; no `rollingUpdate` with `Recreate`;
///   `maxSurge`/`maxUnavailable` an int >= 0 or `"N%"` (unavailable at most 100%), not both 0.
public func validate(deployment: Deployment) -> [FieldViolation] {
  var problems: [FieldViolation] = []
  problems += validateMetadata(deployment.metadata)
  let spec = deployment.spec

  if spec.selector.isEmpty {
    problems.append(FieldViolation("spec.selector", "must be non-empty"))
  } else if !spec.selector.matches(spec.template.labels) {
    problems.append(
      FieldViolation("spec.template.metadata.labels", "selector does not match template labels"))
  }
  problems += nonNegative(spec.replicas, "spec.replicas")
  problems += nonNegative(spec.minReadySeconds, "spec.minReadySeconds")
  problems += nonNegative(spec.revisionHistoryLimit, "spec.revisionHistoryLimit")
  if spec.effectiveProgressDeadlineSeconds <= spec.effectiveMinReadySeconds {
    let given = spec.progressDeadlineSeconds.map(String.init) ?? "600 (the default)"
    problems.append(
      FieldViolation(
        "spec.progressDeadlineSeconds",
        "must be greater than minReadySeconds (\(spec.effectiveMinReadySeconds)), got \(given)"))
  }
  problems += validateContainers(spec.template.spec)
  problems += validateStrategy(spec.strategy)
  return problems
}

/// `metadata.name` a DNS-1123 subdomain and `metadata.namespace`, if set, a DNS-1123 label.
func validateMetadata(_ metadata: ObjectMeta) -> [FieldViolation] {
  var problems: [FieldViolation] = []
  if metadata.name.isEmpty {
    problems.append(FieldViolation("metadata.name", "must be non-empty"))
  } else if !isDNS1123Subdomain(metadata.name) {
    problems.append(
      FieldViolation(
        "metadata.name",
        "\"\(metadata.name)\" is not a lowercase RFC 1123 subdomain: it must consist of lower case "
          + "alphanumeric characters, '-' or '.', and start and end with an alphanumeric "
          + "character (e.g. 'web' or 'api.v2'), at most 253 characters"))
  }
  if let namespace = metadata.namespace, !isDNS1123Label(namespace) {
    problems.append(
      FieldViolation(
        "metadata.namespace",
        "\"\(namespace)\" is not a lowercase RFC 1123 label: it must consist of lower case "
          + "alphanumeric characters or '-', and start and end with an alphanumeric character, "
          + "at most 63 characters"))
  }
  return problems
}

private func nonNegative(_ value: Int?, _ path: String) -> [FieldViolation] {
  guard let value, value < 0 else { return [] }
  return [FieldViolation(path, "must be greater than or equal to 0, got \(value)")]
}

private func validateContainers(_ podSpec: JSONValue) -> [FieldViolation] {
  let path = "spec.template.spec.containers"
  guard let containers = podSpec["containers"]?.arrayValue, !containers.isEmpty else {
    return [FieldViolation(path, "must be non-empty")]
  }
  var problems: [FieldViolation] = []
  for (index, container) in containers.enumerated() {
    for field in ["name", "image"] where (container[field]?.stringValue ?? "").isEmpty {
      problems.append(FieldViolation("\(path)[\(index)].\(field)", "must be non-empty"))
    }
  }
  return problems
}

private func validateStrategy(_ strategy: DeploymentStrategy?) -> [FieldViolation] {
  guard let strategy else { return [] }
  var problems: [FieldViolation] = []
  let type = strategy.type ?? DeploymentStrategy.rollingUpdateType
  switch type {
  case DeploymentStrategy.rollingUpdateType:
    break
  case DeploymentStrategy.recreateType:
    if strategy.rollingUpdate != nil {
      problems.append(
        FieldViolation(
          "spec.strategy.rollingUpdate", "may not be specified when strategy type is 'Recreate'"))
    }
    return problems
  default:
    problems.append(
      FieldViolation(
        "spec.strategy.type", "must be \"RollingUpdate\" or \"Recreate\", got \"\(type)\""))
    return problems
  }
  guard let rolling = strategy.rollingUpdate else { return problems }
  let path = "spec.strategy.rollingUpdate"
  let surge = rolling.maxSurge.map { checkFencepost($0, "\(path).maxSurge", maxPercent: nil) }
  let unavailable = rolling.maxUnavailable.map {
    checkFencepost($0, "\(path).maxUnavailable", maxPercent: 100)
  }
  problems += surge?.problems ?? []
  problems += unavailable?.problems ?? []
  if surge?.isZero == true && unavailable?.isZero == true {
    problems.append(FieldViolation("\(path).maxUnavailable", "may not be 0 when maxSurge is 0"))
  }
  return problems
}

/// Upstream `ValidatePositiveIntOrPercent` and `IsNotMoreThan100Percent`.
private func checkFencepost(_ value: IntOrString, _ path: String, maxPercent: Int?) -> (
  problems: [FieldViolation], isZero: Bool
) {
  switch parseIntOrPercent(value) {
  case .invalid:
    return (
      [
        FieldViolation(
          path, "must be an integer >= 0 or a percentage such as \"25%\", got \"\(value)\"")
      ], false
    )
  case .count(let n) where n < 0, .percent(let n) where n < 0:
    return ([FieldViolation(path, "must be greater than or equal to 0, got \(value)")], false)
  case .percent(let n) where maxPercent.map({ n > $0 }) == true:
    return ([FieldViolation(path, "must not be greater than 100%, got \(value)")], false)
  case .count(let n), .percent(let n):
    return ([], n == 0)
  }
}

/// `[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*`, at most 253 characters.
func isDNS1123Subdomain(_ text: String) -> Bool {
  text.count <= 253
    && text.split(separator: ".", omittingEmptySubsequences: false).allSatisfy {
      isDNS1123Label(String($0), maxLength: 253)
    }
}

/// `[a-z0-9]([-a-z0-9]*[a-z0-9])?`, at most 63 characters.
func isDNS1123Label(_ text: String, maxLength: Int = 63) -> Bool {
  func alphanumeric(_ c: Character) -> Bool { c.isASCII && (c.isLowercase || c.isNumber) }
  guard let first = text.first, let last = text.last, text.count <= maxLength else { return false }
  return alphanumeric(first) && alphanumeric(last)
    && text.allSatisfy { alphanumeric($0) || $0 == "-" }
}
