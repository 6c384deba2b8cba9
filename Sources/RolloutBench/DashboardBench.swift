import AsyncHTTPClient
import Dashboard
import DashboardServer
import Engine
import Foundation
import NIOCore
import RolloutAPI

extension BenchSuite {
  /// `rollout dashboard` over a local store of 1,000 rollouts: the list served (API and page
  /// files), cold, warm and right after a change; then, when Chromium and selenium are there
  /// (`scripts/setup`), `Tests/browser/dashboard_bench.py`: the list rendered by Chromium, and
  /// the latency from a change written to the store to 50 open EventSources in the browser.
  static let dashboard = BenchSuite(name: "dashboard") {
    try blocking { try await DashboardBench.run(rollouts: 1_000) }
  }
}

enum DashboardBench {
  static func run(rollouts: Int) async throws {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("rollout-bench-dashboard-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let started = ContinuousClock.now
    try makeStore(directory, rollouts: rollouts)
    print("store of \(rollouts) rollouts made in \(format(ContinuousClock.now - started))")

    let source = StoreDashboardSource(
      directory: directory,
      strategyDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
    let security = DashboardSecurity(readOnly: false, loopbackOnly: true)
    let server = DashboardServer(
      responder: DashboardResponder(source: source, security: security), port: 0)
    let (ports, continuation) = AsyncStream<Int>.makeStream()
    let running = Task { try await server.run(signals: false) { continuation.yield($0) } }
    defer { running.cancel() }
    var iterator = ports.makeAsyncIterator()
    guard let port = await iterator.next() else { throw BenchFailure("no port") }
    let base = "http://127.0.0.1:\(port)/dashboard/"

    let table = BenchTable(widths: [44, 10, 10, 10])
    table.row(["served (1,000 rollouts)", "p50 ms", "p99 ms", "bytes"])
    var cold = LatencySamples()
    let first = try await timed(base + "api/rollouts", into: &cold)
    table.row(["list JSON, first (reads the store)", ms(cold.p50), ms(cold.p99), "\(first)"])
    var warm = LatencySamples()
    var size = 0
    for _ in 0..<200 { size = try await timed(base + "api/rollouts", into: &warm) }
    table.row(["list JSON, unchanged store", ms(warm.p50), ms(warm.p99), "\(size)"])
    var page = LatencySamples()
    var pageBytes = 0
    for _ in 0..<50 {
      let start = ContinuousClock.now
      pageBytes = 0
      for file in ["", "app.js", "app.css"] {
        pageBytes += try await fetch(base + file)
      }
      page.append((ContinuousClock.now - start).nanoseconds)
    }
    table.row(["page: HTML + app.js + app.css", ms(page.p50), ms(page.p99), "\(pageBytes)"])
    var changed = LatencySamples()
    let session = try RolloutSession(directory: directory)
    for round in 0..<20 {
      try session.perform(
        .scale(replicas: 2 + round % 2), on: ObjectKey("default", "app-0001"))
      _ = try await timed(base + "api/rollouts", into: &changed)
    }
    table.row(["list JSON, right after a change", ms(changed.p50), ms(changed.p99), "\(size)"])
    // Where that goes: reading the Deployments, and summarising them.
    var read = LatencySamples()
    var summarise = LatencySamples()
    var summaries = SummaryCache()
    _ = summaries.summaries(of: try await source.rollouts())
    for round in 0..<10 {
      try session.perform(
        .scale(replicas: 2 + round % 2), on: ObjectKey("default", "app-0001"))
      let start = ContinuousClock.now
      let listed = try await source.rollouts()
      read.append((ContinuousClock.now - start).nanoseconds)
      summarise.time { _ = summaries.summaries(of: listed) }
    }
    let delivery = try await serverDelivery(
      base: base, session: session, key: ObjectKey("default", "app-0001"), streams: 50,
      changes: 40)
    session.close()
    table.row(["  of which: read the Deployments", ms(read.p50), ms(read.p99), ""])
    table.row(["  of which: summarise them", ms(summarise.p50), ms(summarise.p99), ""])
    print(
      "a change saved to the store to 50 event streams (HTTP clients, no browser): p50 "
        + "\(ms(delivery.p50)) ms, p99 \(ms(delivery.p99)) ms over \(delivery.count) deliveries")
    let total = warm.p50 + page.p50
    print(
      "list page served (page files + list JSON, warm): p50 \(ms(total)) ms — target < 50 ms: "
        + (total < 50e6 ? "met" : "not met"))

    try browser(url: base + "#token=\(security.token)", store: directory)
  }

  /// The time from a change saved by a session (as another `rollout` command saves it) to its
  /// event at each of `streams` open event streams.
  static func serverDelivery(
    base: String, session: RolloutSession, key: ObjectKey, streams: Int, changes: Int
  ) async throws -> LatencySamples {
    let receipts = ReceiptLog()
    var configuration = HTTPClient.Configuration()
    configuration.connectionPool = .init(
      idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: streams + 4)
    let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    var tasks: [Task<Void, Never>] = []
    for index in 0..<streams {
      let response = try await client.execute(
        HTTPClientRequest(url: base + "api/events"), timeout: .seconds(600))
      tasks.append(
        Task {
          var pending = ""
          do {
            for try await chunk in response.body {
              pending += String(buffer: chunk)
              while let end = pending.range(of: "\n\n") {
                let block = pending[..<end.lowerBound]
                if block.contains("\"name\":\"\(key.name)\"") {
                  receipts.add(stream: index, at: ContinuousClock.now)
                }
                pending.removeSubrange(..<end.upperBound)
              }
            }
          } catch {}
        })
    }
    var samples = LatencySamples()
    for round in 0..<changes {
      let before = receipts.count
      try session.perform(.scale(replicas: 3 + round % 2), on: key)
      let saved = ContinuousClock.now
      let deadline = saved + .seconds(10)
      while receipts.count < before + streams, ContinuousClock.now < deadline {
        try await Task.sleep(for: .milliseconds(2))
      }
      for at in receipts.since(before) { samples.append((at - saved).nanoseconds) }
    }
    for task in tasks { task.cancel() }
    try? await client.shutdown()
    return samples
  }

  /// Deployments `app-0000`… under the stock canary (20%, then a pause): every fourth paused at
  /// its canary of 2.0, the rest rolled out on 1.0.
  static func makeStore(_ directory: String, rollouts: Int) throws {
    let session = try RolloutSession(directory: directory, existing: false)
    defer { session.close() }
    func deployment(_ index: Int, image: String) -> Deployment {
      let name = String(format: "app-%04d", index)
      return Deployment(
        metadata: ObjectMeta(
          name: name, namespace: index % 10 == 0 ? "payments" : "default",
          annotations: [
            Annotations.strategy: "canary",
            Annotations.strategyParams: "steps:\n  - setWeight: 20\n  - pause: {}\n",
          ]),
        spec: DeploymentSpec(
          replicas: 2, selector: LabelSelector(matchLabels: ["app": name]),
          template: PodTemplateSpec(
            metadata: .init(labels: ["app": name]),
            spec: .object([
              "containers": .array([.object(["name": "app", "image": .string(image)])])
            ]))))
    }
    var keys: [ObjectKey] = []
    for index in 0..<rollouts {
      keys.append(try session.apply(deployment(index, image: "example/app:1.0")))
    }
    _ = try session.drive(keys)
    var updated: [ObjectKey] = []
    for index in stride(from: 3, to: rollouts, by: 4) {
      updated.append(try session.apply(deployment(index, image: "example/app:2.0")))
    }
    _ = try session.drive(updated)
  }

  /// The browser's figures from `Tests/browser/dashboard_bench.py`, when it can run.
  static func browser(url: String, store: String) throws {
    let root = FileManager.default.currentDirectoryPath
    let python = root + "/.build/python/bin/python3"
    let script = root + "/Tests/browser/dashboard_bench.py"
    let needed = [python, "/usr/bin/chromium", "/usr/bin/chromedriver"]
    guard needed.allSatisfy(FileManager.default.isExecutableFile(atPath:)) else {
      print("browser figures skipped: run from the package root after scripts/setup")
      return
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: python)
    process.arguments = [script, url, "--store", store]
    let out = Pipe()
    process.standardOutput = out
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let line = String(decoding: data, as: UTF8.self)
    guard
      let figures = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
      let render = figures["firstRender"] as? [String: Any],
      let events = figures["events"] as? [String: Any]
    else {
      print("browser figures: the script printed no figures (status \(process.terminationStatus))")
      return
    }
    let rendered = render["renderedMs"] as? Double ?? .nan
    print(
      "Chromium: list of \(render["rows"] ?? "?") rows rendered \(rendered) ms after navigation "
        + "start (median of \(render["loads"] ?? "?") loads; all: \(render["renderedMsAll"] ?? "")) "
        + "— target < 1,000 ms: \(rendered < 1_000 ? "met" : "not met")")
    let p99 = events["p99Ms"] as? Double ?? .nan
    print(
      "Chromium: a change written to the store to \(events["listeners"] ?? "?") EventSources in "
        + "\(events["browsers"] ?? "?") browsers: p50 \(events["p50Ms"] ?? "?") ms, p99 \(p99) ms, "
        + "max \(events["maxMs"] ?? "?") ms over \(events["deliveries"] ?? "?") deliveries "
        + "(\(events["missing"] ?? "?") missing) — target p99 < 100 ms: "
        + (p99 < 100 ? "met" : "not met"))
  }

  /// GETs `url`, timing it into `samples`; returns the body's size.
  static func timed(_ url: String, into samples: inout LatencySamples) async throws -> Int {
    let start = ContinuousClock.now
    let size = try await fetch(url)
    samples.append((ContinuousClock.now - start).nanoseconds)
    return size
  }

  static func fetch(_ url: String) async throws -> Int {
    let response = try await HTTPClient.shared.execute(
      HTTPClientRequest(url: url), timeout: .seconds(60))
    guard response.status == .ok else { throw BenchFailure("\(url): \(response.status)") }
    return try await response.body.collect(upTo: 64 << 20).readableBytes
  }

  static func ms(_ nanoseconds: Double) -> String { String(format: "%.2f", nanoseconds / 1e6) }

  static func format(_ duration: Duration) -> String {
    String(format: "%.1f s", duration.nanoseconds / 1e9)
  }
}

/// When each stream received its events, in order of receipt.
final class ReceiptLog: @unchecked Sendable {
  private let lock = NSLock()
  private var receipts: [ContinuousClock.Instant] = []

  var count: Int { lock.withLock { receipts.count } }

  func add(stream: Int, at instant: ContinuousClock.Instant) {
    lock.withLock { receipts.append(instant) }
  }

  func since(_ index: Int) -> [ContinuousClock.Instant] {
    lock.withLock { Array(receipts[index...]) }
  }
}
