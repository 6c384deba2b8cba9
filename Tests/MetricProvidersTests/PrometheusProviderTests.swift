import Engine
import Testing

@testable import MetricProviders

@Suite struct PrometheusProviderTests {
  private func metric(
    _ address: String, _ query: String, timeout: Int? = nil, headers: [WebHeader]? = nil
  ) -> AnalysisMetric {
    AnalysisMetric(
      name: "error-rate",
      provider: MetricProviderSpec(
        prometheus: PrometheusMetric(
          address: address, query: query, timeout: timeout, headers: headers)))
  }

  @Test func aVectorIsAnArrayOfItsValuesInOrder() async throws {
    try await MetricServer.with { server, providers in
      let headers = [WebHeader(key: "X-Scope-OrgID", value: "tenant-a")]
      let result = await measure(
        providers,
        metric(
          server.base + "/", PrometheusAnswers.errorRate, timeout: 7, headers: headers))
      #expect(result == .success(.array([.double(0.05), .double(1)])))
      let request = try #require(server.requests.last)
      #expect(request.path == "/api/v1/query")
      #expect(request.parameters["query"] == PrometheusAnswers.errorRate)
      #expect(request.parameters["timeout"] == "7s")
      #expect(request.headers["x-scope-orgid"] == "tenant-a")
    }
  }

  @Test func aScalarIsANumberAndNoTimeoutIsSentWithoutOne() async throws {
    try await MetricServer.with { server, providers in
      let result = await measure(providers, metric(server.base, "scalar"))
      #expect(result == .success(.double(42.5)))
      #expect(server.requests.last?.parameters["timeout"] == nil)
    }
  }

  @Test func notANumberAndInfinitiesAreKept() async throws {
    try await MetricServer.with { server, providers in
      let result = await measure(providers, metric(server.base, "specials"))
      let values = try #require(try result.get().arrayValue)
      #expect(values.count == 3)
      guard values.count == 3, case .double(let nan) = values[0] else {
        Issue.record("not three doubles: \(values)")
        return
      }
      #expect(nan.isNaN)
      #expect(values[1] == .double(.infinity))
      #expect(values[2] == .double(-.infinity))
    }
  }

  /// Each case: the query, and what the error message must name.
  @Test(arguments: [
    ("empty", ["returned no series"]),
    ("bad", ["bad_data", "1:4: parse error: unexpected end", "400"]),
    ("malformed", ["did not answer with Prometheus' query JSON", "a proxy's login page"]),
    ("down", ["answered 503", "overloaded, try later"]),
    ("matrix", ["matrix result is not supported"]),
  ])
  func answersThatAreErrors(query: String, named: [String]) async throws {
    try await MetricServer.with { server, providers in
      let message = try #require(
        failureMessage(await measure(providers, metric(server.base, query))))
      #expect(message.contains("prometheus at \(server.base)"))
      for part in named { #expect(message.contains(part), "\(message)") }
    }
  }

  @Test func aClosedPortIsAnErrorNamingTheAddress() async throws {
    let port = try await closedPort()
    let providers = HTTPMetricProviders()
    let address = "http://127.0.0.1:\(port)"
    let result = await measure(providers, metric(address, "up", timeout: 2))
    await providers.shutdown()
    let message = try #require(failureMessage(result))
    #expect(message.contains("prometheus at \(address): could not connect: connection refused"))
  }

  @Test func aSlowServerTimesOut() async throws {
    try await MetricServer.with { server, providers in
      let message = try #require(
        failureMessage(await measure(providers, metric(server.base, "slow", timeout: 1))))
      #expect(message.contains("no answer within the timeout of 1s"), "\(message)")
    }
  }

  @Test func aNegativeTimeoutAndAnAddressThatIsNoURLAreErrors() async throws {
    let providers = HTTPMetricProviders()
    let negative = await measure(providers, metric("http://127.0.0.1:1", "up", timeout: -1))
    let noURL = await measure(providers, metric("prometheus:9090", "up"))
    await providers.shutdown()
    #expect(failureMessage(negative)?.contains("timeout -1 is negative") == true)
    #expect(failureMessage(noURL)?.contains("is not an http(s) URL") == true)
  }

  @Test(
    arguments: [
      ("http://p:9090", "up", nil, "http://p:9090/api/v1/query?query=up"),
      ("http://p:9090//", "up", 30, "http://p:9090/api/v1/query?query=up&timeout=30s"),
      (
        "https://p/prom", #"rate(x{a="b"}[5m]) > 0.5"#, nil,
        "https://p/prom/api/v1/query?query=rate%28x%7Ba%3D%22b%22%7D%5B5m%5D%29%20%3E%200.5"
      ),
      ("http://p", "é+&", 0, "http://p/api/v1/query?query=%C3%A9%2B%26"),
    ] as [(String, String, Int?, String)])
  func theQueryURL(address: String, query: String, timeout: Int?, expected: String) {
    let spec = PrometheusMetric(address: address, query: query, timeout: timeout)
    #expect(PrometheusProvider.queryURL(spec) == expected)
  }
}

/// A loopback port nothing listens on: bound by a server that is then stopped.
func closedPort() async throws -> Int {
  let server = try await MetricServer.start()
  let port = server.port
  await server.stop()
  return port
}
