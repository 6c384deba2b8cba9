import Foundation

/// A credential from a kubeconfig exec plugin (client-go's `exec` authenticator): runs the
/// command with `KUBERNETES_EXEC_INFO` set to an ExecCredential (`spec.interactive` false, and
/// `spec.cluster` when the plugin asked for it), reads the ExecCredential it prints, and keeps
/// the credential until its `expirationTimestamp` (forever without one) or `invalidate()`.
///
/// Concurrent `current()` calls share one run of the plugin. The plugin runs with the given
/// environment plus its `env` entries, stdin empty, and is terminated after `timeout`.
public actor ExecCredentialSource: CredentialSource {
  public nonisolated let config: ExecPluginConfig
  /// What `KUBERNETES_EXEC_INFO` tells of the cluster when `config.provideClusterInfo`.
  public nonisolated let cluster: ExecClusterInfo?
  private let environment: [String: String]
  private let timeout: Duration
  private let now: @Sendable () -> Date
  private var cached: ExecCredentialExchange.Output?
  private var running: Task<ExecCredentialExchange.Output, any Error>?
  /// Bumped by `invalidate()`, so a run started before it does not fill the cache after it.
  private var generation = 0

  /// - Parameters:
  ///   - cluster: sent to the plugin only when `config.provideClusterInfo` is set.
  ///   - environment: the plugin's environment before `config.env`.
  ///   - timeout: how long the plugin may run.
  ///   - now: the clock expiry is judged by, for tests.
  public init(
    config: ExecPluginConfig, cluster: ExecClusterInfo? = nil,
    environment: [String: String] = ProcessInfo.processInfo.environment,
    timeout: Duration = .seconds(30), now: @escaping @Sendable () -> Date = { Date() }
  ) {
    self.config = config
    self.cluster = cluster
    self.environment = environment
    self.timeout = timeout
    self.now = now
  }

  /// The cached credential while it has not expired, else the plugin's next one.
  ///
  /// - Throws: `ExecPluginError` naming the command: not found (with the install hint), a
  ///   non-zero exit (with the first line of stderr), a timeout, or output that is not a
  ///   usable ExecCredential.
  public func current() async throws -> Credential {
    if let cached, cached.expiry.map({ now() < $0 }) ?? true { return cached.credential }
    if let running { return try await running.value.credential }
    let started = generation
    let task = Task { [config, cluster, environment, timeout] in
      try await Self.run(config, cluster: cluster, environment: environment, timeout: timeout)
    }
    running = task
    defer { if generation == started { running = nil } }
    let output = try await task.value
    if generation == started { cached = output }
    return output.credential
  }

  /// Forgets the credential: the next `current()` runs the plugin.
  public func invalidate() {
    cached = nil
    running = nil
    generation += 1
  }

  private static func run(
    _ config: ExecPluginConfig, cluster: ExecClusterInfo?, environment: [String: String],
    timeout: Duration
  ) async throws(ExecPluginError) -> ExecCredentialExchange.Output {
    func failure(_ message: String) -> ExecPluginError {
      ExecPluginError(command: config.command, origin: config.origin, message: message)
    }
    if config.interactiveMode == .always {
      throw failure("needs a terminal (interactiveMode: Always), which rollout does not give it")
    }
    guard let executable = ExecPluginProcess.locate(config.command, environment: environment)
    else {
      let hint = config.installHint.map { "\n\n\($0)" } ?? ""
      throw failure("executable not found" + hint)
    }
    var variables = environment
    for variable in config.env { variables[variable.name] = variable.value }
    variables["KUBERNETES_EXEC_INFO"] = ExecCredentialExchange.input(
      apiVersion: config.apiVersion, cluster: config.provideClusterInfo ? cluster : nil)

    let finished: ExecPluginProcess.Finished
    do {
      finished = try await ExecPluginProcess.run(
        executable, arguments: config.args, environment: variables, timeout: timeout)
    } catch {
      switch error {
      case .cannotStart(let reason): throw failure("cannot start: \(reason)")
      case .timedOut: throw failure("did not finish within \(timeout); it was terminated")
      }
    }
    let stderrLine = firstLine(finished.stderr)
    let exit =
      finished.signalled
      ? "was killed by signal \(finished.status)" : "exited with code \(finished.status)"
    guard finished.status == 0, !finished.signalled else {
      throw failure(exit + (stderrLine.map { ": \($0)" } ?? ""))
    }
    do {
      return try ExecCredentialExchange.output(finished.stdout, apiVersion: config.apiVersion)
    } catch {
      throw failure(
        "\(exit) but \(error.message)" + (stderrLine.map { " (stderr: \($0))" } ?? ""))
    }
  }

  /// The first non-empty line of `data`, trimmed.
  private static func firstLine(_ data: Data) -> String? {
    String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline)
      .lazy.map { $0.trimmingCharacters(in: .whitespaces) }.first { !$0.isEmpty }
  }
}

/// Why an exec plugin gave no credential:
///
///     exec plugin aws (users[0].user.exec in /home/me/.kube/config): exited with code 255: Unable to locate credentials
public struct ExecPluginError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The command as configured.
  public var command: String
  /// Where the plugin was configured, when known.
  public var origin: String?
  public var message: String

  public init(command: String, origin: String? = nil, message: String) {
    self.command = command
    self.origin = origin
    self.message = message
  }

  public var description: String {
    "exec plugin \(command)" + (origin.map { " (\($0))" } ?? "") + ": \(message)"
  }
}
