import ArgumentParser
import Foundation
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

  /// The connection; a kubeconfig that cannot be read is bad input (exit 2).
  func connection(namespace: String?) throws -> ClusterConnection {
    let environment = ProcessInfo.processInfo.environment
    do {
      if kubeconfig == nil, context == nil, environment["KUBECONFIG"] == nil,
        !FileManager.default.fileExists(atPath: (environment["HOME"] ?? "") + "/.kube/config"),
        var inCluster = try InClusterConfig.load(environment: environment)
      {
        if let namespace { inCluster.namespace = namespace }
        return inCluster
      }
      return try KubeconfigLoader(
        explicitPath: kubeconfig, context: context, namespace: namespace,
        environment: environment
      ).load()
    } catch {
      throw InputError("\(error)")
    }
  }
}
