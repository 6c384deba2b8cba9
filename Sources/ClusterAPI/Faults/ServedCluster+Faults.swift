/// Injecting `APIFaults` into a served cluster's answers.
extension ServedCluster {
  /// Injects `faults` from now on (nil: none).
  public func inject(_ faults: APIFaults?) {
    self.faults = faults
    dice = FaultDice(seed: faults?.seed ?? 1)
  }

  /// Wall seconds since the server started.
  var elapsed: Double {
    let duration = ContinuousClock.now - wallStart
    return Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
  }

  /// Whether `request` is one the faults are for: a resource request (not discovery) from the
  /// agent they name.
  func appliesFaults(to request: APIRequest) -> Bool {
    guard let faults else { return false }
    if let agent = faults.agent, !(request.userAgent ?? "").hasPrefix(agent) { return false }
    guard let parsed = RequestPath(request.path) else { return false }
    return !parsed.resource.isEmpty
  }

  /// The fault answer `request` gets instead of being carried out, if any.
  func injectedFault(_ request: APIRequest) -> APIResponse? {
    guard let faults, appliesFaults(to: request) else { return nil }
    if faults.outage(at: elapsed) != nil {
      return state.body(
        503,
        APIError(
          code: 503, reason: "ServiceUnavailable",
          message: "injected outage: the server is unavailable"
        ).status)
    }
    if let refusal = forbidden(request, faults) { return refusal }
    if dice.roll(faults.errors) {
      return state.body(
        500,
        APIError(code: 500, reason: "InternalError", message: "injected internal error").status)
    }
    if ["POST", "PUT", "PATCH", "DELETE"].contains(request.method), dice.roll(faults.conflicts) {
      return state.body(
        409,
        APIError(
          code: 409, reason: "Conflict",
          message:
            "Operation cannot be fulfilled: the object has been modified; please apply your changes to the latest version and try again (injected)"
        ).status)
    }
    return nil
  }

  /// 403 for a verb `faults` forbids, worded as the API server's authorizer words it.
  private func forbidden(_ request: APIRequest, _ faults: APIFaults) -> APIResponse? {
    guard !faults.forbidden.isEmpty, let parsed = RequestPath(request.path) else { return nil }
    let verb: String
    switch request.method {
    case "GET":
      verb =
        request.query["watch"] == "true" || request.query["watch"] == "1"
        ? "watch" : parsed.name == nil ? "list" : "get"
    case "POST": verb = "create"
    case "PUT": verb = "update"
    case "PATCH": verb = "patch"
    case "DELETE": verb = "delete"
    default: return nil
    }
    let resource = parsed.resource + (parsed.subresource.map { "/\($0)" } ?? "")
    guard
      faults.forbidden.contains(where: {
        ($0.verb == verb || $0.verb == "*") && $0.resource == resource
      })
    else { return nil }
    let group = parsed.group
    let qualified = group.isEmpty ? parsed.resource : "\(parsed.resource).\(group)"
    let subject =
      parsed.name.map { "\(qualified) \"\($0)\" is forbidden" } ?? "\(qualified) is forbidden"
    let scope = parsed.namespace.map { " in the namespace \"\($0)\"" } ?? " at the cluster scope"
    return state.body(
      403,
      APIError(
        code: 403, reason: "Forbidden",
        message:
          "\(subject): User \"rollout-serve\" cannot \(verb) resource \"\(resource)\" in API group \"\(group)\"\(scope)"
      ).status)
  }
}
