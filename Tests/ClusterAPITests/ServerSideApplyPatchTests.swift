import Engine
import Testing

@testable import ClusterAPI

/// `application/apply-patch+yaml`: server-side apply creates, merges onto the live object and
/// removes what the same manager applied before and no longer applies.
@Suite struct ServerSideApplyPatchTests {
  static let v1 = yaml(
    """
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: web, labels: {app: web, tier: front}}
    spec:
      replicas: 3
      selector: {matchLabels: {app: web}}
      template:
        metadata: {labels: {app: web}}
        spec:
          containers:
          - name: web
            image: example/web:1.0
            env: [{name: A, value: "1"}, {name: B, value: "2"}]
    """)

  /// v1 as the server holds it: defaulted and written to by others.
  static let live = yaml(
    """
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: web
      uid: 6f1c7a52-0000-4000-8000-000000000001
      labels: {app: web, tier: front}
      annotations: {deployment.kubernetes.io/revision: "1"}
      finalizers: [example.com/keep]
    spec:
      replicas: 3
      selector: {matchLabels: {app: web}}
      strategy:
        type: RollingUpdate
        rollingUpdate: {maxSurge: 25%, maxUnavailable: 25%}
      template:
        metadata: {labels: {app: web}}
        spec:
          containers:
          - name: web
            image: example/web:1.0
            env: [{name: A, value: "1"}, {name: B, value: "2"}]
            terminationMessagePath: /dev/termination-log
          - {name: injected-proxy, image: example/proxy:1}
    status: {replicas: 3}
    """)

  private func apply(_ applied: JSONValue, live: JSONValue? = live, previous: JSONValue? = v1)
    throws(APIError) -> JSONValue
  {
    try ServerSideApply.apply(
      applied: applied, live: live, previouslyApplied: previous, kind: "Deployment",
      isCustomResource: false)
  }

  @Test func aMissingObjectIsCreatedFromTheConfiguration() throws {
    let applied = replacing(Self.v1, at: ["spec", "paused"], with: .null)
    #expect(try apply(applied, live: nil, previous: nil) == Self.v1)
  }

  @Test func reapplyingTheSameConfigurationChangesNothing() throws {
    #expect(try apply(Self.v1) == Self.live)
  }

  @Test func fieldsOtherWritersSetAreKept() throws {
    let applied = replacing(Self.v1, at: ["spec", "replicas"], with: 5)
    let result = try apply(applied)
    #expect(result == replacing(Self.live, at: ["spec", "replicas"], with: 5))
  }

  @Test func whatTheManagerNoLongerAppliesIsRemoved() throws {
    // v2 drops the label `tier` and the env var B, and adds a container.
    let v2 = yaml(
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web, labels: {app: web}}
      spec:
        replicas: 3
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web}}
          spec:
            containers:
            - name: web
              image: example/web:2.0
              env: [{name: A, value: "1"}]
            - {name: metrics, image: example/metrics:1}
      """)
    let result = try apply(v2)
    #expect(result["metadata"]?["labels"] == ["app": "web"])
    #expect(result["metadata"]?["finalizers"] == ["example.com/keep"])
    let containers = try #require(result["spec"]?["template"]?["spec"]?["containers"]?.arrayValue)
    #expect(containers.map { $0["name"] } == ["web", "metrics", "injected-proxy"])
    #expect(containers[0]["env"] == [["name": "A", "value": "1"]])
    #expect(containers[0]["image"] == "example/web:2.0")
    #expect(containers[0]["terminationMessagePath"] == "/dev/termination-log")
    #expect(result["status"] == Self.live["status"])
  }

  @Test func aDroppedContainerAndFinalizerAreRemoved() throws {
    let previous = replacing(Self.v1, at: ["metadata", "finalizers"], with: ["example.com/keep"])
    let applied = replacing(
      replacing(Self.v1, at: ["spec", "template", "spec", "containers"], with: []),
      at: ["metadata", "finalizers"], with: [])
    let result = try apply(applied, previous: previous)
    #expect(result["metadata"]?["finalizers"] == [])
    #expect(
      result["spec"]?["template"]?["spec"]?["containers"]
        == [["name": "injected-proxy", "image": "example/proxy:1"]])
  }

  @Test func switchingTheStrategyToRecreateClearsTheDefaultedRollingUpdate() throws {
    let applied = replacing(Self.v1, at: ["spec", "strategy"], with: ["type": "Recreate"])
    let result = try apply(applied)
    #expect(result["spec"]?["strategy"] == ["type": "Recreate"])
  }

  @Test func customResourcesReplaceListsAndMergeObjects() throws {
    let live = yaml(
      "{kind: Rollout, spec: {steps: [{setWeight: 20}, {pause: {}}], paused: true}, status: {phase: Paused}}"
    )
    let previous = yaml(
      "{kind: Rollout, spec: {steps: [{setWeight: 20}, {pause: {}}], paused: true}}")
    let applied = yaml("{kind: Rollout, spec: {steps: [{setWeight: 50}]}}")
    let result = try ServerSideApply.apply(
      applied: applied, live: live, previouslyApplied: previous, kind: "Rollout",
      isCustomResource: true)
    #expect(
      result == yaml("{kind: Rollout, spec: {steps: [{setWeight: 50}]}, status: {phase: Paused}}"))
  }

  @Test func theBodyMayBeYAMLOrJSON() throws {
    let fromYAML = try ServerSideApply.configuration(
      from: Array("apiVersion: v1\nkind: ConfigMap\ndata: {replicas: \"3\", n: 3}\n".utf8))
    #expect(
      fromYAML == ["apiVersion": "v1", "kind": "ConfigMap", "data": ["replicas": "3", "n": 3]])
    let fromJSON = try ServerSideApply.configuration(
      from: Array(#"{"apiVersion":"v1","kind":"ConfigMap","data":{"ratio":"0.5"},"x":1.0}"#.utf8))
    #expect(
      fromJSON == ["apiVersion": "v1", "kind": "ConfigMap", "data": ["ratio": "0.5"], "x": 1.0])
  }

  @Test func aBodyThatIsNotAnObjectIsA400() throws {
    for body in ["[1, 2]", "a: [b", "just text"] {
      let error = try #require(throws: APIError.self) {
        try ServerSideApply.configuration(from: Array(body.utf8))
      }
      #expect(error.code == 400 && error.message.hasPrefix("error decoding YAML: "), "\(body)")
    }
  }

  @Test func patchingWithApplyMergesWithoutAPreviousConfiguration() throws {
    let body =
      #"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"replicas":7}}"#
    let result = try Patching.apply(
      .apply, body: Array(body.utf8), to: Self.live, kind: "Deployment", isCustomResource: false)
    #expect(result == replacing(Self.live, at: ["spec", "replicas"], with: 7))
  }
}
