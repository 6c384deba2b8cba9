/// The parts of Argo Rollouts' analysis objects `rollout` reads: the rest of `KnownFields`'
/// analysis schemas is reported as "not supported yet" (`UnsupportedFields`).
enum AnalysisSupport {
  /// The providers `rollout` can measure with.
  static let providers = ["prometheus", "web", "simulated"]

  private static func fields(_ names: [String]) -> FieldSchema {
    .object(Dictionary(uniqueKeysWithValues: names.map { ($0, FieldSchema.any) }))
  }

  /// An argument a template declares or a Rollout passes: a value or where it comes from.
  static let argument: FieldSchema = .object([
    "name": .any, "value": .any,
    "valueFrom": fields(["podTemplateHashValue", "fieldRef"]),
  ])

  static let metric: FieldSchema = .object([
    "name": .any, "interval": .any, "initialDelay": .any, "count": .any,
    "successCondition": .any, "failureCondition": .any, "failureLimit": .any,
    "inconclusiveLimit": .any, "consecutiveErrorLimit": .any,
    "provider": .object([
      "prometheus": fields(["address", "query", "timeout", "headers"]),
      "web": fields([
        "url", "method", "headers", "body", "jsonBody", "jsonPath", "timeoutSeconds", "insecure",
      ]),
      "simulated": .any,
    ]),
  ])

  /// `AnalysisTemplate` and `ClusterAnalysisTemplate`.
  static let analysisTemplate = KnownFields.object(
    spec: .object(["metrics": .list(metric), "args": .list(argument)]))

  /// A Rollout's analysis block (`steps[].analysis`, `prePromotionAnalysis`, …).
  static let rolloutAnalysis: FieldSchema = .object([
    "templates": .any, "args": .list(argument),
  ])

  /// The canary's background `analysis`.
  static let backgroundAnalysis: FieldSchema = .object([
    "templates": .any, "args": .list(argument), "startingStep": .any,
  ])
}
