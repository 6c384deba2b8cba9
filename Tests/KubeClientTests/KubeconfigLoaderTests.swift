import Foundation
import Testing

@testable import KubeClient

/// One context resolved: the cluster's TLS settings, the user's credential, the namespace, and
/// refusals that name the file and field.
@Suite struct KubeconfigLoaderTests {
  let scratch: KubeconfigScratch

  init() throws { scratch = try KubeconfigScratch() }

  /// A kubeconfig with one context `main` joining `cluster` and `user` (YAML flow maps).
  private func config(
    _ name: String = "config", cluster: String = "server: https://kube.example:6443",
    user: String = "token: abc", context: String = "cluster: c, user: u",
    extra: String = "current-context: main"
  ) throws -> String {
    try scratch.write(
      name,
      """
      apiVersion: v1
      kind: Config
      \(extra)
      clusters: [{name: c, cluster: {\(cluster)}}]
      users: [{name: u, user: {\(user)}}]
      contexts: [{name: main, context: {\(context)}}, {name: kind, context: {cluster: c, user: u}}]
      """)
  }

  private func load(_ path: String, context: String? = nil, namespace: String? = nil) throws
    -> ClusterConnection
  {
    try KubeconfigLoader(
      explicitPath: path, context: context, namespace: namespace, environment: [:]
    ).load()
  }

  private func failure(_ path: String, context: String? = nil) -> String? {
    #expect(throws: KubeconfigError.self) { try load(path, context: context) }?.description
  }

  @Test func relativeCertificateAuthorityIsResolvedAgainstItsOwnFile() throws {
    let ca = try scratch.write("team/certs/ca.pem", fixtureCertificatePEM)
    let path = try config(
      "team/config", cluster: "server: https://k:6443, certificate-authority: certs/ca.pem")
    let connection = try KubeconfigLoader(
      environment: ["KUBECONFIG": path, "HOME": "/nonexistent"]
    ).load()
    #expect(connection.certificateAuthority == Array(fixtureCertificatePEM.utf8))
    #expect(connection.certificateAuthorityOrigin == ca)
  }

