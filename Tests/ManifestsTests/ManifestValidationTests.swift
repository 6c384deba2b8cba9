import Engine
import Foundation
import Manifests
import Testing

/// Each validation failure of a Deployment manifest, with its exact message.
struct ManifestValidationTests {
  struct InvalidCase: Sendable, CustomTestStringConvertible {
    let name: String
    /// (text in `web`, replacement)
    let edits: [(String, String)]
    let expected: [String]
    var testDescription: String { name }
  }

  static let prefix = "app.yaml: document 1 (Deployment \"web\"): "
  static let strategyAt = "  replicas: 3\n"

  static func strategy(_ body: String) -> (String, String) {
    (strategyAt, strategyAt + "  strategy:\n" + body)
  }

  static let invalidCases: [InvalidCase] = [
    .init(
      name: "missing name", edits: [("  name: web\n", "  labels: {app: web}\n")],
      expected: ["app.yaml: document 1 (Deployment): metadata.name: must be non-empty"]),
    .init(
      name: "name not a DNS-1123 subdomain", edits: [("name: web", "name: Web_App")],
      expected: [
        "app.yaml: document 1 (Deployment \"Web_App\"): metadata.name: \"Web_App\" is not a "
          + "lowercase RFC 1123 subdomain: it must consist of lower case alphanumeric characters, "
          + "'-' or '.', and start and end with an alphanumeric character (e.g. 'web' or "
          + "'api.v2'), at most 253 characters"
      ]),
    .init(
      name: "empty selector", edits: [("    matchLabels:\n      app: web\n", "    {}\n")],
      expected: [prefix + "spec.selector: must be non-empty"]),
    .init(
      name: "missing selector", edits: [("  selector:\n    matchLabels:\n      app: web\n", "")],
      expected: [prefix + "spec.selector: must be non-empty"]),
    .init(
      name: "selector does not match template labels",
      edits: [("      labels:\n        app: web", "      labels:\n        app: api")],
      expected: [prefix + "spec.template.metadata.labels: selector does not match template labels"]),
    .init(
      name: "negative replicas", edits: [("replicas: 3", "replicas: -1")],
      expected: [prefix + "spec.replicas: must be greater than or equal to 0, got -1"]),
    .init(
      name: "no containers",
      edits: [
        (
          "      containers:\n        - name: app\n          image: nginx:1.25\n",
          "      containers: []\n"
        )
      ],
      expected: [prefix + "spec.template.spec.containers: must be non-empty"]),
    .init(
      name: "container without image", edits: [("          image: nginx:1.25\n", "")],
      expected: [prefix + "spec.template.spec.containers[0].image: must be non-empty"]),
    .init(
      name: "second container without name or image",
      edits: [
        ("          image: nginx:1.25\n", "          image: nginx:1.25\n        - image: \"\"\n")
      ],
      expected: [
        prefix + "spec.template.spec.containers[1].name: must be non-empty",
        prefix + "spec.template.spec.containers[1].image: must be non-empty",
      ]),
    .init(
      name: "unknown strategy type", edits: [strategy("    type: BlueGreen\n")],
      expected: [
        prefix + "spec.strategy.type: must be \"RollingUpdate\" or \"Recreate\", got \"BlueGreen\""
      ]),
    .init(
      name: "rollingUpdate with Recreate",
      edits: [strategy("    type: Recreate\n    rollingUpdate:\n      maxSurge: 1\n")],
      expected: [
        prefix
          + "spec.strategy.rollingUpdate: may not be specified when strategy type is 'Recreate'"
      ]),
    .init(
      name: "maxSurge not a percentage",
      edits: [strategy("    rollingUpdate:\n      maxSurge: abc\n")],
      expected: [
        prefix
          + "spec.strategy.rollingUpdate.maxSurge: must be an integer >= 0 or a percentage such as \"25%\", got \"abc\""
      ]),
    .init(
      name: "negative maxUnavailable percentage",
      edits: [strategy("    rollingUpdate:\n      maxUnavailable: -5%\n")],
      expected: [
        prefix
          + "spec.strategy.rollingUpdate.maxUnavailable: must be greater than or equal to 0, got -5%"
      ]),
    .init(
      name: "maxUnavailable over 100%",
      edits: [strategy("    rollingUpdate:\n      maxUnavailable: 150%\n")],
      expected: [
        prefix
          + "spec.strategy.rollingUpdate.maxUnavailable: must not be greater than 100%, got 150%"
      ]),
    .init(
      name: "both fenceposts zero",
      edits: [strategy("    rollingUpdate:\n      maxSurge: 0\n      maxUnavailable: 0%\n")],
      expected: [
        prefix + "spec.strategy.rollingUpdate.maxUnavailable: may not be 0 when maxSurge is 0"
      ]),
    .init(
      name: "negative revisionHistoryLimit",
      edits: [(strategyAt, strategyAt + "  revisionHistoryLimit: -2\n")],
      expected: [prefix + "spec.revisionHistoryLimit: must be greater than or equal to 0, got -2"]),
    .init(
      name: "negative minReadySeconds",
      edits: [(strategyAt, strategyAt + "  minReadySeconds: -1\n")],
      expected: [prefix + "spec.minReadySeconds: must be greater than or equal to 0, got -1"]),
    .init(
      name: "progressDeadlineSeconds not above minReadySeconds",
      edits: [(strategyAt, strategyAt + "  minReadySeconds: 30\n  progressDeadlineSeconds: 30\n")],
      expected: [
        prefix + "spec.progressDeadlineSeconds: must be greater than minReadySeconds (30), got 30"
      ]),
    .init(
      name: "default progressDeadlineSeconds not above minReadySeconds",
      edits: [(strategyAt, strategyAt + "  minReadySeconds: 700\n")],
      expected: [
        prefix
          + "spec.progressDeadlineSeconds: must be greater than minReadySeconds (700), got 600 (the default)"
      ]),
    .init(
      name: "replicas of the wrong type", edits: [("replicas: 3", "replicas: three")],
      expected: [prefix + "spec.replicas: expected an integer, got \"three\""]),
    .init(
      name: "minReadySeconds a list",
      edits: [(strategyAt, strategyAt + "  minReadySeconds: [1]\n")],
      expected: [prefix + "spec.minReadySeconds: expected an integer, got a list"]),
    .init(
      name: "labels not a map", edits: [("      labels:\n        app: web", "      labels: web")],
      expected: [prefix + "spec.template.metadata.labels: expected a map, got \"web\""]),
    .init(
      name: "maxSurge a map", edits: [strategy("    rollingUpdate:\n      maxSurge: {a: 1}\n")],
      expected: [
        prefix
          + "spec.strategy.rollingUpdate.maxSurge: expected an integer or a percentage such as \"25%\", got a map"
      ]),
    .init(
      name: "bad selector operator",
      edits: [
        (
          "    matchLabels:\n      app: web\n",
          "    matchLabels:\n      app: web\n    matchExpressions:\n      - {key: tier, operator: Maybe}\n"
        )
      ],
      expected: [
        prefix
          + "spec.selector.matchExpressions[0].operator: Cannot initialize Operator from invalid String value Maybe"
      ]),
    .init(
      name: "old apiVersion", edits: [("apps/v1", "extensions/v1beta1")],
      expected: [
        prefix
          + "apiVersion: \"extensions/v1beta1\" is not supported for Deployment; use \"apps/v1\""
      ]),
    .init(
      name: "missing kind", edits: [("kind: Deployment\n", "")],
      expected: ["app.yaml: document 1: kind: required value is missing"]),
    .init(
      name: "several problems at once",
      edits: [
        ("replicas: 3", "replicas: -3"), ("          image: nginx:1.25\n", ""),
        ("app: web\n  template", "app: other\n  template"),
      ],
      expected: [
        prefix + "spec.template.metadata.labels: selector does not match template labels",
        prefix + "spec.replicas: must be greater than or equal to 0, got -3",
        prefix + "spec.template.spec.containers[0].image: must be non-empty",
      ]),
  ]

  @Test(arguments: invalidCases)
  func invalidDeployment(_ c: InvalidCase) {
    var yaml = ManifestLoaderTests.web
    for (old, new) in c.edits {
      #expect(yaml.contains(old), "edit \(old) does not apply")
      yaml = yaml.replacingOccurrences(of: old, with: new)
    }
    do {
      let manifest = try ManifestLoader.load(yaml: yaml, file: "app.yaml")
      Issue.record("expected an error, loaded \(manifest.objects)")
    } catch {
      #expect(error.description.split(separator: "\n").map(String.init) == c.expected)
    }
  }
}
