import Dashboard
import Engine
import Foundation
import RolloutAPI
import Testing

/// The dashboard's API over a local store, endpoint by endpoint, through HTTP on a loopback
/// port.
@Suite struct DashboardAPITests {
  @Test func theListSummarisesEveryRollout() async throws {
    let directory = try DashboardFixtures.pausedCanary(others: [
      DashboardFixtures.canary("cart", image: "example/cart:1.0")
    ])
    let dashboard = try await RunningDashboard.start(
      StoreDashboardSource(directory: directory, strategyDirectory: URL(fileURLWithPath: "/")))
    defer { Task { await dashboard.stop() } }
    let answer = try await dashboard.get("/api/rollouts")
    #expect(answer.status == 200)
    #expect(answer.headers["Content-Type"].first?.hasPrefix("application/json") == true)
    let rollouts = answer.json["rollouts"] as? [[String: Any]] ?? []
    #expect(rollouts.map { $0["name"] as? String } == ["cart", "shop"])
    let shop = rollouts[1]
    #expect(shop["phase"] as? String == "Paused")
    #expect(shop["reason"] as? String == "CanaryPauseStep")
    #expect(shop["strategy"] as? String == "canary")
    #expect(shop["revision"] as? Int == 2)
    #expect(shop["setWeight"] as? Int == 20)
    #expect(shop["images"] as? [String] == ["example/shop:2.0"])
    #expect((shop["step"] as? [String: Int]) == ["index": 2, "count": 2])
    #expect(rollouts[0]["phase"] as? String == "Healthy")
    #expect((answer.json["lastEventId"] as? Int ?? 0) >= 1)
  }

  @Test func aRolloutsPageHasItsTreeHistoryDecisionsAndActions() async throws {
    let directory = try DashboardFixtures.pausedCanary()
    let dashboard = try await RunningDashboard.start(
      StoreDashboardSource(directory: directory, strategyDirectory: URL(fileURLWithPath: "/")))
    defer { Task { await dashboard.stop() } }
    let detail = try await dashboard.get("/api/rollouts/default/shop").json
    let sets = detail["replicaSets"] as? [[String: Any]] ?? []
    #expect(sets.map { $0["revision"] as? Int } == [2, 1])
    #expect(sets[0]["roles"] as? [String] == ["canary"])
    #expect(sets[1]["roles"] as? [String] == ["stable"])
    #expect((sets[0]["pods"] as? [Any])?.count == 1)
    #expect((sets[1]["pods"] as? [Any])?.count == 4)
    let history = detail["history"] as? [[String: Any]] ?? []
    #expect(history.map { $0["revision"] as? Int } == [1, 2])
    #expect(history[1]["changeCause"] as? String == "ship 2.0")
    #expect(history[1]["current"] as? Bool == true)
    let decisions = detail["decisions"] as? [[String: Any]] ?? []
    #expect(decisions.contains { ($0["message"] as? String)?.contains("paused") == true })
    #expect(decisions.allSatisfy { $0["strategy"] as? String == "stock:canary" })
    let conditions = detail["conditions"] as? [[String: Any]] ?? []
    #expect(conditions.contains { $0["reason"] as? String == "RolloutPaused" })
    let actions = detail["actions"] as? [[String: Any]] ?? []
    #expect(actions.map { $0["verb"] as? String } == DashboardAction.verbs.map(\.verb))
    let allowed = Dictionary(
      uniqueKeysWithValues: actions.map { ($0["verb"] as! String, $0["allowed"] as! Bool) })
    #expect(allowed["promote"] == true && allowed["resume"] == false && allowed["retry"] == false)

    let missing = try await dashboard.get("/api/rollouts/default/nothing")
    #expect(missing.status == 404)
    #expect((missing.json["error"] as? String)?.contains("\"nothing\" not found") == true)
  }

  @Test func theChartIsTheSimulateDrawingOfTheRevision() async throws {
    let directory = try DashboardFixtures.pausedCanary()
    let dashboard = try await RunningDashboard.start(
      StoreDashboardSource(directory: directory, strategyDirectory: URL(fileURLWithPath: "/")))
    defer { Task { await dashboard.stop() } }
    let chart = try await dashboard.get("/api/rollouts/default/shop/chart.svg")
    #expect(chart.status == 200)
    #expect(chart.headers["Content-Type"].first == "image/svg+xml")
    #expect(chart.body.hasPrefix("<?xml"))
    #expect(chart.body.contains("default/shop: revision 2 (canary)"))
    #expect(chart.body.contains("class=\"pause\""))
    #expect(chart.body.contains("data-replicaset=\"shop-"))
  }

