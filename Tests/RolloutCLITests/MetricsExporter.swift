import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `Tests/python/metrics_exporter.py` run by the system `python3` on a free port of 127.0.0.1:
/// per version, request counters that grow on every scrape at the error rate the test sets,
/// and the rate itself as the gauge `app_error_rate`. The exporter ends with `stop()`, deinit,
/// the end of the test process (it watches it) or after `maxSeconds`.
final class MetricsExporter {
  static let script = RolloutProcess.packageRoot
    .appendingPathComponent("Tests/python/metrics_exporter.py")

  let port: Int
  private let process: Process
  private let stderrURL: URL

  /// Starts the exporter with its output in `directory`; versions 1 and 2 start at `rates` or
  /// 0. Throws with its standard error when it does not listen within `timeout` seconds.
  init(
    directory: URL, rates: [String: Double] = [:], maxSeconds: Double = 600, timeout: Double = 30
  ) throws {
    let name = "exporter-\(UUID().uuidString)"
    let stdoutURL = directory.appendingPathComponent("\(name).out")
    stderrURL = directory.appendingPathComponent("\(name).err")
    try Data().write(to: stdoutURL)
    try Data().write(to: stderrURL)
    process = Process()
    process.executableURL = try Self.python()
    process.arguments =
      [Self.script.path, "0", "--max-seconds", "\(maxSeconds)", "--parent", "\(getpid())"]
      + rates.sorted { $0.key < $1.key }.flatMap { ["--rate", "\($0.key)=\($0.value)"] }
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = try FileHandle(forWritingTo: stdoutURL)
    process.standardError = try FileHandle(forWritingTo: stderrURL)
    try process.run()
    let deadline = ContinuousClock.now + .seconds(timeout)
    var port: Int?
    while port == nil && process.isRunning && ContinuousClock.now < deadline {
      let text = (try? String(contentsOf: stdoutURL, encoding: .utf8)) ?? ""
      port = text.split(separator: "\n").first { $0.hasPrefix("listening on ") }
        .flatMap { Int($0.dropFirst("listening on ".count)) }
      if port == nil { usleep(20_000) }
    }
    guard let port else {
      Self.terminate(process)
      throw RolloutProcessError(
        description: "the metrics exporter did not start:\n\(Self.read(stderrURL))")
    }
    self.port = port
  }

  deinit { stop() }

  /// `http://127.0.0.1:PORT`.
  var address: String { "http://127.0.0.1:\(port)" }

  /// What the exporter wrote to standard error.
  var stderr: String { Self.read(stderrURL) }

  /// Sets `version`'s error rate (`POST /set`); throws unless the exporter accepts it.
  func setErrorRate(version: String, rate: Double) throws {
    let url = "\(address)/set?version=\(HTTP.escape(version))&error_rate=\(rate)"
    let (status, body) = try HTTP.request(url, method: "POST")
    guard status == 200 else {
      throw RolloutProcessError(description: "set \(version)=\(rate) -> \(status): \(body)")
    }
  }

  /// `GET path` (`/metrics`, `/healthz`): the status and the body.
  func get(_ path: String) throws -> (status: Int, body: String) {
    try HTTP.request(address + path)
  }

  /// Ends the exporter (SIGTERM, then SIGKILL). Idempotent.
  func stop() { Self.terminate(process) }

  /// Sends SIGTERM, then SIGKILL when `process` still runs after `grace` seconds, and waits.
  static func terminate(_ process: Process?, grace: Double = 10) {
    guard let process, process.isRunning else { return }
    kill(process.processIdentifier, SIGTERM)
    let deadline = ContinuousClock.now + .seconds(grace)
    while process.isRunning && ContinuousClock.now < deadline { usleep(10_000) }
    if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    process.waitUntilExit()
  }

  /// The system `python3`: `/usr/bin/python3`, else the first on `PATH`.
  static func python() throws -> URL {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
    let candidates = ["/usr/bin"] + path.split(separator: ":").map(String.init)
    for directory in candidates {
      let candidate = URL(fileURLWithPath: directory).appendingPathComponent("python3")
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
    }
    throw RolloutProcessError(description: "python3 is missing (it runs the test exporter)")
  }

  private static func read(_ url: URL) -> String {
    (try? String(contentsOf: url, encoding: .utf8)) ?? ""
  }
}

/// Plain HTTP requests to the test's own servers on 127.0.0.1.
enum HTTP {
  /// `text` percent-encoded for a query string (everything but unreserved characters).
  static func escape(_ text: String) -> String {
    let unreserved = CharacterSet(
      charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
    return text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
  }

  /// Sends one request and waits for the answer (at most `timeout` seconds): its status and
  /// body. Throws when there is no answer.
  static func request(_ url: String, method: String = "GET", timeout: Double = 10) throws
    -> (status: Int, body: String)
  {
    guard let target = URL(string: url) else {
      throw RolloutProcessError(description: "not a URL: \(url)")
    }
    var request = URLRequest(url: target, timeoutInterval: timeout)
    request.httpMethod = method
    let answer = Answer()
    URLSession.shared.dataTask(with: request) { data, response, error in
      answer.finish(data, response as? HTTPURLResponse, error)
    }.resume()
    answer.done.wait()
    return try answer.result(url)
  }

  /// One request's answer, handed from URLSession's queue to the waiting caller.
  private final class Answer: @unchecked Sendable {
    let done = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var data: Data?
    private var response: HTTPURLResponse?
    private var error: (any Error)?

    func finish(_ data: Data?, _ response: HTTPURLResponse?, _ error: (any Error)?) {
      lock.withLock { (self.data, self.response, self.error) = (data, response, error) }
      done.signal()
    }

    func result(_ url: String) throws -> (status: Int, body: String) {
      try lock.withLock {
        guard let response, error == nil else {
          throw RolloutProcessError(
            description: "\(url): \(error.map { "\($0)" } ?? "no answer")")
        }
        return (response.statusCode, String(decoding: data ?? Data(), as: UTF8.self))
      }
    }
  }
}
