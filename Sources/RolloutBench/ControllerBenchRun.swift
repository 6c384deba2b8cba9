import AsyncHTTPClient
import Engine
import Foundation
import KubeClient

/// The controller suite's measurements, over a KubeClient on the served cluster.
struct ControllerBenchRun: Sendable {
  let client: KubeClient
  let metricsURL: String

  static func rollout(_ name: String, replicas: Int, image: String, steps: JSONValue) -> JSONValue {
    [
      "apiVersion": "argoproj.io/v1alpha1", "kind": "Rollout",
      "metadata": ["name": .string(name), "namespace": "default"],
      "spec": [
        "replicas": .int(replicas), "selector": ["matchLabels": ["app": .string(name)]],
        "template": [
          "metadata": ["labels": ["app": .string(name)]],
          "spec": ["containers": [["name": "app", "image": .string(image)]]],
        ],
        "strategy": ["canary": ["steps": steps]],
      ],
    ]
  }

  func scrape() async throws -> ScrapedMetrics {
    let response = try await HTTPClient.shared.execute(
      HTTPClientRequest(url: metricsURL), timeout: .seconds(10))
    let body = try await response.body.collect(upTo: 16 << 20)
    return ScrapedMetrics(String(buffer: body))
  }

  func setImage(_ name: String, _ image: String) async throws {
    try await client.patch(
      .rollouts, namespace: "default", name: name,
      ["spec": ["template": ["spec": ["containers": [["name": "app", "image": .string(image)]]]]]])
  }

