import ArgumentParser
import KubeClient

/// Which Kubernetes API server to talk to, as kubectl chooses one: `--kubeconfig` (else
/// `KUBECONFIG`, else `~/.kube/config`, else the in-cluster service account) and `--context`.
struct ClusterOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "The kubeconfig to use (default: $KUBECONFIG, else ~/.kube/config, else in-cluster).",
      valueName: "file"))
  var kubeconfig: String?
  @Option(help: ArgumentHelp("The kubeconfig context to use.", valueName: "name"))
  var context: String?

  /// Whether a cluster was asked for (the verbs act on the local store otherwise).
  var isGiven: Bool { kubeconfig != nil || context != nil }

  /// The connection; a kubeconfig that cannot be read is bad input (exit 2). Without a
  /// kubeconfig file, `--kubeconfig` or `--context`, a pod's service account is used.
  func connection(namespace: String?) throws -> ClusterConnection {
    do {
      return try KubeconfigLoader(explicitPath: kubeconfig, context: context, namespace: namespace)
        .loadOrInCluster()
    } catch {
      throw InputError("\(error)")
    }
  }
}
