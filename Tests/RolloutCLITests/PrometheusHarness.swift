import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A real Prometheus (`/usr/bin/prometheus`, Debian's package, which `scripts/setup` installs)
/// on a free port of 127.0.0.1, with a temporary config and data directory, scraping a
/// `MetricsExporter` every second as job `exporter`. Ready once the exporter's target is up.
///
/// Every process it starts ends with it: `stop()` or deinit sends SIGTERM, then SIGKILL after
/// a grace period. When the test process dies without either (a crash), the exporter ends on
/// its own (it watches its parent), and a watchdog started beside Prometheus (a few lines of
/// `python3` whose parent is the test process) terminates Prometheus and ends too.
final class PrometheusHarness {
  static let prometheus = "/usr/bin/prometheus"
  static let job = "exporter"

  /// The scraped exporter, whose error rates the test sets.
  let exporter: MetricsExporter
  /// Prometheus' base URL, `http://127.0.0.1:PORT`.
  private(set) var address = ""
  private let sandbox: Sandbox
  private var server: Process?
  private var watchdog: Process?

  /// Starts the exporter and Prometheus; throws when either does not become ready within
  /// `timeout` seconds (with its log), or when Prometheus is not installed.
  init(maxSeconds: Double = 600, timeout: Double = 90) throws {
    guard FileManager.default.isExecutableFile(atPath: Self.prometheus) else {
      throw RolloutProcessError(
        description: "\(Self.prometheus) is missing: run scripts/setup (it installs Debian's "
          + "prometheus package)")
    }
    sandbox = try Sandbox()
    exporter = try MetricsExporter(directory: sandbox.directory, maxSeconds: maxSeconds)
    // Initialized: from here a throw runs deinit, which stops whatever started.
    let deadline = ContinuousClock.now + .seconds(timeout)
    try startServer(until: deadline)
    try waitForTarget(until: deadline)
  }

  deinit { stop() }

  /// Sets `version`'s error rate in the exporter (Prometheus sees it on its next scrape).
  func setErrorRate(version: String, rate: Double) throws {
    try exporter.setErrorRate(version: version, rate: rate)
  }

  /// Prometheus' raw JSON answer to the instant query `promql`; throws unless it answers 200.
  func query(_ promql: String) throws -> String {
    let url = "\(address)/api/v1/query?query=\(HTTP.escape(promql))"
    let (status, body) = try HTTP.request(url)
    guard status == 200 else {
      throw RolloutProcessError(description: "query \(promql) -> \(status): \(body)")
    }
    return body
  }

  /// The value of `promql`'s first sample (a scalar's value), or nil when there is none.
  func value(_ promql: String) throws -> Double? {
    let json = try JSONSerialization.jsonObject(with: Data(query(promql).utf8))
    let data = (json as? [String: Any])?["data"] as? [String: Any]
    var pair = data?["result"] as? [Any]
    if data?["resultType"] as? String != "scalar" {
      pair = (pair?.first as? [String: Any])?["value"] as? [Any]
    }
    return (pair?.last as? String).flatMap(Double.init)
  }

  /// Polls `promql` every 200 ms until its value satisfies `accept`, and returns that value;
  /// throws with the last value after `timeout` seconds (a guard, not a measurement).
  @discardableResult
  func waitFor(_ promql: String, timeout: Double = 30, _ accept: (Double) -> Bool) throws
    -> Double
  {
    let deadline = ContinuousClock.now + .seconds(timeout)
    var last: Double?
    repeat {
      last = try value(promql)
      if let last, accept(last) { return last }
      usleep(200_000)
    } while ContinuousClock.now < deadline
    throw RolloutProcessError(
      description: "\(promql) never matched in \(timeout)s; last value: \(String(describing: last))"
        + "\n--- prometheus log\n\(log)")
  }

  /// What Prometheus has logged.
  var log: String {
    (try? String(contentsOfFile: sandbox.path("prometheus.log"), encoding: .utf8)) ?? ""
  }

  /// Stops Prometheus, its watchdog and the exporter (SIGTERM, then SIGKILL). Idempotent.
  func stop() {
    stopServer()
    exporter.stop()
  }

  /// Starts Prometheus on a free port, again on another when it exits before it is ready (the
  /// port was taken between the probe and its bind).
  private func startServer(until deadline: ContinuousClock.Instant) throws {
    let config = try sandbox.write(
      "prometheus.yml",
      """
      global:
        scrape_interval: 1s
        scrape_timeout: 1s
        evaluation_interval: 1s
      scrape_configs:
        - job_name: \(Self.job)
          static_configs:
            - targets: ["127.0.0.1:\(exporter.port)"]

      """)
    for _ in 0..<5 {
      let port = try Self.freePort()
      let logURL = URL(fileURLWithPath: sandbox.path("prometheus.log"))
      try Data().write(to: logURL)
      let process = Process()
      process.executableURL = URL(fileURLWithPath: Self.prometheus)
      process.arguments = [
        "--config.file=\(config)", "--storage.tsdb.path=\(sandbox.path("data"))",
        "--web.listen-address=127.0.0.1:\(port)",
      ]
      process.standardInput = FileHandle.nullDevice
      process.standardOutput = try FileHandle(forWritingTo: logURL)
      process.standardError = process.standardOutput
      try process.run()
      server = process
      watchdog = try Self.startWatchdog(for: process.processIdentifier)
      address = "http://127.0.0.1:\(port)"
      while process.isRunning && ContinuousClock.now < deadline {
        if (try? HTTP.request("\(address)/-/ready", timeout: 2).0) == 200 { return }
        usleep(100_000)
      }
      let exited = !process.isRunning
      stopServer()
      if !exited { break }
    }
    throw RolloutProcessError(description: "prometheus did not become ready:\n\(log)")
  }

  private func stopServer() {
    MetricsExporter.terminate(server)
    MetricsExporter.terminate(watchdog, grace: 1)
    server = nil
    watchdog = nil
  }

  /// Waits until Prometheus has scraped the exporter (`up` is 1).
  private func waitForTarget(until deadline: ContinuousClock.Instant) throws {
    let seconds = deadline - ContinuousClock.now
    let timeout = Double(seconds.components.seconds) + 1
    try waitFor("up{job=\"\(Self.job)\"}", timeout: timeout) { $0 == 1 }
  }

  /// A process whose parent is the test process: once that is gone, it sends `pid` SIGTERM,
  /// then SIGKILL after 5 s; it ends by itself when `pid` is gone.
  private static func startWatchdog(for pid: Int32) throws -> Process {
    let script = """
      import os, signal, sys, time
      signal.pthread_sigmask(signal.SIG_SETMASK, [])
      parent, pid = int(sys.argv[1]), int(sys.argv[2])
      def alive():
          try:
              os.kill(pid, 0)
              return True
          except ProcessLookupError:
              return False
      while os.getppid() == parent and alive():
          time.sleep(0.2)
      for sig, wait in ((signal.SIGTERM, 50), (signal.SIGKILL, 0)):
          if alive():
              os.kill(pid, sig)
          for _ in range(wait):
              if alive():
                  time.sleep(0.1)
      """
    let process = Process()
    process.executableURL = try MetricsExporter.python()
    process.arguments = ["-c", script, String(getpid()), String(pid)]
    process.standardInput = FileHandle.nullDevice
    try process.run()
    return process
  }

  /// A port of 127.0.0.1 free a moment ago: bound to port 0, read back, closed.
  static func freePort() throws -> Int {
    #if canImport(Glibc)
      let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    #else
      let socket = Darwin.socket(AF_INET, SOCK_STREAM, 0)
    #endif
    defer { close(socket) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) { pointer in
      pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
        bind(socket, address, length) == 0 && getsockname(socket, address, &length) == 0
      }
    }
    guard socket >= 0, bound else {
      throw RolloutProcessError(description: "cannot bind a port of 127.0.0.1")
    }
    return Int(UInt16(bigEndian: address.sin_port))
  }
}
