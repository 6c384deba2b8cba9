import Foundation

/// The kubeconfig files kubectl would read, merged as client-go's loading rules merge them:
///
/// - an explicit path (`--kubeconfig`): that file alone, which must exist;
/// - else `KUBECONFIG`, paths joined by `:`: the files that exist, in order (missing ones are
///   skipped, repeated ones read once); at least one must exist;
/// - else `$HOME/.kube/config`, which must exist.
///
/// Clusters, users and contexts merge by name, the first file to define a name winning;
/// `current-context` is the first file's that sets one.
struct MergedKubeconfig: Sendable {
  /// The files read, in order.
  var files: [String]
  var currentContext: String?
  var clusters: [String: KubeconfigEntry<KubeconfigDocument.ClusterFields>] = [:]
  var users: [String: KubeconfigEntry<KubeconfigDocument.UserFields>] = [:]
  var contexts: [String: KubeconfigEntry<KubeconfigDocument.ContextFields>] = [:]

  /// The files as one name for messages: `/a:/b`.
  var label: String { files.joined(separator: ":") }

  init(documents: [KubeconfigDocument]) {
    files = documents.map(\.path)
    for document in documents {
      if currentContext == nil { currentContext = document.currentContext }
      for entry in document.clusters where clusters[entry.name] == nil {
        clusters[entry.name] = entry
      }
      for entry in document.users where users[entry.name] == nil { users[entry.name] = entry }
      for entry in document.contexts where contexts[entry.name] == nil {
        contexts[entry.name] = entry
      }
    }
  }

  /// Reads the files the environment (or `explicitPath`) names.
  static func load(explicitPath: String?, environment: [String: String]) throws(KubeconfigError)
    -> MergedKubeconfig
  {
    if let explicitPath, !explicitPath.isEmpty {
      guard let document = try read(explicitPath) else {
        throw KubeconfigError(file: explicitPath, message: "no such file (given as --kubeconfig)")
      }
      return MergedKubeconfig(documents: [document])
    }
    if let list = environment["KUBECONFIG"], !list.isEmpty {
      var seen: Set<String> = []
      var documents: [KubeconfigDocument] = []
      for path in list.split(separator: ":").map(String.init) where seen.insert(path).inserted {
        if let document = try read(path) { documents.append(document) }
      }
      guard !documents.isEmpty else {
        throw KubeconfigError(
          file: list, message: "none of the files KUBECONFIG lists exists")
      }
      return MergedKubeconfig(documents: documents)
    }
    guard let home = environment["HOME"], !home.isEmpty else {
      throw KubeconfigError(
        file: "~/.kube/config",
        message: "HOME is not set; name a kubeconfig with --kubeconfig or KUBECONFIG")
    }
    let path = (home.hasSuffix("/") ? home : home + "/") + ".kube/config"
    guard let document = try read(path) else {
      throw KubeconfigError(
        file: path, message: "no such file (and neither --kubeconfig nor KUBECONFIG is set)")
    }
    return MergedKubeconfig(documents: [document])
  }

  /// Whether any file `load(explicitPath: nil, environment:)` would look at exists.
  static func anyFileExists(environment: [String: String]) -> Bool {
    var paths: [String] = []
    if let list = environment["KUBECONFIG"], !list.isEmpty {
      paths = list.split(separator: ":").map(String.init)
    } else if let home = environment["HOME"], !home.isEmpty {
      paths = [(home.hasSuffix("/") ? home : home + "/") + ".kube/config"]
    }
    return paths.contains { FileManager.default.fileExists(atPath: $0) }
  }

  /// The file parsed; nil when it does not exist.
  private static func read(_ path: String) throws(KubeconfigError) -> KubeconfigDocument? {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      return nil
    }
    if isDirectory.boolValue {
      throw KubeconfigError(file: path, message: "is a directory, not a kubeconfig file")
    }
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw KubeconfigError(file: path, message: "cannot read: \(error.localizedDescription)")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw KubeconfigError(file: path, message: "is not UTF-8 text")
    }
    return try KubeconfigDocument.parse(text, path: path)
  }
}
