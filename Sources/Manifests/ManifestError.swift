import Engine

/// One problem in a manifest: where it is and what is wrong.
public struct ManifestProblem: Sendable, Hashable, CustomStringConvertible {
  /// The YAML document, 1-based; nil for a problem with the file as a whole.
  public var document: Int?
  /// The object, such as `Deployment "web"`, when known.
  public var object: String?
  /// The field, such as `spec.template.spec.containers[0].image`; nil when not about a field.
  public var path: String?
  /// What is wrong, such as `must be non-empty`.
  public var message: String

  public init(document: Int?, object: String? = nil, path: String?, message: String) {
    self.document = document
    self.object = object
    self.path = path
    self.message = message
  }

  /// `document 2 (Deployment "web"): spec.replicas: must be greater than or equal to 0, got -1`.
  public var description: String {
    var parts: [String] = []
    if let document {
      parts.append(object.map { "document \(document) (\($0))" } ?? "document \(document)")
    }
    if let path { parts.append(path) }
    parts.append(message)
    return parts.joined(separator: ": ")
  }
}

/// Why a manifest file was refused. Lists every problem of the file, one a line, each prefixed
/// with the file name:
///
///     app.yaml: document 2 (Deployment "web"): spec.template.spec.containers[0].image: must be non-empty
public struct ManifestError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The file as named by the caller.
  public var file: String
  /// Every problem found, in document order.
  public var problems: [ManifestProblem]

  public init(file: String, problems: [ManifestProblem]) {
    self.file = file
    self.problems = problems
  }

  public var description: String {
    problems.map { "\(file): \($0)" }.joined(separator: "\n")
  }
}

/// A field that fails validation: `path` (`spec.replicas`) and `message`.
public struct FieldViolation: Sendable, Hashable, CustomStringConvertible {
  public var path: String
  public var message: String

  public init(_ path: String, _ message: String) {
    self.path = path
    self.message = message
  }

  public var description: String { "\(path): \(message)" }
}
