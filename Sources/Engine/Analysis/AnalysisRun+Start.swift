import Foundation

/// What an argument's `valueFrom` reads: the rollout's own fields and its ReplicaSets' hashes.
public struct ArgumentSources: Sendable, Hashable {
  public var deployment: DeploymentView
  /// `pod-template-hash` of the stable ReplicaSet (`podTemplateHashValue: Stable`).
  public var stableHash: String?
  /// `pod-template-hash` of the new ReplicaSet (`podTemplateHashValue: Latest`).
  public var latestHash: String?

  public init(deployment: DeploymentView, stableHash: String?, latestHash: String?) {
    self.deployment = deployment
    self.stableHash = stableHash
    self.latestHash = latestHash
  }
}

/// A request that cannot become a run: a template not found, an argument without a value, a
/// metric named twice. The message names the template, argument or metric.
public struct AnalysisSetupError: Error, Sendable, Hashable, CustomStringConvertible {
  public var message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}

extension AnalysisRun {
  /// The run `request` asks for: its templates' metrics, in order, with every `{{args.NAME}}`
  /// substituted.
  public static func start(
    _ request: AnalysisRequest, templates available: [AnalysisTemplate],
    sources: ArgumentSources, revision: Int, subject: String, now: Double
  ) throws(AnalysisSetupError) -> AnalysisRun {
    var metrics: [AnalysisMetric] = []
    var declared: [String: AnalysisArgument] = [:]
    var names: [String] = []
    if request.templates.isEmpty {
      throw AnalysisSetupError("analysis \"\(request.label)\": no templates")
    }
    for reference in request.templates {
      let cluster = reference.clusterScope ?? false
      guard
        let template = available.first(where: {
          $0.metadata.name == reference.templateName && $0.isClusterScoped == cluster
        })
      else {
        let kind = cluster ? "ClusterAnalysisTemplate" : "AnalysisTemplate"
        let known = available.filter { $0.isClusterScoped == cluster }.map(\.metadata.name)
        throw AnalysisSetupError(
          "analysis \"\(request.label)\": no \(kind) \"\(reference.templateName)\""
            + (known.isEmpty ? "" : " (known: \(known.sorted().joined(separator: ", ")))"))
      }
      names.append(template.metadata.name)
      for argument in template.spec.args ?? [] where declared[argument.name]?.value == nil {
        declared[argument.name] = argument
      }
      for metric in template.spec.metrics {
        if metrics.contains(where: { $0.name == metric.name }) {
          throw AnalysisSetupError(
            "analysis \"\(request.label)\": metric \"\(metric.name)\" is in two templates")
        }
        metrics.append(metric)
      }
    }
    var values: [String: String] = [:]
    for argument in request.args { declared[argument.name] = argument }
    for (name, argument) in declared {
      values[name] = try resolve(argument, sources: sources, label: request.label)
    }
    let resolved = try metrics.map { metric throws(AnalysisSetupError) in
      try substitute(values, in: metric, label: request.label)
    }
    let hash = sources.latestHash.map { "-\($0)" } ?? ""
    var run = AnalysisRun(
      name: "\(sources.deployment.name)\(hash)-\(revision)-\(request.label)",
      label: request.label, revision: revision, subject: subject, templates: names,
      metrics: resolved, enforced: request.enforced ?? true, startedAt: now)
    if request.wait == true { run.awaited = true }
    return run
  }

  private static func resolve(
    _ argument: AnalysisArgument, sources: ArgumentSources, label: String
  ) throws(AnalysisSetupError) -> String {
    if let value = argument.value { return value }
    let place = "analysis \"\(label)\": args.\(argument.name)"
    if let which = argument.valueFrom?.podTemplateHashValue {
      switch which {
      case "Stable":
        guard let hash = sources.stableHash else {
          throw AnalysisSetupError("\(place): valueFrom Stable, but there is no stable ReplicaSet")
        }
        return hash
      case "Latest":
        guard let hash = sources.latestHash else {
          throw AnalysisSetupError("\(place): valueFrom Latest, but there is no new ReplicaSet")
        }
        return hash
      default:
        throw AnalysisSetupError(
          "\(place): podTemplateHashValue must be Stable or Latest, not \"\(which)\"")
      }
    }
    if let path = argument.valueFrom?.fieldRef?.fieldPath {
      guard let value = field(path, of: sources.deployment) else {
        throw AnalysisSetupError("\(place): fieldRef \(path) is not a field rollout can read")
      }
      return value
    }
    throw AnalysisSetupError("\(place): no value (the template declares it without one)")
  }

  /// `metadata.name`, `metadata.namespace`, `metadata.labels['k']`, `metadata.annotations['k']`.
  private static func field(_ path: String, of deployment: DeploymentView) -> String? {
    switch path {
    case "metadata.name": return deployment.name
    case "metadata.namespace": return deployment.namespace
    default: break
    }
    for (prefix, map) in [
      ("metadata.labels", deployment.labels), ("metadata.annotations", deployment.annotations),
    ] where path.hasPrefix(prefix + "[") && path.hasSuffix("]") {
      let key = path.dropFirst(prefix.count + 1).dropLast()
        .trimmingCharacters(in: CharacterSet(charactersIn: "'\""))
      return map[key]
    }
    return nil
  }

  /// `metric` with `{{args.NAME}}` replaced in every string; an unknown name is an error.
  private static func substitute(
    _ values: [String: String], in metric: AnalysisMetric, label: String
  )
    throws(AnalysisSetupError) -> AnalysisMetric
  {
    let replaced = try JSONValue.encoded(metric).replacingArguments(
      values, place: "metric \"\(metric.name)\"")
    guard let encoded = try? JSONEncoder().encode(replaced),
      let result = try? JSONDecoder().decode(AnalysisMetric.self, from: encoded)
    else {
      throw AnalysisSetupError(
        "analysis \"\(label)\": metric \"\(metric.name)\" is malformed after substitution")
    }
    return result
  }
}

extension JSONValue {
  /// Every string with `{{args.NAME}}` replaced by `values[NAME]`.
  fileprivate func replacingArguments(_ values: [String: String], place: String)
    throws(AnalysisSetupError) -> JSONValue
  {
    switch self {
    case .string(let text): return .string(try text.replacingArguments(values, place: place))
    case .array(let items):
      return .array(
        try items.map { item throws(AnalysisSetupError) in
          try item.replacingArguments(values, place: place)
        })
    case .object(let members):
      var result: [String: JSONValue] = [:]
      for (key, value) in members {
        result[key] = try value.replacingArguments(values, place: place)
      }
      return .object(result)
    case .null, .bool, .int, .double: return self
    }
  }
}

extension String {
  fileprivate func replacingArguments(_ values: [String: String], place: String)
    throws(AnalysisSetupError) -> String
  {
    guard contains("{{") else { return self }
    var output = ""
    var rest = self[...]
    while let open = rest.range(of: "{{") {
      output += rest[..<open.lowerBound]
      guard let close = rest[open.upperBound...].range(of: "}}") else {
        output += rest[open.lowerBound...]
        return output
      }
      let inner = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
      if inner.hasPrefix("args.") {
        let name = String(inner.dropFirst(5))
        guard let value = values[name] else {
          throw AnalysisSetupError("\(place): {{args.\(name)}} names no argument of its template")
        }
        output += value
      } else {
        output += rest[open.lowerBound..<close.upperBound]
      }
      rest = rest[close.upperBound...]
    }
    return output + rest
  }
}
