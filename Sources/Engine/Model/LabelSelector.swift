/// `metav1.LabelSelector`: every `matchLabels` pair and every `matchExpressions` requirement
/// must hold.
public struct LabelSelector: Sendable, Hashable, Codable {
  public var matchLabels: [String: String]?
  public var matchExpressions: [Requirement]?

  public init(matchLabels: [String: String]? = nil, matchExpressions: [Requirement]? = nil) {
    self.matchLabels = matchLabels
    self.matchExpressions = matchExpressions
  }

  /// One `matchExpressions` entry.
  public struct Requirement: Sendable, Hashable, Codable {
    public var key: String
    public var `operator`: Operator
    public var values: [String]?

    public init(key: String, operator: Operator, values: [String]? = nil) {
      self.key = key
      self.operator = `operator`
      self.values = values
    }
  }

  /// The set-based operators Kubernetes accepts in a selector.
  public enum Operator: String, Sendable, Hashable, Codable {
    case `in` = "In"
    case notIn = "NotIn"
    case exists = "Exists"
    case doesNotExist = "DoesNotExist"
  }

  /// True when the selector selects nothing-in-particular: Kubernetes refuses it on a
  /// Deployment.
  public var isEmpty: Bool {
    (matchLabels ?? [:]).isEmpty && (matchExpressions ?? []).isEmpty
  }

  /// Whether `labels` satisfy every term.
  public func matches(_ labels: [String: String]) -> Bool {
    for (key, value) in matchLabels ?? [:] where labels[key] != value { return false }
    for requirement in matchExpressions ?? [] {
      let value = labels[requirement.key]
      let values = requirement.values ?? []
      switch requirement.operator {
      case .in: if value.map(values.contains) != true { return false }
      case .notIn: if let value, values.contains(value) { return false }
      case .exists: if value == nil { return false }
      case .doesNotExist: if value != nil { return false }
      }
    }
    return true
  }
}
