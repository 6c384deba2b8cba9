import Engine
import NIOCore
import Testing

@testable import KubeClient

@Suite struct APIStatusTests {
  @Test(
    arguments: [
      (
        APIResource.rollouts, "default", "web", nil,
        "/apis/argoproj.io/v1alpha1/namespaces/default/rollouts/web"
      ),
      (
        .rollouts, "default", "web", "status",
        "/apis/argoproj.io/v1alpha1/namespaces/default/rollouts/web/status"
      ),
      (.configMaps, nil, nil, nil, "/api/v1/configmaps"),
      (.namespaces, "ignored", "prod", nil, "/api/v1/namespaces/prod"),
      (
        .leases, "kube-system", "a b", nil,
        "/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/a%20b"
      ),
    ] as [(APIResource, String?, String?, String?, String)])
  func paths(resource: APIResource, namespace: String?, name: String?, sub: String?, path: String) {
    #expect(resource.path(namespace: namespace, name: name, subresource: sub) == path)
  }

  @Test func aForbiddenRequestNamesTheVerbResourceAndUser() {
    let body = Array(
      #"{"kind":"Status","code":403,"reason":"Forbidden","message":"replicasets.apps is forbidden"}"#
        .utf8)
    var status = APIStatus(
      code: 403, body: body, verb: "create", resource: "replicasets.apps", namespace: "shop",
      name: nil)
    status.user = "system:serviceaccount:rollout-system:rollout-controller"
    #expect(
      status.description
        == "RBAC forbids \"system:serviceaccount:rollout-system:rollout-controller\" to create replicasets.apps in namespace \"shop\" (403 Forbidden): replicasets.apps is forbidden"
    )
  }

  @Test func aBodyThatIsNotAStatusKeepsTheCodeAndText() {
    let status = APIStatus(
      code: 502, body: Array("bad gateway\n".utf8), verb: "get", resource: "pods",
      namespace: "default", name: "x")
    #expect(status.reason == "Error")
    #expect(
      status.description == "get pods \"x\" in namespace \"default\": bad gateway (502 Error)")
    #expect(KubeError.status(status).isTransient)
  }

  @Test func watchLinesSplitAcrossChunks() {
    var splitter = LineSplitter()
    #expect(splitter.feed(ByteBuffer(string: "{\"a\":1}\n{\"b\"")) == [Array("{\"a\":1}".utf8)])
    #expect(splitter.feed(ByteBuffer(string: ":2}\n\n")) == [Array("{\"b\":2}".utf8), []])
  }
}
