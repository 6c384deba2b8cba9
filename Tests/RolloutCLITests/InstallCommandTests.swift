import Foundation
import Testing

/// `rollout install` as an admin runs it: the manifests on standard output, ready for
/// `kubectl apply -f -`.
@Suite struct InstallCommandTests {
  static let kubectl = "/usr/bin/kubectl"

  @Test func printsTheManifests() throws {
    let box = try Sandbox()
    let result = try box.run(["install"])
    #expect(result.status == 0, "\(result)")
    #expect(result.stderr.isEmpty, "\(result)")
    for line in [
      "kind: CustomResourceDefinition", "name: rollouts.argoproj.io", "kind: Namespace",
      "name: rollout-system", "kind: ServiceAccount", "kind: ClusterRole",
      "kind: ClusterRoleBinding", "kind: Deployment", "image: rollout:latest", "kind: Service",
    ] {
      #expect(result.stdout.contains(line), "no `\(line)` in\n\(result.stdout)")
    }
  }

  @Test func theFlagsChangeTheOutput() throws {
    let box = try Sandbox()
    let result = try box.run([
      "install", "--namespace", "delivery", "--image", "registry.example/rollout:0.1.0",
      "--metrics-port", "9100",
    ])
    #expect(result.status == 0, "\(result)")
    #expect(result.stdout.contains("namespace: delivery"))
    #expect(result.stdout.contains("image: registry.example/rollout:0.1.0"))
    #expect(result.stdout.contains("containerPort: 9100"))
    #expect(!result.stdout.contains("rollout-system") && !result.stdout.contains("8090"))
  }

  @Test(arguments: [
    (["--namespace", "Not_A_Namespace"], "--namespace"),
    (["--image", ""], "--image"),
    (["--metrics-port", "0"], "--metrics-port"),
  ])
  func badFlagsAreBadInput(_ flags: [String], _ named: String) throws {
    let box = try Sandbox()
    let result = try box.run(["install"] + flags)
    #expect(result.status == 2, "\(result)")
    #expect(result.stdout.isEmpty, "\(result)")
    #expect(result.stderr.contains(named), "\(result)")
  }

  /// `kubectl apply --dry-run=client` takes every document as the object it claims to be,
  /// against a stand-in API server that has the resources' discovery and none of the objects
  /// (kubectl asks for each one before applying it). Skipped where kubectl is not installed.
  @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: kubectl)))
  func kubectlAppliesTheOutput() throws {
    let box = try Sandbox()
    let install = try box.run(["install", "--namespace", "delivery"])
    #expect(install.status == 0, "\(install)")
    let manifests = try box.write("install.yaml", install.stdout)
    let server = try FakeDiscoveryServer(resources: [
      .init(groupVersion: "v1", plural: "namespaces", kind: "Namespace", namespaced: false),
      .init(
        groupVersion: "v1", plural: "serviceaccounts", kind: "ServiceAccount", namespaced: true),
      .init(groupVersion: "v1", plural: "services", kind: "Service", namespaced: true),
      .init(groupVersion: "apps/v1", plural: "deployments", kind: "Deployment", namespaced: true),
      .init(
        groupVersion: "rbac.authorization.k8s.io/v1", plural: "clusterroles",
        kind: "ClusterRole", namespaced: false),
      .init(
        groupVersion: "rbac.authorization.k8s.io/v1", plural: "clusterrolebindings",
        kind: "ClusterRoleBinding", namespaced: false),
      .init(
        groupVersion: "apiextensions.k8s.io/v1", plural: "customresourcedefinitions",
        kind: "CustomResourceDefinition", namespaced: false),
    ])
    let kubeconfig = try box.write(
      "kubeconfig",
      """
      apiVersion: v1
      kind: Config
      clusters:
      - name: fake
        cluster:
          server: http://127.0.0.1:\(server.port)
      users:
      - name: fake
        user: {}
      contexts:
      - name: fake
        context: {cluster: fake, user: fake}
      current-context: fake
      """)
    let home = box.path("home")
    try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: Self.kubectl)
    process.arguments = ["apply", "--dry-run=client", "--validate=false", "-f", "-"]
    process.environment = [
      "KUBECONFIG": kubeconfig, "KUBECACHEDIR": box.path("home/cache"), "HOME": home,
      "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
    ]
    process.currentDirectoryURL = box.directory
    process.standardInput = try FileHandle(forReadingFrom: URL(fileURLWithPath: manifests))
    let output = try box.write("kubectl.out", "")
    process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: output))
    process.standardError = process.standardOutput
    try process.run()
    process.waitUntilExit()
    let text = try String(contentsOfFile: output, encoding: .utf8)
    #expect(process.terminationStatus == 0, "kubectl apply --dry-run=client:\n\(text)")
    for object in [
      "namespace/delivery", "customresourcedefinition.apiextensions.k8s.io/rollouts.argoproj.io",
      "serviceaccount/rollout-controller",
      "clusterrole.rbac.authorization.k8s.io/rollout-controller",
      "clusterrolebinding.rbac.authorization.k8s.io/rollout-controller",
      "deployment.apps/rollout-controller", "service/rollout-controller-metrics",
    ] {
      #expect(text.contains("\(object) created (dry run)"), "kubectl: \(object)?\n\(text)")
    }
  }
}
