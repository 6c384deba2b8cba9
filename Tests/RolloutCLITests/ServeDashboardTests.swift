import Foundation
import Testing

/// The dashboard `rollout serve` serves under `/dashboard/` on its port: its own token for
/// actions (the API's bearer token is not it), the Kubernetes API untouched, and actions
/// carried out by the server as its operator verbs are.
@Suite(.serialized) struct ServeDashboardTests {
  static let manifest = """
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: shop
      annotations:
        rollout.dev/strategy: canary
        rollout.dev/strategy-params: |
          steps:
            - setWeight: 20
            - pause: {}
    spec:
      replicas: 4
      selector:
        matchLabels: {app: shop}
      template:
        metadata:
          labels: {app: shop}
        spec:
          containers:
            - name: shop
              image: example/shop:1.0

    """

  /// curl with the served cluster's CA and the given headers only.
  static func curl(_ served: ServeKubectlTests.Served, _ arguments: [String]) throws -> (
    code: Int, body: String
  ) {
    try RolloutCLITests.curl(arguments, caCertificate: served.sandbox.path("state/serve/ca.crt"))
  }

  /// The phase of `shop` in the dashboard's list, polled until it is `phase` (30 s at most).
  static func waitForPhase(_ phase: String, _ served: ServeKubectlTests.Served) throws -> Bool {
    let deadline = ContinuousClock.now + .seconds(30)
    while ContinuousClock.now < deadline {
      let list = try curl(served, ["\(served.address)/dashboard/api/rollouts"])
      if list.body.contains("\"phase\":\"\(phase)\"") { return true }
      usleep(100_000)
    }
    return false
  }

  @Test func theDashboardRidesOnServesPortWithItsOwnToken() throws {
    let served = try ServeKubectlTests.Served()
    defer { _ = try? served.stop() }
    let line =
      served.server.currentStdout.split(separator: "\n")
      .first { $0.hasPrefix("dashboard: ") }.map(String.init) ?? ""
    #expect(line.hasPrefix("dashboard: \(served.address)/dashboard/#token="), "\(line)")
    let token = line.components(separatedBy: "#token=").last ?? ""
    #expect(token.count == 32)

    let v1 = served.sandbox.path("shop.yaml")
    try Self.manifest.write(toFile: v1, atomically: true, encoding: .utf8)
    #expect(try served.kubectl(["apply", "-f", v1]).status == 0)
    #expect(try Self.waitForPhase("Healthy", served))
    let v2 = served.sandbox.path("shop-v2.yaml")
    try Self.manifest.replacingOccurrences(of: "shop:1.0", with: "shop:2.0")
      .write(toFile: v2, atomically: true, encoding: .utf8)
    #expect(try served.kubectl(["apply", "-f", v2]).status == 0)
    #expect(try Self.waitForPhase("Paused", served))

    // The page and the API need no bearer token; the Kubernetes API still does.
    let page = try Self.curl(served, ["\(served.address)/dashboard/"])
    #expect(page.code == 200 && page.body.contains("<html"))
    #expect(try Self.curl(served, ["\(served.address)/api/v1/pods"]).code == 401)

    let config = try String(contentsOfFile: served.kubeconfig, encoding: .utf8)
    let bearer =
      config.split(separator: "\n").first { $0.contains("token:") }?
      .split(separator: " ").last.map(String.init) ?? ""
    let promote = [
      "-X", "POST", "-H", "Content-Type: application/json", "--data", #"{"verb":"promote"}"#,
      "\(served.address)/dashboard/api/rollouts/default/shop/actions",
    ]
    let withBearer = try Self.curl(served, ["-H", "Authorization: Bearer \(bearer)"] + promote)
    #expect(withBearer.code == 403, "\(withBearer.body)")
    #expect(try Self.waitForPhase("Paused", served))

    let done = try Self.curl(served, ["-H", "X-Rollout-Token: \(token)"] + promote)
    #expect(done.code == 200, "\(done.body)")
    #expect(done.body.contains("promote done by rollout serve"))
    #expect(try Self.waitForPhase("Healthy", served))
    let detail = try Self.curl(served, ["\(served.address)/dashboard/api/rollouts/default/shop"])
    #expect(detail.body.contains(#""operator":["promote"]"#))
    let rolled = try served.kubectl([
      "get", "deployment", "shop", "-o", "jsonpath={.spec.template.spec.containers[0].image}",
    ])
    #expect(rolled.stdout == "example/shop:2.0")
  }
}
