import Engine
import Foundation
import Manifests
import Testing

/// Strict field validation: a field the kind does not have is an error naming its path and the
/// closest known name; fields of the kind that rollout does not model stay accepted.
struct UnknownFieldTests {
  /// `web` with `extra` spliced in: (the text to replace in `ManifestLoaderTests.web`, its
  /// replacement).
  static func web(_ edit: (String, String)) -> String {
    ManifestLoaderTests.web.replacingOccurrences(of: edit.0, with: edit.1)
  }

  struct Typo: Sendable, CustomStringConvertible {
    var edit: (String, String)
    var path: String
    var suggestion: String?
    var description: String { path }
  }

  static let typos: [Typo] = [
    Typo(edit: ("replicas: 3", "replicsa: 3"), path: "spec.replicsa", suggestion: "replicas"),
    Typo(
      edit: ("  replicas: 3", "  replicas: 3\n  strategy:\n    rollingUpdate: {maxSurg: 25%}"),
      path: "spec.strategy.rollingUpdate.maxSurg", suggestion: "maxSurge"),
    Typo(
      edit: ("image: nginx:1.25", "image: nginx:1.25\n          imagePullPolicey: Always"),
      path: "spec.template.spec.containers[0].imagePullPolicey", suggestion: "imagePullPolicy"),
    Typo(
      edit: ("      containers:", "      nodeSelektor: {disk: ssd}\n      containers:"),
      path: "spec.template.spec.nodeSelektor", suggestion: "nodeSelector"),
    Typo(
      edit: ("  name: web", "  name: web\n  lables: {a: b}"), path: "metadata.lables",
      suggestion: "labels"),
    Typo(
      edit: ("  name: web", "  name: web\n  annotations: {rollout.dev/stratgy: canary}"),
      path: "metadata.annotations.rollout.dev/stratgy", suggestion: "rollout.dev/strategy"),
    Typo(
      edit: ("  replicas: 3", "  replicas: 3\n  frobnicate: true"), path: "spec.frobnicate",
      suggestion: nil),
  ]

  @Test(arguments: typos)
  func strictRefusesNamingFieldAndClosestName(_ typo: Typo) throws {
    let error = try #require(throws: ManifestError.self) {
      try ManifestLoader.load(yaml: Self.web(typo.edit), file: "app.yaml")
    }
    #expect(error.problems.map(\.path) == [typo.path], "\(error)")
    let message = error.problems.first?.message ?? ""
    if let suggestion = typo.suggestion {
      #expect(message.hasSuffix("(did you mean \"\(suggestion)\"?)"), "\(message)")
    } else {
      #expect(!message.contains("did you mean"), "\(message)")
    }
  }

  @Test(arguments: typos)
  func warnLoadsAndReports(_ typo: Typo) throws {
    let loaded = try ManifestLoader.load(
      yaml: Self.web(typo.edit), file: "app.yaml", validation: .warn)
    #expect(loaded.deployments.count == 1)
    #expect(loaded.warnings.contains { $0.contains(typo.path) }, "\(loaded.warnings)")
    let ignored = try ManifestLoader.load(
      yaml: Self.web(typo.edit), file: "app.yaml", validation: .ignore)
    #expect(ignored.warnings.isEmpty)
  }

  /// Fields of Kubernetes' schema that rollout does not model load without a word.
  @Test func unmodelledKubernetesFieldsAreAccepted() throws {
    let text = Self.web(
      (
        "      containers:\n        - name: app\n          image: nginx:1.25",
        """
              nodeSelector: {disk: ssd}
              volumes: [{name: data, emptyDir: {}}]
              tolerations: [{key: k, operator: Exists}]
              containers:
                - name: app
                  image: nginx:1.25
                  resources: {limits: {cpu: "1"}}
                  readinessProbe: {httpGet: {path: /, port: 80}}
                  env: [{name: A, value: b}]
                  volumeMounts: [{name: data, mountPath: /data}]
        """
      ))
    let loaded = try ManifestLoader.load(yaml: text, file: "app.yaml")
    #expect(loaded.deployments.first?.spec.template.containers.first?.image == "nginx:1.25")
    #expect(loaded.warnings.isEmpty, "\(loaded.warnings)")
  }

  /// An Argo canary: a misspelt step kind is an error; a known Argo field rollout does not
  /// support (the analysis' dryRun) stays a warning.
  @Test func argoRollout() throws {
    let rollout = """
      apiVersion: argoproj.io/v1alpha1
      kind: Rollout
      metadata: {name: web}
      spec:
        replicas: 4
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web}}
          spec: {containers: [{name: web, image: "web:1"}]}
        strategy:
          canary:
            analysis: {templates: [{templateName: x}], dryRun: [{metricName: m}]}
            steps: [{setWieght: 20}, {pause: {}}]
      """
    let error = try #require(throws: ManifestError.self) {
      try ManifestLoader.load(yaml: rollout, file: "r.yaml")
    }
    #expect(error.problems.map(\.path) == ["spec.strategy.canary.steps[0].setWieght"])
    #expect(error.problems.first?.message.contains("\"setWeight\"") == true)
    let fixed = try ManifestLoader.load(
      yaml: rollout.replacingOccurrences(of: "setWieght", with: "setWeight"), file: "r.yaml")
    #expect(fixed.warnings.contains { $0.contains("spec.strategy.canary.analysis.dryRun") })
  }

  @Test(arguments: [
    ("replicas", "replicas", 0), ("replicsa", "replicas", 2), ("maxSurg", "maxSurge", 1),
    ("", "abc", 3), ("kitten", "sitting", 3), ("flaw", "lawn", 2),
  ])
  func editDistance(_ a: String, _ b: String, _ expected: Int) {
    // Levenshtein's textbook pairs (kitten/sitting 3, flaw/lawn 2) and the typos above.
    #expect(FieldSuggestion.editDistance(a, b) == expected)
  }
}
