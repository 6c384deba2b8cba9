import Foundation

/// Manifests for the analysis tests: a 5-replica canary with an analysis step between two
/// weights, and the AnalysisTemplate it references (`metric` is the template's metric, as YAML
/// lines indented under `metrics:`).
enum AnalysisManifests {
  static func app(image: String, metric: String) -> String {
    """
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: web
      annotations:
        rollout.dev/strategy: canary
        rollout.dev/strategy-params: |
          steps:
            - setWeight: 20
            - analysis: {templates: [{templateName: health}], args: [{name: version, value: "2"}]}
            - setWeight: 60
    spec:
      replicas: 5
      strategy: {rollingUpdate: {maxSurge: 1, maxUnavailable: 0}}
      selector:
        matchLabels: {app: web}
      template:
        metadata:
          labels: {app: web}
        spec:
          containers:
            - name: web
              image: \(image)
    ---
    apiVersion: argoproj.io/v1alpha1
    kind: AnalysisTemplate
    metadata:
      name: health
    spec:
      args:
        - name: version
      metrics:
    \(metric)
    """
  }

  /// `error-rate` from the simulation or Prometheus: under 0.05 passes, over 0.1 fails.
  static func errorRate(
    provider: String = "prometheus: {address: \"http://prometheus.example:9090\", query: x}",
    interval: String = "30s", count: Int = 3, failureLimit: Int = 0, errorLimit: Int = 4
  ) -> String {
    """
        - name: error-rate
          interval: \(interval)
          count: \(count)
          successCondition: result[0] < 0.05
          failureCondition: result[0] > 0.1
          failureLimit: \(failureLimit)
          consecutiveErrorLimit: \(errorLimit)
          provider:
            \(provider)
    """
  }

  /// Writes v1 and v2 (image `example/web:1.0` and `2.0`) of the app to the sandbox.
  static func write(_ box: Sandbox, metric: String) throws -> (v1: String, v2: String) {
    (
      try box.write("v1.yaml", app(image: "example/web:1.0", metric: metric)),
      try box.write("v2.yaml", app(image: "example/web:2.0", metric: metric))
    )
  }
}
