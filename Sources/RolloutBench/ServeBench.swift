import ClusterAPI
import Dispatch
import Engine
import Foundation

extension BenchSuite {
  /// The served API without HTTP and TLS: list and table times on 10,000 pods, 200 watchers of a
  /// 1,000-replica rollout at speed 1, and a 1,000-deployment fleet at speed 100.
  static let serve = BenchSuite(name: "serve") {
    // `rollout-bench serve [lists|watchers|fleet]`: one part, or all.
    let part = CommandLine.arguments.dropFirst(2).first
    try blocking {
      if part == nil || part == "lists" { try await ServeBench.lists() }
      if part == nil || part == "watchers" { try await ServeBench.watchers() }
      if part == nil || part == "fleet" { try await ServeBench.fleet() }
    }
  }
}

/// Runs async work from the synchronous suites.
func blocking(_ body: @escaping @Sendable () async throws -> Void) throws {
  let done = DispatchSemaphore(value: 0)
  let failure = FailureBox()
  Task {
    do { try await body() } catch { failure.error = "\(error)" }
    done.signal()
  }
  done.wait()
  if let error = failure.error { throw BenchFailure(error) }
}

private final class FailureBox: @unchecked Sendable { var error: String? }

struct BenchFailure: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}

enum ServeBench {
  static func directory() -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent(
      "serve-bench-\(UUID().uuidString)"
    )
    .path
  }

  static func deployment(_ name: String, replicas: Int, image: String) -> [UInt8] {
    Array(
      """
      {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"\(name)"},
       "spec":{"replicas":\(replicas),"selector":{"matchLabels":{"app":"\(name)"}},
       "template":{"metadata":{"labels":{"app":"\(name)"}},
       "spec":{"containers":[{"name":"web","image":"\(image)"}]}}}}
      """.utf8)
  }

  static func post(_ cluster: ServedCluster, _ body: [UInt8]) async throws {
    let response = await cluster.handle(
      APIRequest(
        method: "POST", path: "/apis/apps/v1/namespaces/default/deployments",
        contentType: "application/json", body: body))
    guard case .body(let status, _, let bytes, _) = response, status == 201 else {
      throw BenchFailure("create failed: \(response)")
    }
    _ = bytes
  }

  static func milliseconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1e3 + Double(duration.components.attoseconds) / 1e15
  }

  static func lists() async throws {
    let cluster = try ServedCluster(directory: directory(), speed: 1)
    try await post(cluster, deployment("web", replicas: 10_000, image: "example/web:1.0"))
    try await cluster.advance(by: 30)
    for (label, accept) in [
      ("list 10,000 pods as JSON", "application/json"),
      (
        "list 10,000 pods as a Table (kubectl get pods)",
        "application/json;as=Table;v=v1;g=meta.k8s.io"
      ),
    ] {
      var times: [Double] = []
      var size = 0
      for _ in 0..<7 {
        let start = ContinuousClock.now
        let response = await cluster.handle(
          APIRequest(method: "GET", path: "/api/v1/namespaces/default/pods", accept: accept))
        times.append(milliseconds(ContinuousClock.now - start))
        if case .body(_, _, let bytes, _) = response { size = bytes.count }
      }
      times.sort()
      Bench.figure(
        "serve: \(label)",
        "median \(Bench.format(times[3], digits: 1)) ms, min \(Bench.format(times[0], digits: 1)) ms (\(size / 1024) KiB)",
        target: label.contains("Table") ? "< 100 ms" : "< 50 ms")
    }
    try await cluster.stop()
  }

  static func watchers() async throws {
    let cluster = try ServedCluster(directory: directory(), speed: 1)
    try await post(cluster, deployment("web", replicas: 1_000, image: "example/web:1.0"))
    try await cluster.advance(by: 30)
    await cluster.probeLatency()
    let count = 200
    var consumers: [Task<(events: Int, ordered: Bool, latencies: [Double]), Never>] = []
    for _ in 0..<count {
      let response = await cluster.handle(
        APIRequest(
          method: "GET", path: "/api/v1/namespaces/default/pods",
          query: ["watch": "true", "resourceVersion": "\(await cluster.currentResourceVersion)"]))
      guard case .watch(_, let stream, _) = response else { throw BenchFailure("no watch") }
      consumers.append(
        Task {
          // Cheap, as a client reading a socket: per chunk (one published batch) the arrival
          // time, the first event's resourceVersion and the number of events.
          var arrivals: [(version: Int, at: ContinuousClock.Instant, events: Int)] = []
          for await chunk in stream {
            let now = ContinuousClock.now
            arrivals.append((resourceVersion(in: chunk.prefix(1024)), now, lines(in: chunk)))
          }
          let versions = arrivals.map(\.version)
          let times = await cluster.publishTimes
          var latencies: [Double] = []
          for arrival in arrivals {
            guard let published = times[arrival.version] else { continue }
            let latency = milliseconds(arrival.at - published)
            latencies += Array(repeating: latency, count: arrival.events)
          }
          return (arrivals.reduce(0) { $0 + $1.events }, versions == versions.sorted(), latencies)
        })
    }
    let clock = Task { await cluster.run() }
    let rolled = try await setImage(cluster, "example/web:2.0")
    let started = ContinuousClock.now
    while ContinuousClock.now - started < .seconds(120) {
      if try await complete(cluster, generation: rolled) { break }
      try await Task.sleep(for: .milliseconds(50))
    }
    let wall = ContinuousClock.now - started
    let resident = Bench.residentKiB()
    try await cluster.stop()
    clock.cancel()
    var events: Set<Int> = []
    var ordered = true
    var latencies: [Double] = []
    for consumer in consumers {
      let result = await consumer.value
      events.insert(result.events)
      ordered = ordered && result.ordered
      latencies += result.latencies
    }
    latencies.sort()
    let p50 = latencies.isEmpty ? 0 : latencies[latencies.count / 2]
    let p99 =
      latencies.isEmpty ? 0 : latencies[min(latencies.count - 1, latencies.count * 99 / 100)]
    Bench.figure(
      "serve: 200 pod watchers, 1,000-replica rollout at speed 1",
      "\(events.sorted().map(String.init).joined(separator: "/")) events each, in order: \(ordered), rollout \(Bench.format(milliseconds(wall) / 1000, digits: 1)) s wall"
    )
    Bench.figure(
      "serve: watch event latency, publish to watcher",
      "p50 \(Bench.format(p50, digits: 2)) ms, p99 \(Bench.format(p99, digits: 2)) ms",
      target: "p99 < 20 ms")
    Bench.figure(
      "serve: resident memory with 200 watchers", "\(resident / 1024) MiB", target: "< 300 MB")
  }

  /// A fleet rolled out through the served API: 1,000 deployments of 10 replicas get a new
  /// image by strategic merge patch, and the cluster is run (unpaced) until all have rolled out.
  /// Then plain GETs, one after another, for two seconds.
  static func fleet() async throws {
    let cluster = try ServedCluster(directory: directory(), speed: 100)
    for index in 0..<1_000 {
      try await post(cluster, deployment("app\(index)", replicas: 10, image: "example/app:1.0"))
    }
    try await cluster.advance(by: 30)
    let cpuBefore = Bench.cpuSeconds()
    let started = ContinuousClock.now
    for index in 0..<1_000 {
      let path = "/apis/apps/v1/namespaces/default/deployments/app\(index)"
      let patch =
        #"{"spec":{"template":{"spec":{"containers":[{"name":"web","image":"example/app:2.0"}]}}}}"#
      _ = await cluster.handle(
        APIRequest(
          method: "PATCH", path: path, contentType: "application/strategic-merge-patch+json",
          body: Array(patch.utf8)))
    }
    try await cluster.advance(by: 120)
    let rolled = milliseconds(ContinuousClock.now - started) / 1000
    let cpu = Bench.cpuSeconds() - cpuBefore
    var requests = 0
    let reading = ContinuousClock.now
    while ContinuousClock.now - reading < .seconds(2) {
      _ = await cluster.handle(
        APIRequest(
          method: "GET", path: "/apis/apps/v1/namespaces/default/deployments/app\(requests % 1000)")
      )
      requests += 1
    }
    let seconds = milliseconds(ContinuousClock.now - reading) / 1000
    try await cluster.stop()
    Bench.figure(
      "serve: fleet of 1,000 deployments x 10 rolled out by patches",
      "\(Bench.format(rolled, digits: 1)) s wall for 120 virtual s (\(Bench.format(120 / rolled, digits: 0))x), CPU \(Bench.format(cpu, digits: 1)) s = \(Bench.format(cpu, digits: 2)) ms per deployment"
    )
    Bench.figure(
      "serve: GET of one deployment, requests served per second",
      "\(Int(Double(requests) / seconds))/s (no HTTP, one caller)")
  }

  static func setImage(_ cluster: ServedCluster, _ image: String) async throws -> Int {
    let patch =
      #"{"spec":{"template":{"spec":{"containers":[{"name":"web","image":"\#(image)"}]}}}}"#
    let response = await cluster.handle(
      APIRequest(
        method: "PATCH", path: "/apis/apps/v1/namespaces/default/deployments/web",
        contentType: "application/strategic-merge-patch+json", body: Array(patch.utf8)))
    guard case .body(200, _, let bytes, _) = response,
      let object = try? JSONValue(exactText: String(decoding: bytes, as: UTF8.self))
    else { throw BenchFailure("patch failed: \(response)") }
    return object["metadata"]?["generation"]?.intValue ?? 0
  }

  static func complete(_ cluster: ServedCluster, generation: Int) async throws -> Bool {
    let response = await cluster.handle(
      APIRequest(method: "GET", path: "/apis/apps/v1/namespaces/default/deployments/web"))
    guard case .body(_, _, let bytes, _) = response,
      let object = try? JSONValue(exactText: String(decoding: bytes, as: UTF8.self))
    else { return false }
    let status = object["status"] ?? .null
    return (status["observedGeneration"]?.intValue ?? 0) >= generation
      && status["updatedReplicas"]?.intValue == 1_000 && status["replicas"]?.intValue == 1_000
      && status["availableReplicas"]?.intValue == 1_000
  }

  /// The number of newline-terminated events in `chunk`.
  static func lines(in chunk: [UInt8]) -> Int {
    chunk.withUnsafeBufferPointer { buffer in
      var count = 0
      for byte in buffer where byte == 10 { count += 1 }
      return count
    }
  }

  static func resourceVersion(in line: ArraySlice<UInt8>) -> Int {
    let marker = Array(#""resourceVersion":""#.utf8)
    guard let start = line.firstRange(of: marker)?.upperBound else { return 0 }
    var value = 0
    var index = start
    while index < line.endIndex, line[index] >= 48, line[index] <= 57 {
      value = value * 10 + Int(line[index] - 48)
      index += 1
    }
    return value
  }
}
