import Foundation

extension Annotations {
  /// The AnalysisTemplates a rollout's strategy references, as JSON: copied from the manifests
  /// when the rollout is applied, so they travel with the object.
  public static let analysisTemplates = "rollout.dev/analysis-templates"
}

extension Deployment {
  /// The AnalysisTemplates recorded on the Deployment (none when the annotation is absent).
  public func analysisTemplates() throws(AnalysisSetupError) -> [AnalysisTemplate] {
    guard let text = metadata.annotation(Annotations.analysisTemplates), !text.isEmpty else {
      return []
    }
    do {
      return try JSONDecoder().decode([AnalysisTemplate].self, from: Data(text.utf8))
    } catch {
      throw AnalysisSetupError(
        "metadata.annotations[\(Annotations.analysisTemplates)]: not a list of AnalysisTemplates: \(error)"
      )
    }
  }

  /// Records `templates` (sorted by kind and name, so the same set is the same text).
  public mutating func setAnalysisTemplates(_ templates: [AnalysisTemplate]) {
    guard !templates.isEmpty else {
      metadata.annotations?[Annotations.analysisTemplates] = nil
      return
    }
    let sorted = templates.sorted { ($0.kind, $0.metadata.name) < ($1.kind, $1.metadata.name) }
    metadata.setAnnotation(Annotations.analysisTemplates, JSONValue.encoded(sorted).compactJSON)
  }
}
