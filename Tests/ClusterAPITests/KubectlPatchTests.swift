import Engine
import Testing

@testable import ClusterAPI

/// The patches kubectl 1.32 sends, with the bodies its commands compute (set image, rollout
/// pause/resume/restart/undo, scale, client-side apply), applied to a served Deployment.
@Suite struct KubectlPatchTests {
  /// A Deployment as the server holds it after `kubectl apply -f examples/web-v1.yaml` (with a
  /// sidecar and env added to exercise the merge keys).
  static let live = yaml(
    """
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: web
      namespace: default
      uid: 6f1c7a52-0000-4000-8000-000000000001
      resourceVersion: "12"
      generation: 2
      labels: {app: web}
      annotations:
        deployment.kubernetes.io/revision: "2"
        kubernetes.io/change-cause: deploy web:1.0
    spec:
      replicas: 10
      revisionHistoryLimit: 5
      selector: {matchLabels: {app: web}}
      strategy:
        type: RollingUpdate
        rollingUpdate: {maxSurge: 25%, maxUnavailable: 25%}
      template:
        metadata:
          labels: {app: web}
          annotations: {team: payments}
        spec:
          containers:
          - name: web
            image: example/web:1.0
            ports: [{containerPort: 8080, protocol: TCP}]
            env: [{name: A, value: "1"}, {name: B, value: "2"}]
          - name: sidecar
            image: example/proxy:3.1
    status:
      observedGeneration: 2
      replicas: 10
    """)

  static let deploymentSpec = ["spec", "template", "spec"]

  private func patch(
    _ type: PatchType, _ body: String, to object: JSONValue = live, kind: String = "Deployment"
  )
    throws -> JSONValue
  {
    try Patching.apply(
      type, body: Array(body.utf8), to: object, kind: kind, isCustomResource: false)
  }

