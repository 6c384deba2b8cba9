import Engine

/// Connects a rollout to the analysis templates its strategy parameters reference, so that
/// they travel with it (the `rollout.dev/analysis-templates` annotation).
public enum AnalysisTemplates {
  /// A reference to a template in strategy parameters: an object with a string `templateName`.
  public struct Reference: Sendable, Hashable {
    /// Where it is: `params.steps[2].analysis.templates[0].templateName`.
    public var path: String
    public var templateName: String
    /// `clusterScope: true`: a `ClusterAnalysisTemplate`.
    public var clusterScope: Bool

    public init(path: String, templateName: String, clusterScope: Bool) {
      self.path = path
      self.templateName = templateName
      self.clusterScope = clusterScope
    }
  }

  /// Records on `deployment` exactly the templates its strategy parameters reference, found
  /// among `templates` (a namespaced template must be in the Deployment's namespace); without
  /// references, removes the annotation.
  ///
  /// - Throws: `AnalysisTemplateReferenceError` naming the parameter and the template when a
  ///   reference has no template, or when the parameters cannot be read.
  public static func attach(_ templates: [AnalysisTemplate], to deployment: inout Deployment)
    throws(AnalysisTemplateReferenceError)
  {
    let params: JSONValue
    do {
      params = try deployment.strategyParameters()
    } catch {
      throw AnalysisTemplateReferenceError(
        path: "metadata.annotations[\(Annotations.strategyParams)]", message: error.message)
    }
    let namespace = deployment.metadata.namespace ?? "default"
    var attached: [AnalysisTemplate] = []
    for reference in references(in: params) {
      let template = try find(reference, among: templates, namespace: namespace)
      if !attached.contains(template) { attached.append(template) }
    }
    if attached.isEmpty {
      deployment.metadata.setAnnotation(Annotations.analysisTemplates, nil)
    } else {
      deployment.setAnalysisTemplates(attached)
    }
  }

  /// Every template reference in `params`, searched recursively (map keys in sorted order,
  /// lists in order); paths start with `params`.
  public static func references(in params: JSONValue) -> [Reference] {
    var found: [Reference] = []
    collect(params, path: "params", into: &found)
    return found
  }

  private static func collect(_ value: JSONValue, path: String, into found: inout [Reference]) {
    switch value {
    case .object(let members):
      if let name = members["templateName"]?.stringValue {
        let scope = members["clusterScope"]
        let cluster = scope == .bool(true) || scope == .string("true")
        found.append(
          Reference(path: "\(path).templateName", templateName: name, clusterScope: cluster))
        return
      }
      for key in members.keys.sorted() {
        collect(members[key] ?? .null, path: "\(path).\(key)", into: &found)
      }
    case .array(let items):
      for (index, item) in items.enumerated() {
        collect(item, path: "\(path)[\(index)]", into: &found)
      }
    case .null, .bool, .int, .double, .string:
      break
    }
  }

  private static func find(
    _ reference: Reference, among templates: [AnalysisTemplate], namespace: String
  ) throws(AnalysisTemplateReferenceError) -> AnalysisTemplate {
    let kind = reference.clusterScope ? "ClusterAnalysisTemplate" : "AnalysisTemplate"
    let candidates = templates.filter {
      $0.isClusterScoped == reference.clusterScope
        && (reference.clusterScope || ($0.metadata.namespace ?? "default") == namespace)
    }
    if let template = candidates.first(where: { $0.metadata.name == reference.templateName }) {
      return template
    }
    let known = Set(candidates.map(\.metadata.name)).sorted()
    var message =
      "no \(kind) \"\(reference.templateName)\" in the manifest"
      + (known.isEmpty ? "" : " (known: \(known.joined(separator: ", ")))")
    if let elsewhere = templates.first(where: {
      !reference.clusterScope && !$0.isClusterScoped && $0.metadata.name == reference.templateName
    }) {
      message +=
        "; it is in namespace \"\(elsewhere.metadata.namespace ?? "default")\", "
        + "the rollout in \"\(namespace)\""
    } else if templates.contains(where: {
      $0.isClusterScoped != reference.clusterScope && $0.metadata.name == reference.templateName
    }) {
      message +=
        reference.clusterScope
        ? "; there is an AnalysisTemplate of that name: drop clusterScope"
        : "; there is a ClusterAnalysisTemplate of that name: add clusterScope: true"
    }
    throw AnalysisTemplateReferenceError(path: reference.path, message: message)
  }
}

/// A template reference in a rollout's strategy parameters that the manifest cannot satisfy:
/// `params.steps[2].analysis.templates[0].templateName: no AnalysisTemplate "error-rate" in the
/// manifest (known: a, b)`.
public struct AnalysisTemplateReferenceError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The parameter at fault.
  public var path: String
  /// What is wrong.
  public var message: String

  public init(path: String, message: String) {
    self.path = path
    self.message = message
  }

  public var description: String { "\(path): \(message)" }
}
