import Foundation

/// Resolves a `ClusterConnection` from kubeconfig files the way kubectl does.
///
/// The files are `explicitPath` alone when given (`--kubeconfig`), else those `KUBECONFIG`
/// lists, else `$HOME/.kube/config`; several files merge by name, the first to define a
/// cluster, user or context winning, and `current-context` coming from the first file that
/// sets one. The context is `context` when given, else the current one; the namespace is
/// `namespace` when given, else the context's, else `default`.
///
/// Relative paths (`certificate-authority`, `client-key`, `tokenFile`, an exec `command` with
/// a `/`) are resolved against the directory of the file that holds them. A user's
/// credential is, in kubectl's order of precedence:
///
/// - a `tokenFile` (a `TokenFileCredential`, re-read as it rotates) or a `token`;
/// - a client certificate and key, by path or `-data`;
/// - both: `ClientCertificateWithToken`, the token as the bearer and the certificate for TLS;
/// - else an `exec` plugin (an `ExecCredentialSource`), which client-go also skips when the
///   user has a token or certificate;
/// - else none.
///
/// `username`/`password` and `auth-provider` users are refused with a message naming the field.
public struct KubeconfigLoader: Sendable {
  /// `--kubeconfig`: read this file only.
  public var explicitPath: String?
  /// `--context`: the context to use instead of `current-context`.
  public var context: String?
  /// `--namespace`: the namespace instead of the context's.
  public var namespace: String?
  /// The environment `KUBECONFIG` and `HOME` are read from, and exec plugins run in.
  public var environment: [String: String]

  public init(
    explicitPath: String? = nil, context: String? = nil, namespace: String? = nil,
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) {
    self.explicitPath = explicitPath
    self.context = context
    self.namespace = namespace
    self.environment = environment
  }

  /// Reads the files and resolves the chosen context.
  ///
  /// - Throws: `KubeconfigError` naming the file and the field or context: a missing file, a
  ///   YAML syntax error (with its line), an unknown context, cluster or user, a missing
  ///   `server`, a referenced file that does not exist, base64 that does not decode.
  public func load() throws(KubeconfigError) -> ClusterConnection {
    let config = try MergedKubeconfig.load(explicitPath: explicitPath, environment: environment)
    let contextEntry = try chooseContext(in: config)
    let fields = contextEntry.fields
    let contextName = contextEntry.name

    guard let clusterName = fields.cluster, !clusterName.isEmpty else {
      throw KubeconfigError(
        file: contextEntry.file, field: "\(contextEntry.field).cluster",
        message: "context \"\(contextName)\" names no cluster")
    }
    guard let clusterEntry = config.clusters[clusterName] else {
      throw KubeconfigError(
        file: contextEntry.file, field: "\(contextEntry.field).cluster",
        message: "cluster \"\(clusterName)\" not found in \(config.label)"
          + Self.listing("clusters", config.clusters.keys))
    }
    guard let userName = fields.user, !userName.isEmpty else {
      throw KubeconfigError(
        file: contextEntry.file, field: "\(contextEntry.field).user",
        message: "context \"\(contextName)\" names no user")
    }
    guard let userEntry = config.users[userName] else {
      throw KubeconfigError(
        file: contextEntry.file, field: "\(contextEntry.field).user",
        message: "user \"\(userName)\" not found in \(config.label)"
          + Self.listing("users", config.users.keys))
    }

    var connection = try KubeconfigCluster.connection(for: clusterEntry)
    connection.credentials = try KubeconfigCredentials.source(
      for: userEntry, cluster: connection, environment: environment)
    connection.userName = userName
    connection.namespace = try chooseNamespace(context: contextEntry)
    connection.origin = "context \"\(contextName)\" in \(contextEntry.file)"
    return connection
  }

  private func chooseContext(in config: MergedKubeconfig) throws(KubeconfigError)
    -> KubeconfigEntry<KubeconfigDocument.ContextFields>
  {
    let known = Self.listing("contexts", config.contexts.keys)
    if let context, !context.isEmpty {
      guard let entry = config.contexts[context] else {
        throw KubeconfigError(
          file: config.label, message: "context \"\(context)\" not found" + known)
      }
      return entry
    }
    guard let current = config.currentContext else {
      throw KubeconfigError(
        file: config.label,
        message: "current-context is not set; choose a context with --context" + known)
    }
    guard let entry = config.contexts[current] else {
      throw KubeconfigError(
        file: config.label, field: "current-context",
        message: "context \"\(current)\" not found" + known)
    }
    return entry
  }

  private func chooseNamespace(
    context: KubeconfigEntry<KubeconfigDocument.ContextFields>
  ) throws(KubeconfigError) -> String {
    if let namespace, !namespace.isEmpty { return namespace }
    guard let own = context.fields.namespace, !own.isEmpty else { return "default" }
    guard Self.isDNSLabel(own) else {
      throw KubeconfigError(
        file: context.file, field: "\(context.field).namespace",
        message: "\"\(own)\" is not a valid namespace name (lowercase letters, digits and "
          + "'-', at most 63, starting and ending with a letter or digit)")
    }
    return own
  }

  /// ` (contexts: dev, kind)`, sorted; ` (no contexts defined)` when empty.
  static func listing(_ what: String, _ names: some Collection<String>) -> String {
    names.isEmpty
      ? " (no \(what) defined)" : " (\(what): \(names.sorted().joined(separator: ", ")))"
  }

  /// An RFC 1123 label, as namespace names are.
  static func isDNSLabel(_ text: String) -> Bool {
    let bytes = Array(text.utf8)
    func alphanumeric(_ byte: UInt8) -> Bool {
      (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
        || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
    guard let first = bytes.first, let last = bytes.last, bytes.count <= 63 else { return false }
    return alphanumeric(first) && alphanumeric(last)
      && bytes.allSatisfy { alphanumeric($0) || $0 == UInt8(ascii: "-") }
  }
}