  @Test func setImageChangesOneContainerAndKeepsTheOrder() throws {
    // kubectl set image deployment/web web=example/web:2.0
    let body = """
      {"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"web"},{"name":"sidecar"}],\
      "containers":[{"image":"example/web:2.0","name":"web"}]}}}}
      """
    let result = try patch(.strategic, body)
    let containers = try #require(result["spec"]?["template"]?["spec"]?["containers"])
    #expect(
      containers
        == yaml(
          """
          - name: web
            image: example/web:2.0
            ports: [{containerPort: 8080, protocol: TCP}]
            env: [{name: A, value: "1"}, {name: B, value: "2"}]
          - {name: sidecar, image: example/proxy:3.1}
          """))
    #expect(
      replacing(result, at: Self.deploymentSpec + ["containers"], with: nil)
        == replacing(Self.live, at: Self.deploymentSpec + ["containers"], with: nil))
  }

  @Test func pauseAndResumeSetAndRemoveTheField() throws {
    // kubectl rollout pause / resume
    let paused = try patch(.strategic, #"{"spec":{"paused":true}}"#)
    #expect(paused["spec"]?["paused"] == true)
    let resumed = try patch(.strategic, #"{"spec":{"paused":null}}"#, to: paused)
    #expect(resumed == Self.live)
  }

  @Test func restartAddsTheTemplateAnnotation() throws {
    // kubectl rollout restart deployment/web
    let body = """
      {"spec":{"template":{"metadata":{"annotations":\
      {"kubectl.kubernetes.io/restartedAt":"2025-01-02T03:04:05Z"}}}}}
      """
    let result = try patch(.strategic, body)
    #expect(
      result["spec"]?["template"]?["metadata"]?["annotations"]
        == ["team": "payments", "kubectl.kubernetes.io/restartedAt": "2025-01-02T03:04:05Z"])
  }

  @Test func scaleIsAMergePatchOfTheScaleSubresource() throws {
    // kubectl scale deployment/web --replicas=3 (PATCH .../scale)
    let scale = yaml(
      """
      {kind: Scale, apiVersion: autoscaling/v1, metadata: {name: web, namespace: default},
       spec: {replicas: 10}, status: {replicas: 10, selector: app=web}}
      """)
    let result = try patch(.merge, #"{"spec":{"replicas":3}}"#, to: scale, kind: "Scale")
    #expect(result == replacing(scale, at: ["spec", "replicas"], with: 3))
  }

  @Test func undoReplacesTheTemplateAndTheAnnotations() throws {
    // kubectl rollout undo: the previous ReplicaSet's template (hash label removed, as Go
    // marshals it, creationTimestamp null included) and the annotations to keep.
    let body = """
      [{"op":"replace","path":"/spec/template","value":{"metadata":{"creationTimestamp":null,\
      "labels":{"app":"web"}},"spec":{"containers":[{"name":"web","image":"example/web:0.9",\
      "resources":{}}]}}},{"op":"replace","path":"/metadata/annotations","value":\
      {"deployment.kubernetes.io/revision":"2","kubernetes.io/change-cause":"deploy web:0.9"}}]
      """
    let result = try patch(.json, body)
    #expect(
      result["spec"]?["template"]
        == [
          "metadata": ["creationTimestamp": .null, "labels": ["app": "web"]],
          "spec": ["containers": [["name": "web", "image": "example/web:0.9", "resources": [:]]]],
        ])
    #expect(
      result["metadata"]?["annotations"]
        == [
          "deployment.kubernetes.io/revision": "2", "kubernetes.io/change-cause": "deploy web:0.9",
        ])
    #expect(result["status"] == Self.live["status"])
  }

  @Test func clientSideApplyOfAChangedManifest() throws {
    // kubectl apply -f of the manifest changed to Recreate, image 2.0 and env A only: the
    // three-way patch with $retainKeys for the strategy union and $setElementOrder for lists.
    let body = """
      {"metadata":{"annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{}\\n"}},\
      "spec":{"strategy":{"$retainKeys":["type"],"rollingUpdate":null,"type":"Recreate"},\
      "template":{"spec":{"$setElementOrder/containers":[{"name":"web"},{"name":"sidecar"}],\
      "containers":[{"$setElementOrder/env":[{"name":"A"}],"env":[{"$patch":"delete","name":"B"}],\
      "image":"example/web:2.0","name":"web"}]}}}}
      """
    let result = try patch(.strategic, body)
    #expect(result["spec"]?["strategy"] == ["type": "Recreate"])
    let web = try #require(result["spec"]?["template"]?["spec"]?["containers"]?.arrayValue?.first)
    #expect(web["image"] == "example/web:2.0")
    #expect(web["env"] == [["name": "A", "value": "1"]])
    #expect(
      web["ports"]
        == Self.live["spec"]?["template"]?["spec"]?["containers"]?.arrayValue?[0]["ports"])
    #expect(
      result["metadata"]?["annotations"]
        == [
          "deployment.kubernetes.io/revision": "2", "kubernetes.io/change-cause": "deploy web:1.0",
          "kubectl.kubernetes.io/last-applied-configuration": "{}\n",
        ])
  }

  @Test func aServiceSelectorPatchMergesAndPortsMergeByPort() throws {
    // What a rollout controller sends to point a Service at a new ReplicaSet, and a port change.
    let service = yaml(
      """
      {apiVersion: v1, kind: Service, metadata: {name: web},
       spec: {selector: {app: web}, ports: [{port: 80, targetPort: 8080}, {port: 443, targetPort: 8443}]}}
      """)
    let body = """
      {"spec":{"selector":{"rollouts-pod-template-hash":"7d9f"},"ports":[{"port":443,"targetPort":9443}]}}
      """
    let result = try patch(.strategic, body, to: service, kind: "Service")
    #expect(result["spec"]?["selector"] == ["app": "web", "rollouts-pod-template-hash": "7d9f"])
    #expect(
      result["spec"]?["ports"] == [
        ["port": 80, "targetPort": 8080], ["port": 443, "targetPort": 9443],
      ])
  }

  @Test func strategicMergeOfACustomResourceIs415() {
    let rollout: JSONValue = ["apiVersion": "argoproj.io/v1alpha1", "kind": "Rollout"]
    #expect(
      throws: APIError(
        code: 415, reason: "UnsupportedMediaType",
        message:
          "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml"
      )
    ) {
      try Patching.apply(
        .strategic, body: Array(#"{"spec":{"paused":true}}"#.utf8), to: rollout, kind: "Rollout",
        isCustomResource: true)
    }
  }

  @Test func customResourcesTakeMergePatches() throws {
    let rollout: JSONValue = ["kind": "Rollout", "spec": ["paused": true, "replicas": 2]]
    let result = try Patching.apply(
      .merge, body: Array(#"{"spec":{"paused":null}}"#.utf8), to: rollout, kind: "Rollout",
      isCustomResource: true)
    #expect(result == ["kind": "Rollout", "spec": ["replicas": 2]])
  }
}

/// `value` with the object member at `path` set to `new` (removed when nil).
func replacing(_ value: JSONValue, at path: [String], with new: JSONValue?) -> JSONValue {
  guard let key = path.first, case .object(var members) = value else { return new ?? .null }
  if path.count == 1 {
    members[key] = new
  } else {
    members[key] = replacing(members[key] ?? .object([:]), at: Array(path.dropFirst()), with: new)
  }
  return .object(members)
}
