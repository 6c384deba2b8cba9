import ClusterAPI
import Dispatch
import Engine
import Foundation

extension BenchSuite {
  /// The served API without HTTP and TLS: list and table times on 10,000 pods, 200 watchers of a
  /// 1,000-replica rollout at speed 1, and a 1,000-deployment fleet at speed 100.
  static let serve = BenchSuite(name: "serve") {
    try blocking {
      try await ServeBench.lists()
      try await ServeBench.watchers()
      try await ServeBench.fleet()
    }
  }
}

/// Runs async work from the synchronous suites.
private func blocking(_ body: @escaping @Sendable () async throws -> Void) throws {
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
          var received: [(Int, ContinuousClock.Instant)] = []
          for await chunk in stream {
            let now = ContinuousClock.now
            for line in chunk.split(separator: UInt8(ascii: "\n")) {
              received.append((resourceVersion(in: line), now))
            }
          }
          let versions = received.map(\.0)
          let times = await cluster.publishTimes
          let latencies = received.compactMap { version, at in
            times[version].map { milliseconds(at - $0) }
          }
          return (received.count, versions == versions.sorted(), latencies)
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

  static func fleet() async throws {
    let cluster = try ServedCluster(directory: directory(), speed: 100)
    for index in 0..<1_000 {
      try await post(cluster, deployment("app\(index)", replicas: 10, image: "example/app:1.0"))
    }
    try await cluster.advance(by: 30)
    let clock = Task { await cluster.run() }
    let cpuBefore = Bench.cpuSeconds()
    let virtualBefore = await cluster.now
    for index in 0..<1_000 {
      let path = "/apis/apps/v1/namespaces/default/deployments/app\(index)"
      let patch =
        #"{"spec":{"template":{"spec":{"containers":[{"name":"web","image":"example/app:2.0"}]}}}}"#
      _ = await cluster.handle(
        APIRequest(
          method: "PATCH", path: path, contentType: "application/strategic-merge-patch+json",
          body: Array(patch.utf8)))
    }
    var requests = 0
    let started = ContinuousClock.now
    while ContinuousClock.now - started < .seconds(5) {
      _ = await cluster.handle(
        APIRequest(
          method: "GET", path: "/apis/apps/v1/namespaces/default/deployments/app\(requests % 1000)")
      )
      requests += 1
    }
    let seconds = milliseconds(ContinuousClock.now - started) / 1000
    let cpu = Bench.cpuSeconds() - cpuBefore
    let virtual = await cluster.now - virtualBefore
    try await cluster.stop()
    clock.cancel()
    Bench.figure(
      "serve: fleet of 1,000 deployments rolling at speed 100",
      "\(Int(Double(requests) / seconds)) GETs/s served, \(Bench.format(virtual, digits: 0)) virtual s in \(Bench.format(seconds, digits: 1)) wall s"
    )
    Bench.figure(
      "serve: CPU per deployment", "\(Bench.format(cpu / 1000 * 1000, digits: 2)) ms over the run")
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