  @Test func promoteNeedsTheTokenAndGoesThroughTheOperatorPath() async throws {
    let directory = try DashboardFixtures.pausedCanary()
    let dashboard = try await RunningDashboard.start(
      StoreDashboardSource(directory: directory, strategyDirectory: URL(fileURLWithPath: "/")))
    defer { Task { await dashboard.stop() } }
    let path = "/api/rollouts/default/shop/actions"
    let promote = #"{"verb": "promote"}"#
    let refusals: [(String, RunningDashboard.Answer)] = [
      ("no token", try await dashboard.post(path, promote, token: .some(nil))),
      ("wrong token", try await dashboard.post(path, promote, token: "x\(dashboard.token)")),
      (
        "another origin",
        try await dashboard.post(
          path, promote,
          headers: [("Content-Type", "application/json"), ("Origin", "http://evil.example")])
      ),
      (
        "cross-site fetch",
        try await dashboard.post(
          path, promote,
          headers: [("Content-Type", "application/json"), ("Sec-Fetch-Site", "cross-site")])
      ),
      ("a form post", try await dashboard.post(path, "verb=promote", headers: [])),
    ]
    for (what, answer) in refusals {
      #expect(answer.status == 403, "\(what): \(answer.body)")
    }
    // Nothing changed.
    let before = try await dashboard.get("/api/rollouts").json["rollouts"] as? [[String: Any]]
    #expect(before?.first?["phase"] as? String == "Paused")

    let unknown = try await dashboard.post(path, #"{"verb": "launch"}"#)
    #expect(unknown.status == 400)
    #expect((unknown.json["error"] as? String)?.contains("unknown action \"launch\"") == true)
    let retry = try await dashboard.post(path, #"{"verb": "retry"}"#)
    #expect(retry.status == 409, "\(retry.body)")

    let done = try await dashboard.post(path, promote)
    #expect(done.status == 200, "\(done.body)")
    #expect((done.json["message"] as? String)?.contains("promote done; now Healthy") == true)
    #expect((done.json["rollout"] as? [String: Any])?["phase"] as? String == "Healthy")
    let decisions =
      try await dashboard.get("/api/rollouts/default/shop").json["decisions"] as? [[String: Any]]
    #expect(decisions?.contains { ($0["operator"] as? [String]) == ["promote"] } == true)
    // Through the same path as `rollout promote`: the store says so to the next session.
    let session = try RolloutSession(directory: directory)
    defer { session.close() }
    let stored = try session.deployment(named: "shop", namespace: "default")
    #expect(RolloutState.read(from: stored).phase == .healthy)
  }

  @Test func readOnlyHidesAndRefusesActions() async throws {
    let directory = try DashboardFixtures.pausedCanary()
    let dashboard = try await RunningDashboard.start(
      StoreDashboardSource(directory: directory, strategyDirectory: URL(fileURLWithPath: "/")),
      readOnly: true)
    defer { Task { await dashboard.stop() } }
    #expect(try await dashboard.get("/api/info").json["readOnly"] as? Bool == true)
    let detail = try await dashboard.get("/api/rollouts/default/shop").json
    #expect((detail["actions"] as? [Any])?.isEmpty == true)
    let refused = try await dashboard.post(
      "/api/rollouts/default/shop/actions", #"{"verb": "promote"}"#)
    #expect(refused.status == 403)
    #expect((refused.json["error"] as? String)?.contains("read-only") == true)
  }

  @Test func whatIfSimulatesAnotherStrategyWithoutTouchingTheStore() async throws {
    let directory = try DashboardFixtures.pausedCanary()
    let source = StoreDashboardSource(
      directory: directory, strategyDirectory: URL(fileURLWithPath: "/"))
    let dashboard = try await RunningDashboard.start(source)
    defer { Task { await dashboard.stop() } }
    let before = await source.version()
    let path = "/api/rollouts/default/shop/whatif"
    let chart = try await dashboard.post(
      path, #"{"strategy": "blue-green", "image": "shop=example/shop:3.0"}"#, token: .some(nil))
    #expect(chart.status == 200, "\(chart.body)")
    #expect(chart.body.contains("what if: stock blue-green, shop update to shop=example/shop:3.0"))
    #expect(await source.version() == before)
    let badImage = try await dashboard.post(path, #"{"image": "cart=x"}"#)
    #expect(badImage.status == 400)
    #expect((badImage.json["error"] as? String)?.contains("no container \"cart\"") == true)
    let badStrategy = try await dashboard.post(path, #"{"strategy": "teleport"}"#)
    #expect(badStrategy.status == 400)
    // A page cannot make the server run a file of its choosing.
    let file = try await dashboard.post(path, #"{"strategy": "/tmp/anything.lua"}"#)
    #expect(file.status == 400)
    #expect((file.json["error"] as? String)?.contains("runs a stock strategy") == true)
    let own = try await dashboard.post(path, #"{"image": "shop=example/shop:3.0"}"#)
    #expect(own.status == 200)
    #expect(own.body.contains("what if: stock canary"))
  }

  @Test func everyAnswerCarriesTheSecurityHeaders() async throws {
    let directory = try DashboardFixtures.pausedCanary()
    let dashboard = try await RunningDashboard.start(
      StoreDashboardSource(directory: directory, strategyDirectory: URL(fileURLWithPath: "/")))
    defer { Task { await dashboard.stop() } }
    let answers = [
      try await dashboard.get("/"), try await dashboard.get("/rollouts/default/shop"),
      try await dashboard.get("/app.js"), try await dashboard.get("/api/rollouts"),
      try await dashboard.get("/nowhere/at/all/here"),
      try await dashboard.post("/api/rollouts/default/shop/actions", "{}", token: .some(nil)),
    ]
    for answer in answers {
      let policy = answer.headers["Content-Security-Policy"].first ?? ""
      #expect(policy.contains("default-src 'none'") && policy.contains("script-src 'self'"))
      #expect(!policy.contains("unsafe-inline"))
      #expect(answer.headers["X-Content-Type-Options"].first == "nosniff")
      #expect(answer.headers["X-Frame-Options"].first == "DENY")
    }
    #expect(answers[0].headers["Content-Type"].first?.hasPrefix("text/html") == true)
    #expect(answers[1].body == answers[0].body)
    #expect(answers[2].headers["Content-Type"].first?.hasPrefix("text/javascript") == true)
    #expect(answers[4].status == 404)

    let rebound = try await dashboard.get("/api/rollouts", headers: [("Host", "evil.example")])
    #expect(rebound.status == 403)
  }
}
