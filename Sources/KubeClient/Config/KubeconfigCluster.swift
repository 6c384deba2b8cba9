/// A kubeconfig `cluster` resolved: its server and how its certificate is checked.
enum KubeconfigCluster {
  /// A connection to the cluster, with no credential yet and `origin` naming the cluster.
  ///
  /// As client-go: `server` is required; `certificate-authority` and
  /// `certificate-authority-data` exclude each other, and either excludes
  /// `insecure-skip-tls-verify`.
  static func connection(for entry: KubeconfigEntry<KubeconfigDocument.ClusterFields>)
    throws(KubeconfigError) -> ClusterConnection
  {
    let fields = entry.fields
    func field(_ key: String) -> String { "\(entry.field).\(key)" }

    guard let server = fields.server, !server.isEmpty else {
      throw KubeconfigError(
        file: entry.file, field: field("server"),
        message: "required value is missing (cluster \"\(entry.name)\")")
    }
    guard server.hasPrefix("https://") || server.hasPrefix("http://") else {
      throw KubeconfigError(
        file: entry.file, field: field("server"),
        message: "\"\(server)\" is not an http:// or https:// URL")
    }
    let path = fields.certificateAuthority.flatMap { $0.isEmpty ? nil : $0 }
    let data = fields.certificateAuthorityData.flatMap { $0.isEmpty ? nil : $0 }
    if path != nil, data != nil {
      throw KubeconfigError(
        file: entry.file, field: field("certificate-authority"),
        message: "certificate-authority and certificate-authority-data are both set; keep one")
    }
    if fields.insecureSkipTLSVerify, path != nil || data != nil {
      throw KubeconfigError(
        file: entry.file, field: field("insecure-skip-tls-verify"),
        message: "cannot be true with a certificate authority; remove one of them")
    }

    var authority: [UInt8]?
    var origin: String?
    if let path {
      let resolved = KubeconfigReferences.resolve(path, relativeTo: entry.file)
      let name = field("certificate-authority")
      let bytes = try KubeconfigReferences.read(resolved, file: entry.file, field: name)
      try KubeconfigReferences.requirePEM(bytes, "certificate", file: entry.file, field: name)
      authority = bytes
      origin = resolved
    } else if let data {
      let name = field("certificate-authority-data")
      let bytes = try KubeconfigReferences.decode(data, file: entry.file, field: name)
      try KubeconfigReferences.requirePEM(bytes, "certificate", file: entry.file, field: name)
      authority = bytes
      origin = "certificate-authority-data of cluster \"\(entry.name)\" in \(entry.file)"
    }
    return ClusterConnection(
      server: server, certificateAuthority: authority, certificateAuthorityOrigin: origin,
      insecureSkipTLSVerify: fields.insecureSkipTLSVerify,
      tlsServerName: fields.tlsServerName.flatMap { $0.isEmpty ? nil : $0 },
      origin: "cluster \"\(entry.name)\" in \(entry.file)")
  }
}
