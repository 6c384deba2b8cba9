import ArgumentParser
import RolloutController

/// `rollout install`: prints the manifests that run `rollout controller` on a cluster, for
/// `kubectl apply -f -`.
struct InstallCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "install",
    abstract: "Print the manifests that run `rollout controller` on a Kubernetes cluster.",
    discussion: """
      Prints, as multi-document YAML on standard output: the rollouts.argoproj.io \
      CustomResourceDefinition (Argo Rollouts' Rollout, v1alpha1), the namespace, the \
      controller's ServiceAccount, a least-privilege ClusterRole and its binding, the \
      controller's Deployment (2 replicas with leader election, non-root) and a Service for its \
      metrics. Nothing is sent anywhere: apply it with

        rollout install --image registry.example/rollout:0.1.0 | kubectl apply -f -
      """)

  @Option(help: "The namespace the controller runs in (created by the manifests).")
  var namespace = InstallOptions.defaultNamespace
  @Option(help: "The controller's container image.")
  var image = InstallOptions.defaultImage
  @Option(help: "The port of the controller's /metrics, /healthz and /readyz.")
  var metricsPort = InstallOptions.defaultMetricsPort

  var options: InstallOptions {
    InstallOptions(namespace: namespace, image: image, metricsPort: metricsPort)
  }

  /// Prints the manifests; an option the cluster would refuse is bad input (exit 2), naming
  /// the flag, and nothing is printed.
  func run() throws {
    let text: String
    do {
      text = try InstallManifests.yaml(options)
    } catch let error as InstallOptionsError {
      throw InputError(error.description, field: error.flag)
    }
    emit(text)
  }
}
