import Foundation
import Testing

@testable import KubeClient

/// Exec plugins run as `/bin/sh` scripts in a temporary directory.
@Suite struct ExecCredentialSourceTests {
  let scratch: KubeconfigScratch
  let environment = ["PATH": "/usr/bin:/bin"]

  init() throws { scratch = try KubeconfigScratch() }

  /// A script printing an ExecCredential of `apiVersion` whose status is `status` (JSON members),
  /// counting its runs in `runs` (the token's `$n` is the run number).
  private func plugin(_ apiVersion: String, status: String) throws -> String {
    let runs = scratch.path("runs")
    return try scratch.script(
      "plugin-\(UUID().uuidString).sh",
      """
      n=$(( $(cat \(runs) 2>/dev/null || echo 0) + 1 ))
      echo $n > \(runs)
      printf '{"apiVersion":"%s","kind":"ExecCredential","status":{%s}}' '\(apiVersion)' "\(status)"
      """)
  }

  @Test(arguments: ["client.authentication.k8s.io/v1", "client.authentication.k8s.io/v1beta1"])
  func tokenIsReadForEachVersion(apiVersion: String) async throws {
    let command = try plugin(apiVersion, status: #"\"token\":\"run-$n\""#)
    let source = ExecCredentialSource(
      config: ExecPluginConfig(command: command, apiVersion: apiVersion), environment: environment)
    #expect(try await source.current() == .bearer("run-1"))
    #expect(try await source.current() == .bearer("run-1"))
    await source.invalidate()
    #expect(try await source.current() == .bearer("run-2"))
  }

  @Test func concurrentCallersShareOneRun() async throws {
    let command = try plugin("client.authentication.k8s.io/v1", status: #"\"token\":\"run-$n\""#)
    let source = ExecCredentialSource(
      config: ExecPluginConfig(command: command), environment: environment)
    let credentials = try await withThrowingTaskGroup(of: Credential.self) { group in
      for _ in 0..<5 { group.addTask { try await source.current() } }
      return try await group.reduce(into: []) { $0.append($1) }
    }
    #expect(credentials == Array(repeating: .bearer("run-1"), count: 5))
  }

  @Test func expiredCredentialRunsThePluginAgain() async throws {
    let command = try plugin(
      "client.authentication.k8s.io/v1",
      status: #"\"token\":\"run-$n\",\"expirationTimestamp\":\"2001-02-03T04:05:06Z\""#)
    let source = ExecCredentialSource(
      config: ExecPluginConfig(command: command), environment: environment)
    #expect(try await source.current() == .bearer("run-1"))
    #expect(try await source.current() == .bearer("run-2"))
  }

  @Test func credentialIsKeptUntilItsExpiry() async throws {
    let command = try plugin(
      "client.authentication.k8s.io/v1",
      status: #"\"token\":\"run-$n\",\"expirationTimestamp\":\"2030-01-01T00:00:00.5+01:00\""#)
    let clock = ManualClock(Date(timeIntervalSince1970: 1_800_000_000))  // 2027
    let source = ExecCredentialSource(
      config: ExecPluginConfig(command: command), environment: environment, now: clock.now)
    #expect(try await source.current() == .bearer("run-1"))
    #expect(try await source.current() == .bearer("run-1"))
    clock.set(Date(timeIntervalSince1970: 1_900_000_000))  // 2030-03
    #expect(try await source.current() == .bearer("run-2"))
  }

  @Test func clientCertificateIsRead() async throws {
    let command = try plugin(
      "client.authentication.k8s.io/v1",
      status: #"\"clientCertificateData\":\"CERT\",\"clientKeyData\":\"KEY\""#)
    let source = ExecCredentialSource(
      config: ExecPluginConfig(command: command), environment: environment)
    #expect(
      try await source.current()
        == .clientCertificate(certificate: Array("CERT".utf8), key: Array("KEY".utf8)))
  }

  @Test func clusterInfoAndEnvReachThePlugin() async throws {
    let command = try scratch.script(
      "check.sh",
      """
      case "$KUBERNETES_EXEC_INFO" in
        *'"kind":"ExecCredential"'*'"cluster":{'*'"server":"https://kube.example:6443"'*) ;;
        *) echo "no cluster in $KUBERNETES_EXEC_INFO" >&2; exit 3 ;;
      esac
      case "$KUBERNETES_EXEC_INFO" in *'"interactive":false'*) ;; *) exit 4 ;; esac
      printf '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"%s"}}' "$GREETING"
      """)
    let kubeconfig = try scratch.write(
      "config",
      """
      current-context: main
      clusters: [{name: c, cluster: {server: "https://kube.example:6443"}}]
      users:
      - name: u
        user:
          exec:
            apiVersion: client.authentication.k8s.io/v1
            command: ./check.sh
            interactiveMode: Never
            provideClusterInfo: true
            env: [{name: GREETING, value: hello}]
      contexts: [{name: main, context: {cluster: c, user: u}}]
      """)
    let connection = try KubeconfigLoader(explicitPath: kubeconfig, environment: environment).load()
    let source = try #require(connection.credentials as? ExecCredentialSource)
    #expect(source.config.command == command)
    #expect(try await source.current() == .bearer("hello"))
  }

  @Test func failingPluginNamesCommandExitCodeAndFirstStderrLine() async throws {
    let command = try scratch.script(
      "fail.sh", "echo '' >&2\necho 'Unable to locate credentials' >&2\necho more >&2\nexit 255")
    let source = ExecCredentialSource(
      config: ExecPluginConfig(command: command, origin: "users[0].user.exec in /k"),
      environment: environment)
    let error = await #expect(throws: ExecPluginError.self) { try await source.current() }
    #expect(
      error?.description
        == "exec plugin \(command) (users[0].user.exec in /k): exited with code 255: Unable to locate credentials"
    )
  }

  @Test(arguments: [
    (
      #"{"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","status":{"token":"t"}}"#,
      "is configured for apiVersion client.authentication.k8s.io/v1 but printed client.authentication.k8s.io/v1beta1"
    ),
    (
      #"{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"clientKeyData":"k"}}"#,
      "printed only one of status.clientCertificateData and status.clientKeyData"
    ),
    (
      #"{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"t","expirationTimestamp":"tomorrow"}}"#,
      #"printed status.expirationTimestamp "tomorrow", not an RFC 3339 time"#
    ),
    ("", "printed nothing; expected an ExecCredential as JSON"),
  ])
  func badOutputIsExplained(output: String, problem: String) async throws {
    let command = try scratch.script("out.sh", "echo warning >&2\nprintf '%s' '\(output)'")
    let source = ExecCredentialSource(
      config: ExecPluginConfig(command: command), environment: environment)
    let error = await #expect(throws: ExecPluginError.self) { try await source.current() }
    #expect(error?.message == "exited with code 0 but \(problem) (stderr: warning)")
  }

  @Test func missingCommandShowsTheInstallHint() async throws {
    let source = ExecCredentialSource(
      config: ExecPluginConfig(
        command: "no-such-auth-plugin", installHint: "Install it with: brew install thing"),
      environment: environment)
    let error = await #expect(throws: ExecPluginError.self) { try await source.current() }
    #expect(
      error?.description
        == "exec plugin no-such-auth-plugin: executable not found\n\nInstall it with: brew install thing"
    )
  }

  @Test func slowPluginIsTerminated() async throws {
    let command = try scratch.script("slow.sh", "exec sleep 30")
    let source = ExecCredentialSource(
      config: ExecPluginConfig(command: command), environment: environment,
      timeout: .milliseconds(200))
    let error = await #expect(throws: ExecPluginError.self) { try await source.current() }
    #expect(error?.message.hasPrefix("did not finish within") == true)
  }
}
