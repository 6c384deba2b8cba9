import Foundation

/// The connection a pod has to its own cluster (client-go's `rest.InClusterConfig`): the
/// server from `KUBERNETES_SERVICE_HOST` and `KUBERNETES_SERVICE_PORT`, and the service
/// account's `token`, `ca.crt` and `namespace` files.
public enum InClusterConfig {
  /// Where the kubelet mounts the service account.
  public static let defaultDirectory = "/var/run/secrets/kubernetes.io/serviceaccount"

  /// The in-cluster connection, or nil when the environment says this is not a pod (either
  /// variable missing).
  ///
  /// The token is a `TokenFileCredential` (the kubelet rotates projected tokens); without a
  /// readable `ca.crt` the system's roots are trusted; the namespace is `POD_NAMESPACE`, else
  /// the `namespace` file, else `default`; `userName` is the token's `sub` claim when it is a
  /// JWT (`system:serviceaccount:ns:name`).
  ///
  /// - Throws: `KubeconfigError` naming the token file when the variables are set but the
  ///   token cannot be read.
  public static func load(
    environment: [String: String] = ProcessInfo.processInfo.environment,
    directory: String = defaultDirectory
  ) throws(KubeconfigError) -> ClusterConnection? {
    guard let host = environment["KUBERNETES_SERVICE_HOST"], !host.isEmpty,
      let port = environment["KUBERNETES_SERVICE_PORT"], !port.isEmpty
    else { return nil }
    let base = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
    let tokenPath = base + "/token"
    let token = try KubeconfigReferences.read(tokenPath, file: tokenPath, field: nil)

    let caPath = base + "/ca.crt"
    let authority = try? KubeconfigReferences.read(caPath, file: caPath, field: nil)
    let fileNamespace = (try? String(contentsOfFile: base + "/namespace", encoding: .utf8))?
      .trimmingCharacters(in: .whitespacesAndNewlines)
    let namespace =
      [environment["POD_NAMESPACE"], fileNamespace].compactMap { $0 }.first { !$0.isEmpty }
      ?? "default"
    let hostPart = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
    return ClusterConnection(
      server: "https://\(hostPart):\(port)", certificateAuthority: authority,
      certificateAuthorityOrigin: authority == nil ? nil : caPath,
      credentials: TokenFileCredential(path: tokenPath), namespace: namespace,
      userName: subject(ofJWT: String(decoding: token, as: UTF8.self)),
      origin: "in-cluster service account (\(base))")
  }

  /// The `sub` claim of a JWT's payload; nil for anything else.
  static func subject(ofJWT token: String) -> String? {
    let parts = token.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".")
    guard parts.count == 3 else { return nil }
    var payload = parts[1].replacingOccurrences(of: "-", with: "+")
      .replacingOccurrences(of: "_", with: "/")
    payload += String(repeating: "=", count: (4 - payload.count % 4) % 4)
    guard let data = Data(base64Encoded: payload),
      let claims = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
    else { return nil }
    return claims["sub"] as? String
  }
}