  /// Waits until every Rollout named is Healthy on `image`'s revision (stable = current).
  func waitHealthy(_ names: Set<String>, timeout: Duration = .seconds(600)) async throws {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
      let items = try await client.list(.rollouts, namespace: "default").items
      let healthy = items.filter { item in
        guard let name = item["metadata"]?["name"]?.stringValue, names.contains(name) else {
          return false
        }
        let status = item["status"]
        return status?["phase"] == "Healthy" && status?["stableRS"] != nil
          && status?["stableRS"] == status?["currentPodHash"]
          && status?["observedGeneration"]?.stringValue
            == item["metadata"]?["generation"]?.intValue.map(String.init)
      }
      if healthy.count == names.count { return }
      try await Task.sleep(for: .milliseconds(200))
    }
    throw BenchError("the Rollouts were not Healthy within \(timeout)")
  }

  func writes(_ metrics: ScrapedMetrics, _ resource: String) -> Double {
    ["create", "update", "patch", "delete"].reduce(0) {
      $0
        + metrics.sum(
          "rollout_controller_api_requests_total", ["verb=\"\($1)\"", "resource=\"\(resource)\""])
    }
  }

  /// A 10-replica canary (20%, pause 1 s, 50%, pause 1 s, 80%) from 1.0 to 2.0.
  func writesAndLatency() async throws {
    let steps: JSONValue = [
      ["setWeight": 20], ["pause": ["duration": 1]], ["setWeight": 50], ["pause": ["duration": 1]],
      ["setWeight": 80],
    ]
    try await client.create(
      .rollouts, namespace: "default",
      Self.rollout("web", replicas: 10, image: "example/web:1.0", steps: steps))
    try await waitHealthy(["web"])
    let before = try await scrape()
    try await setImage("web", "example/web:2.0")
    try await waitHealthy(["web"])
    try await Task.sleep(for: .milliseconds(500))
    let after = try await scrape()
    let log = try await client.get(.configMaps, namespace: "default", name: "web-decisions")
    let text = log?["data"]?["decisions.jsonl"]?.stringValue ?? ""
    let records = text.split(separator: "\n").compactMap { try? DecisionRecord(line: String($0)) }
      .filter { $0.revision == 2 && $0.outcome.result == .applied }
    let scales = records.reduce(0) { $0 + ($1.decision?.scale.count ?? 0) }
    let noteworthy = records.filter { record in
      guard let decision = record.decision else { return false }
      return !decision.scale.isEmpty || decision.pause != nil || decision.complete
    }.count
    let replicaSetWrites = writes(after, "replicasets.apps") - writes(before, "replicasets.apps")
    let rolloutWrites =
      writes(after, "rollouts.argoproj.io") - writes(before, "rollouts.argoproj.io")
    let logWrites = writes(after, "configmaps") - writes(before, "configmaps")
    let eventWrites = writes(after, "events") - writes(before, "events")
    let minimum = Double(1 + scales + noteworthy)
    Bench.figure(
      "canary 10 replicas 1.0 -> 2.0: ReplicaSet writes",
      "\(Int(replicaSetWrites)) (scale operations decided: \(scales), plus 1 create)")
    Bench.figure(
      "  Rollout writes (annotations + status)",
      "\(Int(rolloutWrites)) (steps that changed something: \(noteworthy))")
    Bench.figure(
      "  writes / minimum (ReplicaSets + Rollout)",
      "\(Bench.format((replicaSetWrites + rolloutWrites) / minimum, digits: 2))x of \(Int(minimum))"
    )
    Bench.figure(
      "  decision log and Events", "\(Int(logWrites)) ConfigMap, \(Int(eventWrites)) Events")
    let latency = "rollout_controller_scale_latency_seconds"
    Bench.figure(
      "ReplicaSet change seen -> next scale written",
      "p50 \(after.quantileBound(latency, 0.5)), p99 \(after.quantileBound(latency, 0.99)) ("
        + "\(Int(after.sum(latency + "_count"))) scales)", target: "p50 < 10 ms, p99 < 50 ms")
  }

  /// `count` two-replica Rollouts created, then all rolled to a new image at once.
  func fleet(_ count: Int, controller: BenchProcess) async throws {
    let idle = controller.usage
    let names = Set((0..<count).map { "fleet-\($0)" })
    let (_, createSeconds) = try await timed {
      for name in names.sorted() {
        try await client.create(
          .rollouts, namespace: "default",
          Self.rollout(name, replicas: 2, image: "example/fleet:1.0", steps: [["setWeight": 50]]))
      }
      try await waitHealthy(names)
    }
    let settled = controller.usage
    let perRollout = Double(settled.residentKiB - idle.residentKiB) / Double(count)
    Bench.figure(
      "\(count) Rollouts created and first rolled out",
      "\(Bench.format(createSeconds, digits: 1)) s")
    Bench.figure(
      "  controller resident memory",
      "\(idle.residentKiB / 1024) MiB idle, \(settled.residentKiB / 1024) MiB with \(count): "
        + "\(Bench.format(perRollout, digits: 1)) KiB per Rollout")
    let (_, rollSeconds) = try await timed {
      for name in names.sorted() { try await setImage(name, "example/fleet:2.0") }
      try await waitHealthy(names)
    }
    let rolled = controller.usage
    let cpu = rolled.cpuSeconds - settled.cpuSeconds
    let metrics = try await scrape()
    let latency = "rollout_controller_scale_latency_seconds"
    Bench.figure(
      "  ReplicaSet change seen -> next scale written",
      "p50 \(metrics.quantileBound(latency, 0.5)), p99 \(metrics.quantileBound(latency, 0.99)) ("
        + "\(Int(metrics.sum(latency + "_count"))) scales, the fleet included)",
      target: "p50 < 10 ms, p99 < 50 ms")
    Bench.figure(
      "  all \(count) rolled 1.0 -> 2.0 at once",
      "\(Bench.format(rollSeconds, digits: 1)) s, controller CPU \(Bench.format(cpu, digits: 1)) s ("
        + "\(Bench.format(100 * cpu / rollSeconds, digits: 0))% of a core, "
        + "\(Bench.format(1000 * cpu / Double(count), digits: 1)) ms per Rollout)")
  }

  func timed<T>(_ body: () async throws -> T) async throws -> (T, Double) {
    let start = ContinuousClock.now
    let value = try await body()
    return (value, (ContinuousClock.now - start).seconds)
  }
}
