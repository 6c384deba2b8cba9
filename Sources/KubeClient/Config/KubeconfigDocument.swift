import Foundation
import Yams

/// One kubeconfig file as written: its named clusters, users and contexts in file order, each
/// remembering where it was read (`users[2].user`) so messages can point at it. Paths stay as
/// written; `KubeconfigResolver` resolves them against `path`'s directory.
struct KubeconfigDocument: Sendable {
  var path: String
  var currentContext: String?
  var clusters: [KubeconfigEntry<ClusterFields>]
  var users: [KubeconfigEntry<UserFields>]
  var contexts: [KubeconfigEntry<ContextFields>]

  /// `cluster:` of a `clusters` entry.
  struct ClusterFields: Sendable {
    var server: String?
    var certificateAuthority: String?
    var certificateAuthorityData: String?
    var insecureSkipTLSVerify = false
    var tlsServerName: String?
  }

  /// `user:` of a `users` entry. Fields `rollout` refuses (`username`, `auth-provider`) are
  /// kept to be named in the refusal.
  struct UserFields: Sendable {
    var token: String?
    var tokenFile: String?
    var clientCertificate: String?
    var clientCertificateData: String?
    var clientKey: String?
    var clientKeyData: String?
    var exec: ExecPluginConfig?
    var unsupported: [String] = []
  }

  /// `context:` of a `contexts` entry.
  struct ContextFields: Sendable {
    var cluster: String?
    var user: String?
    var namespace: String?
  }

  /// Parses kubeconfig text; an empty file is an empty configuration.
  static func parse(_ text: String, path: String) throws(KubeconfigError) -> KubeconfigDocument {
    let root: Node?
    do {
      root = try Yams.compose(yaml: text)
    } catch let error as YamlError {
      throw syntaxError(error, path: path)
    } catch {
      throw KubeconfigError(file: path, message: "invalid YAML: \(error)")
    }
    var document = KubeconfigDocument(
      path: path, currentContext: nil, clusters: [], users: [], contexts: [])
    guard let root, !root.isYAMLNull else { return document }
    let top = KubeconfigFieldReader(node: root, field: "", file: path)
    guard case .mapping = root else {
      throw top.problem("expected a map with clusters, users and contexts, got \(root.shape)")
    }
    document.currentContext = try top.string("current-context").flatMap { $0.isEmpty ? nil : $0 }
    document.clusters = try top.entries("clusters", body: "cluster") {
      reader throws(KubeconfigError) in
      ClusterFields(
        server: try reader.string("server"),
        certificateAuthority: try reader.string("certificate-authority"),
        certificateAuthorityData: try reader.string("certificate-authority-data"),
        insecureSkipTLSVerify: try reader.bool("insecure-skip-tls-verify"),
        tlsServerName: try reader.string("tls-server-name"))
    }
    document.users = try top.entries("users", body: "user") { reader throws(KubeconfigError) in
      var user = UserFields(
        token: try reader.string("token"), tokenFile: try reader.string("tokenFile"),
        clientCertificate: try reader.string("client-certificate"),
        clientCertificateData: try reader.string("client-certificate-data"),
        clientKey: try reader.string("client-key"),
        clientKeyData: try reader.string("client-key-data"))
      if let exec = try reader.map("exec") { user.exec = try execConfig(exec) }
      user.unsupported = ["username", "password", "auth-provider"].filter { reader.has($0) }
      return user
    }
    document.contexts = try top.entries("contexts", body: "context") {
      reader throws(KubeconfigError) in
      ContextFields(
        cluster: try reader.string("cluster"), user: try reader.string("user"),
        namespace: try reader.string("namespace"))
    }
    return document
  }

  /// An `exec` block; `command` and `apiVersion` are required, as client-go requires them.
  private static func execConfig(_ exec: KubeconfigFieldReader) throws(KubeconfigError)
    -> ExecPluginConfig
  {
    guard let command = try exec.string("command"), !command.isEmpty else {
      throw exec.problem("command", "required value is missing")
    }
    guard let apiVersion = try exec.string("apiVersion"), !apiVersion.isEmpty else {
      throw exec.problem("apiVersion", "required value is missing")
    }
    guard ExecPluginConfig.supportedAPIVersions.contains(apiVersion) else {
      let supported = ExecPluginConfig.supportedAPIVersions.joined(separator: " or ")
      throw exec.problem("apiVersion", "\"\(apiVersion)\" is not supported; use \(supported)")
    }
    let mode: ExecPluginConfig.InteractiveMode
    switch try exec.string("interactiveMode") {
    case nil, "":
      guard apiVersion.hasSuffix("/v1beta1") else {
        throw exec.problem("interactiveMode", "required for \(apiVersion)")
      }
      mode = .ifAvailable
    case let text?:
      guard let parsed = ExecPluginConfig.InteractiveMode(rawValue: text) else {
        let allowed = ExecPluginConfig.InteractiveMode.allCases.map(\.rawValue)
        throw exec.problem(
          "interactiveMode", "\"\(text)\" is not one of \(allowed.joined(separator: ", "))")
      }
      mode = parsed
    }
    var args: [String] = []
    for argument in try exec.list("args") { args.append(try argument.scalarText()) }
    var env: [ExecPluginConfig.Variable] = []
    for variable in try exec.list("env") {
      guard let name = try variable.string("name"), !name.isEmpty else {
        throw variable.problem("name", "required value is missing")
      }
      env.append(.init(name: name, value: try variable.string("value") ?? ""))
    }
    return ExecPluginConfig(
      command: command, args: args, env: env, apiVersion: apiVersion, interactiveMode: mode,
      provideClusterInfo: try exec.bool("provideClusterInfo"),
      installHint: try exec.string("installHint"), origin: "\(exec.field) in \(exec.file)")
  }

  /// `/a: line 3, column 7: invalid YAML: mapping values are not allowed in this context`.
  private static func syntaxError(_ error: YamlError, path: String) -> KubeconfigError {
    switch error {
    case .scanner(let context, let problem, let mark, _),
      .parser(let context, let problem, let mark, _),
      .composer(let context, let problem, let mark, _):
      let detail = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }
      return KubeconfigError(
        file: path,
        message: "line \(mark.line), column \(mark.column): invalid YAML: "
          + detail.joined(separator: " "), line: mark.line)
    default:
      return KubeconfigError(file: path, message: "invalid YAML: \(error)")
    }
  }
}

/// A named entry of a kubeconfig list and where it was read.
struct KubeconfigEntry<Fields: Sendable>: Sendable {
  var name: String
  var fields: Fields
  /// The kubeconfig file.
  var file: String
  /// The entry's body, such as `clusters[0].cluster`.
  var field: String
}
