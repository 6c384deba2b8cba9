/// A strategy's request to analyse its rollout: start the run `label` for this revision from
/// `templates` unless it already exists.
public struct AnalysisRequest: Sendable, Hashable, Codable {
  /// The strategy's name for the run, unique within a revision (`step-3`, `background`).
  public var label: String
  public var templates: [AnalysisTemplateRef]
  /// Values for the templates' arguments (a template's own value is the default).
  public var args: [AnalysisArgument]
  /// The ReplicaSet to analyse; the new one when nil.
  public var subject: String?
  /// Whether the engine acts on the outcome (default true): a failed or errored run aborts the
  /// rollout, an inconclusive one pauses it. False: the strategy judges by itself.
  public var enforced: Bool?
  /// Whether the rollout waits for the run (an analysis step, a pre-promotion analysis): no
  /// progress deadline runs meanwhile, as during a pause. Background analysis does not wait.
  public var wait: Bool?
  /// Where the strategy asked for it (`canary.lua:42`), for error messages.
  public var origin: String?

  public init(
    label: String, templates: [AnalysisTemplateRef], args: [AnalysisArgument] = [],
    subject: String? = nil, enforced: Bool? = nil, wait: Bool? = nil, origin: String? = nil
  ) {
    self.label = label
    self.templates = templates
    self.args = args
    self.subject = subject
    self.enforced = enforced
    self.wait = wait
    self.origin = origin
  }

  private enum CodingKeys: String, CodingKey {
    case label, templates, args, subject, enforced, wait, origin
  }

  /// Decodes a request; absent lists are empty.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    label = try container.decode(String.self, forKey: .label)
    templates = try container.decodeIfPresent([AnalysisTemplateRef].self, forKey: .templates) ?? []
    args = try container.decodeIfPresent([AnalysisArgument].self, forKey: .args) ?? []
    subject = try container.decodeIfPresent(String.self, forKey: .subject)
    enforced = try container.decodeIfPresent(Bool.self, forKey: .enforced)
    wait = try container.decodeIfPresent(Bool.self, forKey: .wait)
    origin = try container.decodeIfPresent(String.self, forKey: .origin)
  }
}

/// `templateName` (and `clusterScope`) as a Rollout references a template.
public struct AnalysisTemplateRef: Sendable, Hashable, Codable {
  public var templateName: String
  public var clusterScope: Bool?

  public init(templateName: String, clusterScope: Bool? = nil) {
    self.templateName = templateName
    self.clusterScope = clusterScope
  }
}
