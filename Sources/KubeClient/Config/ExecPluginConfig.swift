/// A kubeconfig user's `exec` block: the credential plugin to run (`aws eks get-token`,
/// `gke-gcloud-auth-plugin`, `kubelogin`) and how.
public struct ExecPluginConfig: Sendable, Hashable {
  /// The ExecCredential versions a plugin may speak.
  public static let supportedAPIVersions = [
    "client.authentication.k8s.io/v1", "client.authentication.k8s.io/v1beta1",
  ]

  /// `interactiveMode`: whether the plugin may prompt on a terminal.
  public enum InteractiveMode: String, Sendable, Hashable, CaseIterable {
    /// The plugin never prompts.
    case never = "Never"
    /// The plugin may prompt when a terminal is there (never, for `rollout`).
    case ifAvailable = "IfAvailable"
    /// The plugin needs a terminal; it cannot run here.
    case always = "Always"
  }

  /// One `env` entry.
  public struct Variable: Sendable, Hashable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
      self.name = name
      self.value = value
    }
  }

  /// The executable: a name looked up in `PATH`, or a path (a relative one is resolved
  /// against the kubeconfig file that names it).
  public var command: String
  public var args: [String]
  /// `env`: variables set for the plugin on top of the process's own, in order.
  public var env: [Variable]
  /// `apiVersion` of the ExecCredential exchanged, one of `supportedAPIVersions`.
  public var apiVersion: String
  /// `interactiveMode`; `IfAvailable` when the kubeconfig does not say (v1beta1 only: v1
  /// requires it).
  public var interactiveMode: InteractiveMode
  /// `provideClusterInfo`: the cluster's server, CA and TLS settings go to the plugin in
  /// `KUBERNETES_EXEC_INFO`.
  public var provideClusterInfo: Bool
  /// `installHint`: shown when the command is not found.
  public var installHint: String?
  /// Where the block was read, for messages: `users[0].user.exec in /home/me/.kube/config`.
  public var origin: String?

  public init(
    command: String, args: [String] = [], env: [Variable] = [],
    apiVersion: String = "client.authentication.k8s.io/v1",
    interactiveMode: InteractiveMode = .never, provideClusterInfo: Bool = false,
    installHint: String? = nil, origin: String? = nil
  ) {
    self.command = command
    self.args = args
    self.env = env
    self.apiVersion = apiVersion
    self.interactiveMode = interactiveMode
    self.provideClusterInfo = provideClusterInfo
    self.installHint = installHint
    self.origin = origin
  }
}

/// The cluster as an exec plugin sees it in `KUBERNETES_EXEC_INFO` when `provideClusterInfo`
/// is set.
public struct ExecClusterInfo: Sendable, Hashable {
  public var server: String
  /// PEM bytes; sent base64-encoded as `certificate-authority-data`.
  public var certificateAuthorityData: [UInt8]?
  public var insecureSkipTLSVerify: Bool
  public var tlsServerName: String?

  public init(
    server: String, certificateAuthorityData: [UInt8]? = nil, insecureSkipTLSVerify: Bool = false,
    tlsServerName: String? = nil
  ) {
    self.server = server
    self.certificateAuthorityData = certificateAuthorityData
    self.insecureSkipTLSVerify = insecureSkipTLSVerify
    self.tlsServerName = tlsServerName
  }
}
