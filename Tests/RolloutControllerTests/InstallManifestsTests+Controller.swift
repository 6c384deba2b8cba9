import Engine
import Testing

@testable import RolloutController

/// The controller's Deployment and metrics Service, the options, and the YAML they are
/// written as.
extension InstallManifestsTests {
  @Test func theFlagsLandInTheDeploymentAndService() throws {
    let options = InstallOptions(
      namespace: "delivery", image: "registry.example/rollout:1.2.3", metricsPort: 9100)
    let documents = try InstallYAML.documents(try InstallManifests.yaml(options))
    let deployment = try InstallYAML.object("Deployment", in: documents)
    let pod = try #require(deployment["spec"]?["template"]?["spec"])
    let container = try #require(pod["containers"]?.arrayValue?.first)
    #expect(container["image"] == "registry.example/rollout:1.2.3")
    #expect(
      container["command"] == [
        "rollout", "controller", "--all-namespaces", "--leader-elect", "--metrics-addr", ":9100",
      ])
    #expect(container["ports"] == [["name": "metrics", "containerPort": 9100, "protocol": "TCP"]])
    #expect(container["livenessProbe"]?["httpGet"] == ["path": "/healthz", "port": "metrics"])
    #expect(container["readinessProbe"]?["httpGet"] == ["path": "/readyz", "port": "metrics"])
    #expect(deployment["spec"]?["replicas"] == 2)
    #expect(pod["serviceAccountName"] == "rollout-controller")
    // The selector picks the template's pods, and the Service picks the same pods.
    let labels = try #require(deployment["spec"]?["template"]?["metadata"]?["labels"])
    let selector = try #require(deployment["spec"]?["selector"]?["matchLabels"]?.objectValue)
    #expect(selector.allSatisfy { labels[$0.key] == $0.value } && !selector.isEmpty)
    let service = try InstallYAML.object("Service", in: documents)
    #expect(service["spec"]?["selector"] == .object(selector))
    #expect(
      service["spec"]?["ports"] == [
        ["name": "metrics", "port": 9100, "targetPort": "metrics", "protocol": "TCP"]
      ])
    // Annotation values are strings: kubectl refuses a Boolean or a number there.
    #expect(
      service["metadata"]?["annotations"] == [
        "prometheus.io/scrape": "true", "prometheus.io/port": "9100",
        "prometheus.io/path": "/metrics",
      ])
  }

  @Test func theControllerRunsUnprivileged() throws {
    let deployment = try InstallYAML.object("Deployment", in: try documents())
    let pod = try #require(deployment["spec"]?["template"]?["spec"])
    let container = try #require(pod["containers"]?.arrayValue?.first)
    let context = try #require(container["securityContext"])
    #expect(context["runAsNonRoot"] == true)
    #expect(context["readOnlyRootFilesystem"] == true)
    #expect(context["allowPrivilegeEscalation"] == false)
    #expect(context["capabilities"] == ["drop": ["ALL"]])
    #expect(context["privileged"] == nil)
    #expect((pod["securityContext"]?["runAsUser"]?.intValue ?? 0) > 0)
    #expect(pod["securityContext"]?["seccompProfile"]?["type"] == "RuntimeDefault")
    let resources = try #require(container["resources"])
    for bound in ["requests", "limits"] {
      #expect(resources[bound]?["cpu"]?.stringValue != nil, "\(bound).cpu")
      #expect(resources[bound]?["memory"]?.stringValue != nil, "\(bound).memory")
    }
    // Nothing the restricted Pod Security Standard forbids.
    for field in ["hostNetwork", "hostPID", "hostIPC"] { #expect(pod[field] == nil) }
  }

  @Test(arguments: [
    (InstallOptions(namespace: "Delivery"), "--namespace"),
    (InstallOptions(namespace: ""), "--namespace"),
    (InstallOptions(namespace: "-delivery"), "--namespace"),
    (InstallOptions(namespace: "delivery_1"), "--namespace"),
    (InstallOptions(namespace: String(repeating: "a", count: 64)), "--namespace"),
    (InstallOptions(image: ""), "--image"),
    (InstallOptions(image: "rollout latest"), "--image"),
    (InstallOptions(metricsPort: 0), "--metrics-port"),
    (InstallOptions(metricsPort: 65_536), "--metrics-port"),
  ])
  func badOptionsNameTheirFlag(_ options: InstallOptions, _ flag: String) {
    #expect(throws: InstallOptionsError.self) { try InstallManifests.yaml(options) }
    do {
      try options.validate()
    } catch {
      #expect(error.flag == flag)
      #expect(error.description.hasPrefix("\(flag) "))
    }
  }

  @Test(arguments: [
    InstallOptions(namespace: String(repeating: "a", count: 63)),
    InstallOptions(namespace: "a"), InstallOptions(namespace: "team-1"),
    InstallOptions(image: "ghcr.io/org/rollout@sha256:0123abcd"),
    InstallOptions(metricsPort: 1), InstallOptions(metricsPort: 65_535),
  ])
  func goodOptionsPass(_ options: InstallOptions) throws {
    try options.validate()
  }

  /// Strings that would read back as another type are quoted; everything reads back as given.
  @Test(arguments: [
    "true", "false", "yes", "on", "null", "~", "", "8090", "1", "0x1F", "1e3", ":8090",
    "- x", "a: b", "#x", "'q'", "\"q\"", "100m", "/metrics", "*",
  ])
  func stringsReadBackAsStrings(_ text: String) throws {
    let value: JSONValue = ["s": .string(text), "list": [.string(text)]]
    let back = try InstallYAML.documents(try ManifestYAML.render([value]))
    #expect(back == [value])
  }

  @Test func scalarsAndDocumentsReadBackAsGiven() throws {
    let documents: [JSONValue] = [
      ["apiVersion": "v1", "kind": "A", "n": 8090, "b": true, "x": 0.5, "z": nil, "e": [:]],
      ["apiVersion": "v1", "kind": "B", "list": [], "nested": ["a": [1, 2]]],
    ]
    #expect(try InstallYAML.documents(try ManifestYAML.render(documents)) == documents)
  }

  /// Each document reads apiVersion, kind, metadata first, and the text is the same each time.
  @Test func theOutputIsInManifestOrder() throws {
    let text = try InstallManifests.yaml(InstallOptions())
    let documents = text.components(separatedBy: "---\n").filter { !$0.isEmpty }
    #expect(documents.count == 7)
    for document in documents {
      let keys = document.split(separator: "\n").filter { !$0.hasPrefix(" ") }
        .map { $0.prefix { $0 != ":" } }
      #expect(Array(keys.prefix(3)) == ["apiVersion", "kind", "metadata"], "\(document)")
    }
    #expect(try InstallManifests.yaml(InstallOptions()) == text)
  }
}
