/// Why a kubeconfig, or the in-cluster service account, does not give a connection: the file,
/// the field and what is wrong, one line:
///
///     /home/me/.kube/config: users[0].user.client-key: no such file /home/me/.kube/key.pem
///     /a:/b: context "prod" not found (contexts: dev, kind)
///     /a: line 3, column 7: invalid YAML: mapping values are not allowed in this context
public struct KubeconfigError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The file as the loader found it; the merged files joined with `:` for a problem of the
  /// merged configuration (a context that is nowhere).
  public var file: String
  /// The field, such as `clusters[1].cluster.server`; nil for the file as a whole.
  public var field: String?
  /// What is wrong, such as `required value is missing`.
  public var message: String
  /// The 1-based line of a YAML syntax error.
  public var line: Int?

  public init(file: String, field: String? = nil, message: String, line: Int? = nil) {
    self.file = file
    self.field = field
    self.message = message
    self.line = line
  }

  public var description: String {
    ([file] + [field].compactMap { $0 } + [message]).joined(separator: ": ")
  }
}
