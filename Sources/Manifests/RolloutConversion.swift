import Engine
import Foundation
import Yams

/// Argo Rollouts' `Rollout` (argoproj.io/v1alpha1), read as a Deployment run by the stock
/// `canary` or `blue-green` strategy: the pod spec, selector and the rest are a Deployment's;
/// `spec.strategy.canary` or `spec.strategy.blueGreen` become the strategy's parameters, and
/// the canary's `maxSurge`/`maxUnavailable` its fenceposts. Analysis blocks (`steps[].analysis`,
/// the canary's background `analysis`, blue-green's `prePromotionAnalysis` and
/// `postPromotionAnalysis`) are passed on as Argo writes them. Fields rollout does not support
/// yet are reported as warnings naming the field and left out, never silently ignored.
enum RolloutConversion {
  /// Parameters each stock strategy reads, by Argo's names.
  static let canaryFields: Set<String> = [
    "steps", "maxSurge", "maxUnavailable", "canaryService", "stableService", "analysis",
  ]
  static let blueGreenFields: Set<String> = [
    "activeService", "previewService", "previewReplicaCount", "autoPromotionEnabled",
    "autoPromotionSeconds", "scaleDownDelaySeconds", "abortScaleDownDelaySeconds",
    "prePromotionAnalysis", "postPromotionAnalysis",
  ]
  static let stepFields: Set<String> = ["setWeight", "pause", "setCanaryScale", "analysis"]
  /// Fields of `spec` a Deployment does not have.
  static let unsupportedSpecFields = ["workloadRef", "analysis", "restartAt", "rollbackWindow"]

  /// The Rollout as a Deployment (kind and apiVersion kept), plus warnings.
  static func decode(_ node: Node) throws -> (Deployment, [String]) {
    let strategy = (try? YAMLDecoder().decode(JSONValue.self, from: node))?["spec"]?["strategy"]
    var warnings: [String] = []
    var name: String
    var params: [String: JSONValue] = [:]
    var rolling: [String: JSONValue] = [:]
    if let canary = strategy?["canary"]?.objectValue {
      name = "canary"
      // maxSurge and maxUnavailable are the fenceposts below, not parameters.
      params = canary.filter {
        canaryFields.contains($0.key) && !["maxSurge", "maxUnavailable"].contains($0.key)
      }
      warnings += unsupported(canary, known: canaryFields, at: "spec.strategy.canary")
      let path = "spec.strategy.canary"
      warnings += supportedAnalysis(
        in: &params, "analysis", background: true, at: "\(path).analysis")
      if let steps = canary["steps"]?.arrayValue {
        var kept: [JSONValue] = []
        for (index, step) in steps.enumerated() {
          guard var fields = step.objectValue else {
            kept.append(step)
            continue
          }
          let stepPath = "\(path).steps[\(index)]"
          warnings += unsupported(fields, known: stepFields, at: stepPath)
          warnings += supportedAnalysis(
            in: &fields, "analysis", background: false, at: "\(stepPath).analysis")
          kept.append(.object(fields))
        }
        params["steps"] = .array(kept)
      }
      rolling["maxSurge"] = canary["maxSurge"] ?? "25%"
      rolling["maxUnavailable"] = canary["maxUnavailable"] ?? "25%"
    } else if let blueGreen = strategy?["blueGreen"]?.objectValue {
      name = "blue-green"
      params = blueGreen.filter { blueGreenFields.contains($0.key) }
      warnings += unsupported(blueGreen, known: blueGreenFields, at: "spec.strategy.blueGreen")
      for field in ["prePromotionAnalysis", "postPromotionAnalysis"] {
        warnings += supportedAnalysis(
          in: &params, field, background: false, at: "spec.strategy.blueGreen.\(field)")
      }
      rolling = ["maxSurge": "100%", "maxUnavailable": 0]
    } else {
      throw DecodingError.dataCorrupted(
        DecodingError.Context(
          codingPath: [Key("spec"), Key("strategy")],
          debugDescription: "a Rollout needs spec.strategy.canary or spec.strategy.blueGreen"))
    }
    let spec = node.member("spec")
    for field in unsupportedSpecFields where spec?.member(field) != nil {
      warnings.append(UnsupportedFields.warning("spec.\(field)"))
    }
    let strategyNode = try Node(
      JSONValue.object(["type": "RollingUpdate", "rollingUpdate": .object(rolling)]))
    let converted = node.setting(
      "spec", (spec ?? Node([(Node, Node)]())).setting("strategy", strategyNode))
    var deployment = try YAMLDecoder().decode(Deployment.self, from: converted)
    deployment.apiVersion = "argoproj.io/v1alpha1"
    deployment.kind = "Rollout"
    deployment.metadata.namespace = deployment.metadata.namespace ?? "default"
    if deployment.metadata.annotation(Annotations.strategy) == nil {
      deployment.metadata.setAnnotation(Annotations.strategy, name)
    }
    var merged = (try? deployment.strategyParameters())?.objectValue ?? [:]
    merged.merge(params) { _, spec in spec }
    if !merged.isEmpty { deployment.setStrategyParams(.object(merged)) }
    return (deployment, warnings)
  }

  /// Warnings for the keys of `fields` not in `known`, sorted.
  private static func unsupported(
    _ fields: [String: JSONValue], known: Set<String>, at path: String
  )
    -> [String]
  {
    fields.keys.filter { !known.contains($0) }.sorted().map {
      UnsupportedFields.warning("\(path).\($0)")
    }
  }

  /// Removes the fields of the analysis block `fields[key]` rollout does not support yet (its
  /// `dryRun`, `measurementRetention`, `analysisRunMetadata`, an argument's `secretKeyRef`) and
  /// returns a warning for each.
  private static func supportedAnalysis(
    in fields: inout [String: JSONValue], _ key: String, background: Bool, at path: String
  ) -> [String] {
    guard let block = fields[key] else { return [] }
    let (kept, found) = UnsupportedFields.split(
      block, known: background ? KnownFields.backgroundAnalysis : KnownFields.rolloutAnalysis,
      supported: background ? AnalysisSupport.backgroundAnalysis : AnalysisSupport.rolloutAnalysis,
      path: path)
    fields[key] = kept
    return found.map(UnsupportedFields.warning)
  }

  private struct Key: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ value: String) { stringValue = value }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
  }
}

extension Node {
  /// A YAML node for a JSON value.
  init(_ value: JSONValue) throws {
    switch value {
    case .null: self = Node("null", Tag(.null))
    case .bool(let flag): self = Node(flag ? "true" : "false", Tag(.bool))
    case .int(let number): self = Node(String(number), Tag(.int))
    case .double(let number): self = Node(String(number), Tag(.float))
    case .string(let text): self = Node(text, Tag(.str))
    case .array(let items): self = Node(try items.map { try Node($0) })
    case .object(let members):
      self = Node(try members.sorted { $0.key < $1.key }.map { (Node($0.key), try Node($0.value)) })
    }
  }
}
