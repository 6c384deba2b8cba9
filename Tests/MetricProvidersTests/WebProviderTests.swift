import Engine
import Testing

@testable import MetricProviders

@Suite struct WebProviderTests {
  private func metric(_ web: WebMetric) -> AnalysisMetric {
    AnalysisMetric(name: "health", provider: MetricProviderSpec(web: web))
  }

  @Test(arguments: [
    ("{$.data.ok}", JSONValue.bool(true)),
    ("{.data.items[0].value}", .double(0.5)),
    ("{.data.items[*].value}", .array([.double(0.5), .int(2)])),
    ("{$['name']}", .string("canary")),
  ])
  func getWithAJSONPath(path: String, expected: JSONValue) async throws {
    try await MetricServer.with { server, providers in
      let web = WebMetric(
        url: server.base + "/web/doc",
        headers: [WebHeader(key: "Authorization", value: "Bearer t")],
        jsonPath: path)
      #expect(await measure(providers, metric(web)) == .success(expected))
      let request = try #require(server.requests.last)
      #expect(request.method == "GET")
      #expect(request.headers["authorization"] == "Bearer t")
    }
  }

  @Test func withoutAPathTheWholeDocumentIsTheValue() async throws {
    try await MetricServer.with { server, providers in
      let result = await measure(providers, metric(WebMetric(url: server.base + "/web/doc")))
      let document = try JSONValue(exactText: WebAnswers.document)
      #expect(result == .success(document))
    }
  }

  @Test func postSendsTheJSONBody() async throws {
    try await MetricServer.with { server, providers in
      let body: JSONValue = .object(["service": .string("web"), "window": .int(300)])
      let web = WebMetric(url: server.base + "/web/echo", method: "post", jsonBody: body)
      let echoed = try await measure(providers, metric(web)).get()
      #expect(echoed["method"] == .string("POST"))
      #expect(echoed["contentType"] == .string("application/json"))
      #expect(echoed["body"] == body)
    }
  }

  @Test func putSendsTheTextBodyWithItsOwnContentType() async throws {
    try await MetricServer.with { server, providers in
      let web = WebMetric(
        url: server.base + "/web/echo", method: "PUT",
        headers: [WebHeader(key: "Content-Type", value: "text/plain")], body: "a=1",
        jsonPath: "{$.body}")
      let echoed = await measure(providers, metric(web))
      #expect(echoed == .success(.string("a=1")))
      #expect(server.requests.last?.headers["content-type"] == "text/plain")
    }
  }

  /// Each case: the endpoint, the path, and what the error message must name.
  @Test(
    arguments: [
      ("/web/doc", "{$.data.missing}", ["{$.data.missing}", "$.data has no member \"missing\""]),
      ("/web/doc", "{.data.items[5].value}", ["index 5 is out of range at $.data.items"]),
      ("/web/doc", "{.data.ok.value}", ["$.data.ok is a boolean"]),
      ("/web/doc", "{.data[?(@.ok)]}", ["filters", "are not supported"]),
      ("/web/text", nil, ["did not answer JSON", "plain words, not JSON"]),
      ("/web/fail", nil, ["answered 500", "database connection refused"]),
    ] as [(String, String?, [String])])
  func answersThatAreErrors(endpoint: String, path: String?, named: [String]) async throws {
    try await MetricServer.with { server, providers in
      let url = server.base + endpoint
      let result = await measure(providers, metric(WebMetric(url: url, jsonPath: path)))
      let message = try #require(failureMessage(result))
      #expect(message.contains("web metric \(url)"))
      for part in named { #expect(message.contains(part), "\(message)") }
    }
  }

  @Test func aSlowEndpointTimesOut() async throws {
    try await MetricServer.with { server, providers in
      let web = WebMetric(url: server.base + "/web/slow", timeoutSeconds: 1)
      let message = try #require(failureMessage(await measure(providers, metric(web))))
      #expect(message.contains("no answer within the timeout of 1s"), "\(message)")
    }
  }

  @Test func aClosedPortIsAnError() async throws {
    let url = "http://127.0.0.1:\(try await closedPort())/health"
    let providers = HTTPMetricProviders()
    let result = await measure(providers, metric(WebMetric(url: url, timeoutSeconds: 2)))
    await providers.shutdown()
    #expect(failureMessage(result)?.contains("web metric \(url)") == true)
  }

  /// Specs refused before anything is sent.
  @Test(arguments: [
    (WebMetric(url: "http://h", method: "DELETE"), "DELETE is not one of GET, POST, PUT"),
    (WebMetric(url: "http://h", body: "x"), "a body is sent only with POST or PUT"),
    (
      WebMetric(url: "http://h", method: "POST", body: "x", jsonBody: .int(1)),
      "body and jsonBody are both set"
    ),
  ])
  func specsThatCannotBeSent(web: WebMetric, named: String) {
    guard case .failure(let error) = WebProvider.prepare(web) else {
      Issue.record("\(web) was prepared")
      return
    }
    #expect(error.message.contains(named), "\(error.message)")
  }

  @Test func theRouterRefusesAProviderItDoesNotServe() async {
    let providers = HTTPMetricProviders()
    let simulated = AnalysisMetric(
      name: "m", provider: MetricProviderSpec(simulated: SimulatedMetric()))
    let none = AnalysisMetric(name: "n", provider: MetricProviderSpec())
    let results = [
      await measure(providers, simulated), await measure(providers, none),
    ]
    await providers.shutdown()
    #expect(failureMessage(results[0])?.contains("simulated provider is not answered") == true)
    #expect(failureMessage(results[1])?.contains("metric n names no provider") == true)
  }
}
