extension KubeconfigLoader {
  /// What a controller uses: the kubeconfig when there is one, else the pod's service account
  /// (`InClusterConfig`), as client-go's deferred loading falls back.
  ///
  /// The service account is used only when neither `explicitPath` nor `context` is given and
  /// no kubeconfig file exists (none that `KUBECONFIG` lists, or no `$HOME/.kube/config`);
  /// `namespace` still overrides its namespace.
  ///
  /// - Throws: `KubeconfigError`: the kubeconfig's problem, the in-cluster token's when the
  ///   service variables are set but the token is missing, or, outside a cluster, the missing
  ///   kubeconfig.
  public func loadOrInCluster(
    serviceAccountDirectory: String = InClusterConfig.defaultDirectory
  ) throws(KubeconfigError) -> ClusterConnection {
    guard explicitPath?.isEmpty ?? true, context?.isEmpty ?? true,
      !MergedKubeconfig.anyFileExists(environment: environment),
      var connection = try InClusterConfig.load(
        environment: environment, directory: serviceAccountDirectory)
    else { return try load() }
    if let namespace, !namespace.isEmpty { connection.namespace = namespace }
    return connection
  }
}
