import Foundation

/// The kubeconfig `rollout serve` writes: one cluster (the server, its CA), one user (the
/// token), one context named `rollout`, current.
public enum Kubeconfig {
  public static func text(server: String, credentials: ServeCredentials) -> String {
    let ca = Data(credentials.caCertificatePEM.utf8).base64EncodedString()
    return """
      apiVersion: v1
      kind: Config
      clusters:
      - name: rollout
        cluster:
          server: \(server)
          certificate-authority-data: \(ca)
      users:
      - name: rollout
        user:
          token: \(credentials.token)
      contexts:
      - name: rollout
        context:
          cluster: rollout
          user: rollout
          namespace: default
      current-context: rollout
      preferences: {}

      """
  }

  /// Writes the kubeconfig to `path` (owner-only, atomically).
  public static func write(to path: String, server: String, credentials: ServeCredentials) throws {
    let url = URL(fileURLWithPath: path)
    try FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    let temporary = path + ".tmp"
    guard
      FileManager.default.createFile(
        atPath: temporary, contents: Data(text(server: server, credentials: credentials).utf8),
        attributes: [.posixPermissions: 0o600]),
      rename(temporary, path) == 0
    else {
      throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
    }
  }
}
