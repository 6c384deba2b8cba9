/// A kubeconfig `user` resolved to the credential requests present (see `KubeconfigLoader` for
/// the precedence).
enum KubeconfigCredentials {
  static func source(
    for entry: KubeconfigEntry<KubeconfigDocument.UserFields>, cluster: ClusterConnection,
    environment: [String: String]
  ) throws(KubeconfigError) -> any CredentialSource {
    let fields = entry.fields
    func field(_ key: String) -> String { "\(entry.field).\(key)" }
    func present(_ value: String?) -> String? { value.flatMap { $0.isEmpty ? nil : $0 } }

    if let refused = fields.unsupported.first {
      let advice =
        refused == "auth-provider"
        ? "auth-provider plugins are not supported; use an exec plugin (client-go removed them too)"
        : "basic authentication is not supported; use a token, a client certificate or exec"
      throw KubeconfigError(file: entry.file, field: field(refused), message: advice)
    }

    var token: (any CredentialSource)?
    if let path = present(fields.tokenFile) {
      let resolved = KubeconfigReferences.resolve(path, relativeTo: entry.file)
      _ = try KubeconfigReferences.read(resolved, file: entry.file, field: field("tokenFile"))
      token = TokenFileCredential(path: resolved)
    } else if let value = present(fields.token) {
      token = StaticCredential(.bearer(value))
    }

    let certificate = try pem(
      "certificate", path: present(fields.clientCertificate),
      data: present(fields.clientCertificateData), key: "client-certificate", in: entry)
    let key = try pem(
      "private key", path: present(fields.clientKey), data: present(fields.clientKeyData),
      key: "client-key", in: entry)
    switch (certificate, key) {
    case (.some, nil):
      throw KubeconfigError(
        file: entry.file, field: field("client-key"),
        message: "required with client-certificate (set client-key or client-key-data)")
    case (nil, .some):
      throw KubeconfigError(
        file: entry.file, field: field("client-certificate"),
        message: "required with client-key (set client-certificate or client-certificate-data)")
    default: break
    }

    switch (token, certificate, key) {
    case (let token?, let certificate?, let key?):
      return ClientCertificateWithToken(token: token, certificate: certificate, key: key)
    case (let token?, _, _):
      return token
    case (nil, let certificate?, let key?):
      return StaticCredential(.clientCertificate(certificate: certificate, key: key))
    default:
      break
    }
    guard var exec = fields.exec else { return StaticCredential(.none) }
    if exec.command.contains("/") {
      exec.command = KubeconfigReferences.resolve(exec.command, relativeTo: entry.file)
    }
    let info =
      exec.provideClusterInfo
      ? ExecClusterInfo(
        server: cluster.server, certificateAuthorityData: cluster.certificateAuthority,
        insecureSkipTLSVerify: cluster.insecureSkipTLSVerify, tlsServerName: cluster.tlsServerName)
      : nil
    return ExecCredentialSource(config: exec, cluster: info, environment: environment)
  }

  /// A PEM given by path (`key`) or base64 (`key-data`), which exclude each other.
  private static func pem(
    _ what: String, path: String?, data: String?, key: String,
    in entry: KubeconfigEntry<KubeconfigDocument.UserFields>
  ) throws(KubeconfigError) -> [UInt8]? {
    let pathField = "\(entry.field).\(key)"
    let dataField = "\(entry.field).\(key)-data"
    if path != nil, data != nil {
      throw KubeconfigError(
        file: entry.file, field: pathField, message: "\(key) and \(key)-data are both set; keep one"
      )
    }
    if let path {
      let resolved = KubeconfigReferences.resolve(path, relativeTo: entry.file)
      let bytes = try KubeconfigReferences.read(resolved, file: entry.file, field: pathField)
      try KubeconfigReferences.requirePEM(bytes, what, file: entry.file, field: pathField)
      return bytes
    }
    if let data {
      let bytes = try KubeconfigReferences.decode(data, file: entry.file, field: dataField)
      try KubeconfigReferences.requirePEM(bytes, what, file: entry.file, field: dataField)
      return bytes
    }
    return nil
  }
}
