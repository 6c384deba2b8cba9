import Engine
import Yams

/// Several field violations at once, from a kind's decoding: the loader reports each.
struct FieldViolations: Error {
  var violations: [FieldViolation]
}

extension ManifestKind {
  /// Argo Rollouts' `AnalysisTemplate`: namespaced, `metadata.namespace` defaults to `default`.
  static let analysisTemplate = analysis(kind: "AnalysisTemplate")

  /// Argo Rollouts' `ClusterAnalysisTemplate`: cluster-scoped, any namespace is dropped.
  static let clusterAnalysisTemplate = analysis(kind: "ClusterAnalysisTemplate")

  private static func analysis(kind: String) -> ManifestKind {
    ManifestKind(
      kind: kind, apiVersions: ["argoproj.io/v1alpha1"],
      requiredMaps: [["metadata"], ["spec"]], requiredStrings: [["metadata", "name"]],
      schema: KnownFields.analysisTemplate,
      decode: { node in try AnalysisTemplateReading.read(node, kind: kind) },
      validate: { _ in [] })
  }
}

/// Reads an analysis template: every problem of the document (metadata and spec) at once, then
/// the typed template and a warning for each field `rollout` does not support yet.
enum AnalysisTemplateReading {
  static func read(_ node: Node, kind: String) throws -> (ManifestObject, [String]) {
    let document = try YAMLDecoder().decode(JSONValue.self, from: node)
    let metadata = try YAMLDecoder().decode(
      ObjectMeta.self, from: node.member("metadata") ?? Node([(Node, Node)]()))
    let clusterScoped = kind == "ClusterAnalysisTemplate"
    var metadataProblems = validateMetadata(metadata)
    if clusterScoped {
      metadataProblems.removeAll { $0.path == "metadata.namespace" }
    }
    let problems = metadataProblems + AnalysisTemplateValidation.problems(in: document["spec"])
    guard problems.isEmpty else { throw FieldViolations(violations: problems) }

    var template = try YAMLDecoder().decode(AnalysisTemplate.self, from: node)
    template.metadata.namespace = clusterScoped ? nil : (template.metadata.namespace ?? "default")
    for (index, metric) in (document["spec"]?["metrics"]?.arrayValue ?? []).enumerated()
    where metric["provider"]?.objectValue?.keys.contains("simulated") == true {
      // `simulated:` with nothing after it: the metric's own name.
      template.spec.metrics[index].provider.simulated =
        template.spec.metrics[index].provider.simulated ?? SimulatedMetric()
    }
    let (_, unsupported) = UnsupportedFields.split(
      document, known: KnownFields.analysisTemplate, supported: AnalysisSupport.analysisTemplate,
      path: "")
    return (.analysisTemplate(template), unsupported.map(UnsupportedFields.warning))
  }
}