  @Test func base64DataIsDecoded() async throws {
    let path = try config(
      cluster:
        "server: https://k, certificate-authority-data: \(base64Text(fixtureCertificatePEM)), tls-server-name: kube",
      user:
        "client-certificate-data: \(base64Text(fixtureCertificatePEM)), client-key-data: \(base64Text(fixtureKeyPEM))"
    )
    let connection = try load(path)
    #expect(connection.certificateAuthority == Array(fixtureCertificatePEM.utf8))
    #expect(
      connection.certificateAuthorityOrigin
        == "certificate-authority-data of cluster \"c\" in \(path)")
    #expect(connection.tlsServerName == "kube")
    #expect(
      try await connection.credentials.current()
        == .clientCertificate(
          certificate: Array(fixtureCertificatePEM.utf8), key: Array(fixtureKeyPEM.utf8)))
  }

  @Test(arguments: [
    ("certificate-authority-data: not*base64", "clusters[0].cluster.certificate-authority-data"),
    (
      "certificate-authority-data: \(base64Text("not a pem"))",
      "clusters[0].cluster.certificate-authority-data"
    ),
  ])
  func badCertificateDataIsNamed(cluster: String, field: String) throws {
    let path = try config(cluster: "server: https://k, " + cluster)
    let text = try #require(failure(path))
    #expect(text.hasPrefix("\(path): \(field): "))
  }

  @Test func badBase64Message() throws {
    let path = try config(
      user: "client-certificate-data: '%%%', client-key-data: \(base64Text(fixtureKeyPEM))")
    #expect(failure(path) == "\(path): users[0].user.client-certificate-data: not valid base64")
  }

  @Test func missingContextListsTheContexts() throws {
    let path = try config()
    #expect(
      failure(path, context: "prod") == "\(path): context \"prod\" not found (contexts: kind, main)"
    )

    let unset = try config("unset", extra: "")
    #expect(
      failure(unset)
        == "\(unset): current-context is not set; choose a context with --context (contexts: kind, main)"
    )
  }

  @Test func missingClusterAndUserAreNamed() throws {
    let path = try config(context: "cluster: gone, user: u")
    #expect(
      failure(path)
        == "\(path): contexts[0].context.cluster: cluster \"gone\" not found in \(path) (clusters: c)"
    )
    let noUser = try config("nouser", context: "cluster: c, user: ghost")
    #expect(
      failure(noUser)
        == "\(noUser): contexts[0].context.user: user \"ghost\" not found in \(noUser) (users: u)")
  }

  @Test(
    arguments: [
      (nil, nil, "default"), (nil, "team", "team"), ("override", "team", "override"),
      ("override", nil, "override"),
    ] as [(String?, String?, String)])
  func namespaceOverrideThenContextThenDefault(
    override: String?, contextNamespace: String?, expected: String
  ) throws {
    let context = "cluster: c, user: u" + (contextNamespace.map { ", namespace: \($0)" } ?? "")
    let path = try config(context: context)
    #expect(try load(path, namespace: override).namespace == expected)
  }

  @Test func missingReferencedFileNamesFieldAndPath() throws {
    try scratch.write("cert.pem", fixtureCertificatePEM)
    let path = try config(user: "client-certificate: cert.pem, client-key: key.pem")
    #expect(
      failure(path)
        == "\(path): users[0].user.client-key: no such file \(scratch.path("key.pem"))")
  }

  @Test func yamlSyntaxErrorNamesFileAndLine() throws {
    let path = try scratch.write(
      "broken", "clusters:\n- name: c\n  cluster:\n    server: [https://k\ncontexts: []\n")
    let error = #expect(throws: KubeconfigError.self) { try load(path) }
    #expect(error?.file == path)
    #expect(error?.line == 5)
    #expect(error?.description.hasPrefix("\(path): line 5, column ") == true)
  }

  @Test func wrongFieldTypeIsNamed() throws {
    let path = try config(cluster: "server: https://k, insecure-skip-tls-verify: maybe")
    #expect(
      failure(path)
        == "\(path): clusters[0].cluster.insecure-skip-tls-verify: must be true or false, got \"maybe\""
    )
  }

  @Test func tokenAndClientCertificateGiveBothWithTheTokenAsBearer() async throws {
    let path = try config(
      user:
        "token: tok, client-certificate-data: \(base64Text(fixtureCertificatePEM)), client-key-data: \(base64Text(fixtureKeyPEM))"
    )
    let connection = try load(path)
    let both = try #require(connection.credentials as? ClientCertificateWithToken)
    #expect(both.certificate == Array(fixtureCertificatePEM.utf8))
    #expect(both.key == Array(fixtureKeyPEM.utf8))
    #expect(try await both.current() == .bearer("tok"))
  }

  @Test func tokenFileIsResolvedAndPreferredToToken() async throws {
    let tokenPath = try scratch.write("secrets/token", "from-file\n")
    let path = try config(user: "token: inline, tokenFile: secrets/token")
    let source = try #require(try load(path).credentials as? TokenFileCredential)
    #expect(source.path == tokenPath)
    #expect(try await source.current() == .bearer("from-file"))
  }

  @Test func insecureAndServerChecks() throws {
    let insecure = try config(cluster: "server: https://k, insecure-skip-tls-verify: true")
    #expect(try load(insecure).insecureSkipTLSVerify)
    let both = try config(
      "both",
      cluster:
        "server: https://k, insecure-skip-tls-verify: true, certificate-authority-data: \(base64Text(fixtureCertificatePEM))"
    )
    #expect(
      failure(both)?.hasPrefix("\(both): clusters[0].cluster.insecure-skip-tls-verify: ") == true)
    let noServer = try config("noserver", cluster: "tls-server-name: x")
    #expect(
      failure(noServer)
        == "\(noServer): clusters[0].cluster.server: required value is missing (cluster \"c\")")
  }

  @Test(arguments: [
    (
      "{apiVersion: client.authentication.k8s.io/v1, interactiveMode: Never}",
      "users[0].user.exec.command: required value is missing"
    ),
    (
      "{command: aws, apiVersion: client.authentication.k8s.io/v1alpha1}",
      "users[0].user.exec.apiVersion: \"client.authentication.k8s.io/v1alpha1\" is not supported; use client.authentication.k8s.io/v1 or client.authentication.k8s.io/v1beta1"
    ),
    (
      "{command: aws, apiVersion: client.authentication.k8s.io/v1}",
      "users[0].user.exec.interactiveMode: required for client.authentication.k8s.io/v1"
    ),
    (
      "{command: aws, apiVersion: client.authentication.k8s.io/v1, interactiveMode: Never, env: [{value: x}]}",
      "users[0].user.exec.env[0].name: required value is missing"
    ),
  ])
  func badExecBlockIsNamed(exec: String, problem: String) throws {
    let path = try config(user: "exec: \(exec)")
    #expect(failure(path) == "\(path): \(problem)")
  }

  @Test func basicAuthIsRefusedByField() throws {
    let path = try config(user: "username: admin, password: secret")
    #expect(
      failure(path)?.hasPrefix("\(path): users[0].user.username: basic authentication") == true)
  }
}
