import Foundation
import Testing

@testable import KubeClient

/// The service-account connection, from a temporary directory standing for
/// `/var/run/secrets/kubernetes.io/serviceaccount`.
@Suite struct InClusterConfigTests {
  let scratch: KubeconfigScratch

  init() throws { scratch = try KubeconfigScratch() }

  /// A JWT-shaped token whose payload's `sub` is `subject`.
  private func jwt(subject: String) -> String {
    let payload = Data(#"{"iss":"kubernetes","sub":"\#(subject)"}"#.utf8).base64EncodedString()
      .replacingOccurrences(of: "=", with: "").replacingOccurrences(of: "+", with: "-")
      .replacingOccurrences(of: "/", with: "_")
    return "eyJhbGciOiJSUzI1NiJ9.\(payload).c2lnbmF0dXJl"
  }

  @Test func notInAClusterWithoutTheServiceVariables() throws {
    #expect(try InClusterConfig.load(environment: [:], directory: scratch.directory) == nil)
    #expect(
      try InClusterConfig.load(
        environment: ["KUBERNETES_SERVICE_HOST": "10.0.0.1"], directory: scratch.directory) == nil)
  }

  @Test func readsTokenCertificateAndNamespace() async throws {
    let token = jwt(subject: "system:serviceaccount:apps:rollout")
    try scratch.write("token", token + "\n")
    let ca = try scratch.write("ca.crt", fixtureCertificatePEM)
    try scratch.write("namespace", "apps\n")
    let connection = try #require(
      try InClusterConfig.load(
        environment: ["KUBERNETES_SERVICE_HOST": "10.96.0.1", "KUBERNETES_SERVICE_PORT": "443"],
        directory: scratch.directory))
    #expect(connection.server == "https://10.96.0.1:443")
    #expect(connection.certificateAuthority == Array(fixtureCertificatePEM.utf8))
    #expect(connection.certificateAuthorityOrigin == ca)
    #expect(connection.namespace == "apps")
    #expect(connection.userName == "system:serviceaccount:apps:rollout")
    #expect(try await connection.credentials.current() == .bearer(token))
    #expect(connection.credentials is TokenFileCredential)
  }

  @Test(arguments: [
    ("fd00::1", "https://[fd00::1]:6443"),
    ("kubernetes.default.svc", "https://kubernetes.default.svc:6443"),
  ])
  func serverJoinsHostAndPort(host: String, server: String) throws {
    try scratch.write("token", "opaque")
    let connection = try InClusterConfig.load(
      environment: ["KUBERNETES_SERVICE_HOST": host, "KUBERNETES_SERVICE_PORT": "6443"],
      directory: scratch.directory)
    #expect(connection?.server == server)
    #expect(connection?.namespace == "default")
    #expect(connection?.certificateAuthority == nil)
    #expect(connection?.userName == nil)
  }

  @Test func podNamespaceVariableWins() throws {
    try scratch.write("token", "opaque")
    try scratch.write("namespace", "from-file")
    let connection = try InClusterConfig.load(
      environment: [
        "KUBERNETES_SERVICE_HOST": "h", "KUBERNETES_SERVICE_PORT": "1", "POD_NAMESPACE": "from-env",
      ], directory: scratch.directory)
    #expect(connection?.namespace == "from-env")
  }

  @Test func missingTokenIsNamed() throws {
    let error = #expect(throws: KubeconfigError.self) {
      try InClusterConfig.load(
        environment: ["KUBERNETES_SERVICE_HOST": "h", "KUBERNETES_SERVICE_PORT": "1"],
        directory: scratch.directory)
    }
    let token = scratch.path("token")
    #expect(error?.description == "\(token): no such file \(token)")
  }
}

/// `KubeconfigLoader.loadOrInCluster`: a kubeconfig first, the service account without one.
@Suite struct KubeconfigOrInClusterTests {
  let scratch: KubeconfigScratch
  let pod: [String: String]

  init() throws {
    scratch = try KubeconfigScratch()
    try scratch.write("sa/token", "pod-token")
    pod = [
      "KUBERNETES_SERVICE_HOST": "10.96.0.1", "KUBERNETES_SERVICE_PORT": "443",
      "HOME": scratch.path("home"),
    ]
  }

  @Test func serviceAccountWithoutAKubeconfig() throws {
    let loader = KubeconfigLoader(namespace: "ops", environment: pod)
    let connection = try loader.loadOrInCluster(serviceAccountDirectory: scratch.path("sa"))
    #expect(connection.server == "https://10.96.0.1:443")
    #expect(connection.namespace == "ops")
  }

  @Test func kubeconfigWhenThereIsOne() throws {
    try scratch.write(
      "home/.kube/config",
      """
      current-context: home
      clusters: [{name: c, cluster: {server: "https://home.example"}}]
      users: [{name: u, user: {}}]
      contexts: [{name: home, context: {cluster: c, user: u}}]
      """)
    let connection = try KubeconfigLoader(environment: pod).loadOrInCluster(
      serviceAccountDirectory: scratch.path("sa"))
    #expect(connection.server == "https://home.example")
  }

  @Test func outsideAClusterTheMissingKubeconfigIsReported() throws {
    let error = #expect(throws: KubeconfigError.self) {
      try KubeconfigLoader(environment: ["HOME": scratch.path("home")]).loadOrInCluster(
        serviceAccountDirectory: scratch.path("sa"))
    }
    #expect(error?.file == scratch.path("home") + "/.kube/config")
  }
}
