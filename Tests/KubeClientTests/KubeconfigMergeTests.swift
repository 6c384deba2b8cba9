import Foundation
import Testing

@testable import KubeClient

/// Which files are read and how they merge: first definition of a name wins, `current-context`
/// from the first file that sets it, `--kubeconfig` alone, `KUBECONFIG`, then `~/.kube/config`.
@Suite struct KubeconfigMergeTests {
  let scratch: KubeconfigScratch
  let first: String
  let second: String

  init() throws {
    scratch = try KubeconfigScratch()
    first = try scratch.write(
      "a/config",
      """
      current-context: shared-context
      clusters:
      - name: shared
        cluster: {server: "https://first.example"}
      contexts:
      - name: shared-context
        context: {cluster: shared, user: shared-user, namespace: first-ns}
      """)
    second = try scratch.write(
      "b/config",
      """
      current-context: second-only
      clusters:
      - name: shared
        cluster: {server: "https://second.example"}
      - name: second-cluster
        cluster: {server: "https://only-second.example"}
      users:
      - name: shared-user
        user: {token: second-token}
      contexts:
      - name: shared-context
        context: {cluster: second-cluster, user: shared-user, namespace: second-ns}
      - name: second-only
        context: {cluster: second-cluster, user: shared-user}
      """)
  }

  private func load(
    _ environment: [String: String], explicitPath: String? = nil, context: String? = nil
  ) throws -> ClusterConnection {
    try KubeconfigLoader(explicitPath: explicitPath, context: context, environment: environment)
      .load()
  }

  @Test func firstFileToDefineANameWinsAndUsersComeFromAnyFile() async throws {
    let connection = try load(["KUBECONFIG": "\(first):\(second)"])
    #expect(connection.server == "https://first.example")
    #expect(connection.namespace == "first-ns")
    #expect(connection.userName == "shared-user")
    #expect(try await connection.credentials.current() == .bearer("second-token"))
    #expect(connection.origin == "context \"shared-context\" in \(first)")

    let other = try load(["KUBECONFIG": "\(first):\(second)"], context: "second-only")
    #expect(other.server == "https://only-second.example")
  }

  @Test func currentContextComesFromTheFirstFileThatSetsIt() throws {
    #expect(try load(["KUBECONFIG": "\(second):\(first)"]).server == "https://only-second.example")

    let silent = try scratch.write("c/config", "clusters: []\n")
    let connection = try load(["KUBECONFIG": "\(silent):\(first):\(second)"])
    #expect(connection.origin == "context \"shared-context\" in \(first)")
  }

  @Test func missingFilesInKubeconfigAreSkipped() throws {
    let missing = scratch.path("nowhere/config")
    #expect(try load(["KUBECONFIG": "\(missing):\(first)::\(second)"]).namespace == "first-ns")

    let error = #expect(throws: KubeconfigError.self) {
      try load(["KUBECONFIG": missing, "HOME": scratch.directory])
    }
    #expect(error?.description == "\(missing): none of the files KUBECONFIG lists exists")
  }

  @Test func explicitPathBeatsKubeconfigAndMustExist() throws {
    let explicit = try scratch.write(
      "explicit.yaml",
      """
      current-context: only
      clusters: [{name: c, cluster: {server: "https://explicit.example"}}]
      users: [{name: u, user: {}}]
      contexts: [{name: only, context: {cluster: c, user: u}}]
      """)
    let environment = ["KUBECONFIG": "\(first):\(second)"]
    #expect(try load(environment, explicitPath: explicit).server == "https://explicit.example")

    let missing = scratch.path("typo.yaml")
    let error = #expect(throws: KubeconfigError.self) {
      try load(environment, explicitPath: missing)
    }
    #expect(error?.description == "\(missing): no such file (given as --kubeconfig)")
  }

  @Test func homeConfigIsReadWithoutKubeconfig() throws {
    try scratch.write(
      "home/.kube/config",
      """
      current-context: home
      clusters: [{name: c, cluster: {server: "https://home.example"}}]
      users: [{name: u, user: {}}]
      contexts: [{name: home, context: {cluster: c, user: u}}]
      """)
    #expect(try load(["HOME": scratch.path("home")]).server == "https://home.example")

    let error = #expect(throws: KubeconfigError.self) {
      try load(["HOME": scratch.path("nobody")])
    }
    #expect(error?.file == scratch.path("nobody") + "/.kube/config")
  }
}
