/// The fields of Argo Rollouts' analysis objects: `AnalysisTemplate` and
/// `ClusterAnalysisTemplate`, and the analysis blocks a Rollout's strategy holds. Known here means
/// "Argo has it": whether `rollout` supports it is `AnalysisSupport`'s to say.
extension KnownFields {
  /// A list of `{name: value}`-like entries with exactly these keys, all scalars.
  private static func fields(_ names: [String]) -> FieldSchema {
    .object(Dictionary(uniqueKeysWithValues: names.map { ($0, FieldSchema.any) }))
  }

  static let webHeaders: FieldSchema = .list(fields(["key", "value"]))

  /// A template's argument: a value, or where it comes from.
  static let templateArgument: FieldSchema = .object([
    "name": .any, "value": .any,
    "valueFrom": .object([
      "secretKeyRef": fields(["name", "key"]), "fieldRef": fields(["fieldPath"]),
      "podTemplateHashValue": .any,
    ]),
  ])

  static let prometheusProvider: FieldSchema = .object([
    "address": .any, "query": .any, "timeout": .any, "insecure": .any, "headers": webHeaders,
    "authentication": .object(["sigv4": .any, "oauth2": .any]),
  ])

  static let webProvider: FieldSchema = .object([
    "url": .any, "method": .any, "headers": webHeaders, "body": .any, "jsonBody": .any,
    "jsonPath": .any, "timeoutSeconds": .any, "insecure": .any,
    "authentication": .object(["oauth2": .any]),
  ])

  /// Providers Argo has and `rollout` does not (yet): their insides are not checked.
  static let foreignProviders = [
    "kayenta", "datadog", "wavefront", "newRelic", "job", "cloudWatch", "graphite", "influxdb",
    "skywalking", "plugin",
  ]

  static let metricProvider: FieldSchema = {
    var providers = Dictionary(
      uniqueKeysWithValues: foreignProviders.map { ($0, FieldSchema.any) })
    providers["prometheus"] = prometheusProvider
    providers["web"] = webProvider
    providers["simulated"] = fields(["metric"])
    return .object(providers)
  }()

  static let metric: FieldSchema = {
    var schema = [
      "name", "interval", "initialDelay", "count", "successCondition", "failureCondition",
      "failureLimit", "inconclusiveLimit", "consecutiveErrorLimit", "consecutiveSuccessLimit",
    ].reduce(into: [String: FieldSchema]()) { $0[$1] = .any }
    schema["provider"] = metricProvider
    return .object(schema)
  }()

  static let analysisTemplateSpec: FieldSchema = .object([
    "metrics": .list(metric), "args": .list(templateArgument),
    "dryRun": .list(fields(["metricName"])),
    "measurementRetention": .list(fields(["metricName", "limit"])),
    "templates": .list(fields(["templateName", "clusterScope"])),
  ])

  static let analysisTemplate = object(spec: analysisTemplateSpec)

  /// A Rollout's reference to templates (`steps[].analysis`, `prePromotionAnalysis`, …).
  static let rolloutAnalysis: FieldSchema = .object(rolloutAnalysisFields)

  /// The canary's background analysis: a `rolloutAnalysis` with `startingStep`.
  static let backgroundAnalysis: FieldSchema = {
    var schema = rolloutAnalysisFields
    schema["startingStep"] = .any
    return .object(schema)
  }()

  private static let rolloutAnalysisFields: [String: FieldSchema] = [
    "templates": .list(fields(["templateName", "clusterScope"])),
    "args": .list(
      .object([
        "name": .any, "value": .any,
        "valueFrom": .object([
          "podTemplateHashValue": .any, "fieldRef": fields(["fieldPath"]),
        ]),
      ])),
    "dryRun": .list(fields(["metricName"])),
    "measurementRetention": .list(fields(["metricName", "limit"])),
    "analysisRunMetadata": fields(["labels", "annotations"]),
  ]
}
